//! The browser shells around the core: the worker that owns the data and runs every
//! job, and (feature `ui`) the Leptos app that only renders what the worker sends.
//! Nothing here computes an analysis.

pub mod envelope;
pub mod worker;

#[cfg(feature = "ui")]
pub mod app;
