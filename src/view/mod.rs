//! Pure presentation helpers for the app: page addresses and numbers as people read
//! them. No web dependency, so they are tested natively.

pub mod chart;
pub mod format;
pub mod route;
pub mod scale;
