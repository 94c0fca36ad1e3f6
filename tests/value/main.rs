//! The value analysis against lifetimes' and scikit-learn's results on the CDNOW sample
//! that ships with lifetimes, written by `benches/reference/value_fixtures.py` (run
//! `scripts/value-fixtures.sh`).

// A failed expectation in a helper is a failed test all the same.
#![allow(clippy::expect_used)]

mod references;
mod whole;
