//! The recommender against a plain numpy/scipy computation of item-item cosine
//! similarities and item-based top-N lists (`tests/fixtures/recommend/`, written by
//! `benches/reference/recommend_fixtures.py`; run `scripts/recommend-fixtures.sh`), on
//! the supermarket baskets (one customer per basket) and on the demo.

// A failed expectation in a helper is a failed test all the same.
#![allow(clippy::expect_used)]

mod references;
