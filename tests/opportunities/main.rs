//! Opportunities against a plain pandas/scipy computation of penetrations, indexes,
//! p-values, q-values and expected revenue (`tests/fixtures/opportunities/`, written by
//! `benches/reference/opportunities_fixtures.py`; run `scripts/opportunities-fixtures.sh`)
//! on the demo shop grouped by its customers' region; and the time of a search on a
//! seeded 1,000,000-line log (ignored by default: run it with `--release -- --ignored`).

// A failed expectation in a helper is a failed test all the same.
#![allow(clippy::expect_used)]

mod references;
mod timing;

use crm_lens::control::Unattended;
use crm_lens::ingest::join::{Join, join};
use crm_lens::ingest::{Dataset, LoadOptions, TableKind, load};

/// Loads CSV text as a table of `kind`.
pub fn table(csv: &str, kind: TableKind) -> Dataset {
    let options = LoadOptions {
        kind,
        ..LoadOptions::default()
    };
    pollster::block_on(load(csv.as_bytes(), None, &options, &mut Unattended))
        .expect("loads")
        .dataset
}

/// A log and an extra table joined to it.
pub fn joined(log: &str, extra: &str) -> (Dataset, Dataset, Join) {
    let log = table(log, TableKind::Transactions);
    let extra = table(extra, TableKind::Extra);
    let join = join(&log, &extra);
    (log, extra, join)
}
