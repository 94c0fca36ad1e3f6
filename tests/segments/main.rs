//! The segmentation algorithms against scikit-learn's results on datasets that ship with
//! it (iris, and wine standardised), written by `benches/reference/segments_fixtures.py`
//! (run `scripts/segments-fixtures.sh`), and their refusals of bad input.

// A failed expectation in a helper is a failed test all the same.
#![allow(clippy::expect_used)]

mod bad_input;
mod references;
