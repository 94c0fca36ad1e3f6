//! Degenerate fits: data on which BG/NBD or Gamma-Gamma run off to the edge of their
//! parameters are refitted with a penalizer and say so, or say why the model is not
//! available; a headline is then never 0.00 or NaN.

use super::*;
use crate::control::Unattended;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn analyse_csv(csv: &str) -> ValueAnalysis {
    pollster::block_on(analyse(
        &Orders::from_csv(csv),
        &Settings::default(),
        &mut Unattended,
    ))
    .expect("runs")
}

/// The day `d` days after 2023-01-01.
fn date(d: u64) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2023, 1, 1)
        .and_then(|start| start.checked_add_days(chrono::Days::new(d)))
        .expect("a date")
}

/// Nothing in the summary is NaN: as JSON (serde_json writes NaN as null) its only
/// nulls are the fields documented as optional.
fn no_nan_in(summary: &ValueSummary) {
    let json = serde_json::to_string(summary).expect("JSON");
    assert!(!json.contains("NaN") && !json.contains("inf"), "{json}");
}

#[test]
fn one_repeat_each_at_a_regular_gap_leaves_bgnbd_not_available_and_says_why() {
    // Every customer buys twice, 8 weeks apart, and never again: BG/NBD's dropout
    // parameters run off (a to billions, b to 0: everyone drops out after each purchase)
    // with or without a penalizer. Before, the analysis took the fit, spent minutes in
    // the hypergeometric series and predicted a total of 0.00.
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let mut csv = String::from("customer,date,amount\n");
    for c in 0..600u64 {
        let first = rng.random_range(0..600u64);
        for d in [first, first + 56] {
            let amount = f64::from(rng.random_range(500..5000u32)) / 100.0;
            csv.push_str(&format!("c{c},{},{amount:.2}\n", date(d)));
        }
    }
    let v = analyse_csv(&csv);
    let s = v.summary();
    let notes = s.notes.join("\n");
    assert!(s.bgnbd.is_none() && s.expected.is_none(), "{notes}");
    let missing = s.bgnbd_missing.as_deref().expect("a reason");
    assert!(
        missing.starts_with("BG/NBD's fit ran off to the edge of its parameters")
            && missing.contains("refitted with penalizers of 0.001, 0.01, 0.1 it still"),
        "{missing}"
    );
    assert!(
        notes.contains("BG/NBD is not available: BG/NBD's fit ran off"),
        "{notes}"
    );
    // No total, and the reason why instead of 0.00.
    assert_eq!(s.total_clv, None);
    assert_eq!(s.clv_missing.as_deref(), Some(missing));
    assert!(s.clv_histogram.is_empty());
    assert!(
        v.customers
            .iter()
            .all(|c| c.clv.is_nan() && c.expected.is_nan())
    );
    no_nan_in(&s);
}

/// Customers drawn from BG/NBD's own story with one dropout probability for all
/// (`dropout` after each purchase) and one spend for all (within a few cents of 20): the
/// first fits of both models run off to the edge of their parameters, and a small
/// penalizer brings them back.
fn alike(customers: u64, dropout: f64) -> String {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let mut csv = String::from("customer,date,amount\n");
    for c in 0..customers {
        let join = rng.random_range(0..600u64);
        // Purchases a day, from one every 60 days to one every 10.
        let rate = rng.random_range(1.0 / 60.0..1.0 / 10.0);
        let mut day = join as f64;
        loop {
            let amount = 20.0 + f64::from(rng.random_range(0..9u32)) / 100.0;
            csv.push_str(&format!("c{c},{},{amount:.2}\n", date(day as u64)));
            if rng.random_bool(dropout) {
                break;
            }
            let u: f64 = rng.random_range(f64::EPSILON..1.0);
            day += -u.ln() / rate;
            if day >= 730.0 {
                break;
            }
        }
    }
    csv
}

#[test]
fn a_degenerate_first_fit_is_refitted_with_a_penalizer_and_says_so() {
    let v = analyse_csv(&alike(3000, 0.3));
    let s = v.summary();
    let notes = s.notes.join("\n");
    let bg = s.bgnbd.expect("BG/NBD refitted");
    assert!(
        notes.contains(
            "BG/NBD was refitted with a penalizer of 0.001 because its first fit ran off"
        ),
        "{notes}"
    );
    assert!(super::refit::bgnbd_problem(&bg, 104.0).is_none(), "{bg:?}");
    let gg = s.gamma_gamma.expect("Gamma-Gamma refitted");
    assert!(
        notes.contains("Gamma-Gamma was refitted with a penalizer of"),
        "{notes}"
    );
    assert!(
        gg.q > 1.0 && gg.q < super::refit::GAMMA_GAMMA_LIMIT,
        "{gg:?}"
    );
    // The headline figure is a number, and a plausible one: not 0.00.
    let total = s.total_clv.expect("a total");
    assert!(total.is_finite() && total > 0.0, "{total}");
    assert_eq!(s.clv_missing, None);
    no_nan_in(&s);
}

#[test]
fn a_sound_first_fit_is_kept_without_a_penalizer() {
    // The demo's customers differ in how often they buy and when they stop.
    let demo = crate::demo::generate(crate::demo::SEED, crate::demo::DemoSize::default());
    let s = analyse_csv(&demo.transactions).summary;
    assert!(
        !s.notes.iter().any(|n| n.contains("refitted")),
        "{:?}",
        s.notes
    );
    assert!(s.bgnbd.is_some() && s.gamma_gamma.is_some());
    assert!(s.bgnbd_missing.is_none() && s.gamma_gamma_missing.is_none());
    no_nan_in(&s);
}
