//! The whole analysis on small logs and on the demo.

use super::*;
use crate::control::Unattended;
use crate::ingest::{LoadOptions, load};

fn orders(csv: &str) -> Orders {
    let loaded = pollster::block_on(load(
        csv.as_bytes(),
        None,
        &LoadOptions::default(),
        &mut Unattended,
    ))
    .expect("loads");
    Orders::from_dataset(&loaded.dataset)
}

fn days(holdout: u32) -> Settings {
    Settings {
        unit: TimeUnit::Days,
        holdout,
        horizon: 30,
        ..Settings::default()
    }
}

fn run(csv: &str, settings: &Settings) -> Result<ValueAnalysis, ValueError> {
    pollster::block_on(analyse(&orders(csv), settings, &mut Unattended))
}

fn notes(csv: &str, settings: &Settings) -> String {
    run(csv, settings).expect("runs").summary.notes.join("\n")
}

#[test]
fn no_purchases_is_an_error() {
    let e = run(
        "customer,date,amount,quantity\na,2024-01-02,-5,-1\n",
        &days(2),
    )
    .expect_err("refused");
    assert!(matches!(e, ValueError::NoPurchases), "{e}");
    assert!(e.to_string().contains("no purchases"));
}

#[test]
fn no_repeat_customers_says_what_is_missing() {
    let n = notes(
        "customer,date,amount\na,2024-01-02,5\nb,2024-01-05,6\nc,2024-01-09,7\n",
        &days(2),
    );
    assert!(
        n.contains("No customer bought twice (in different days): BG/NBD needs repeat customers"),
        "{n}"
    );
}

#[test]
fn one_customer_says_so() {
    let v = run(
        "customer,date,amount\na,2024-01-02,5\na,2024-01-05,6\na,2024-01-09,7\n",
        &days(2),
    )
    .expect("runs");
    let s = v.summary();
    assert_eq!(s.customers, 1);
    assert!(
        s.notes.iter().any(|n| n.contains("only one customer")),
        "{:?}",
        s.notes
    );
    assert!(s.bgnbd.is_none() && s.churn.is_none());
}

#[test]
fn all_purchases_on_one_day_says_so() {
    let n = notes(
        "customer,date,amount\na,2024-01-02,5\nb,2024-01-02,6\nc,2024-01-02,7\n",
        &days(1),
    );
    assert!(n.contains("All purchases are on one day"), "{n}");
    let weeks = notes(
        "customer,date,amount\na,2024-01-02,5\na,2024-01-03,6\nb,2024-01-04,7\n",
        &Settings::default(),
    );
    assert!(weeks.contains("All purchases fall in one week"), "{weeks}");
}

#[test]
fn zero_amounts_leave_gamma_gamma_out_with_a_reason() {
    let n = notes(
        "customer,date,amount\na,2024-01-02,0\na,2024-01-05,0\nb,2024-01-03,0\nb,2024-01-09,0\n\
         c,2024-01-04,0\nc,2024-01-06,0\nd,2024-01-08,0\n",
        &days(2),
    );
    assert!(n.contains("Gamma-Gamma needs positive amounts"), "{n}");
    assert!(
        n.contains("worth zero or less are left out of Gamma-Gamma"),
        "{n}"
    );
}

#[test]
fn bad_settings_are_refused() {
    let e = run(
        "customer,date,amount\na,2024-01-02,5\n",
        &Settings {
            holdout: 0,
            ..days(1)
        },
    )
    .expect_err("refused");
    assert_eq!(e.to_string(), "the holdout must be at least 1 day");
}

#[test]
fn the_demo_runs_end_to_end_and_finds_the_lapsed() {
    let demo = crate::demo::generate(crate::demo::SEED, crate::demo::DemoSize::default());
    let loaded =
        crate::ingest::load_text(&demo.transactions, crate::ingest::TableKind::Transactions);
    let o = Orders::from_dataset(&loaded.dataset);
    let v = pollster::block_on(analyse(&o, &Settings::default(), &mut Unattended)).expect("runs");
    let s = v.summary();
    let fit = s.bgnbd.expect("BG/NBD fitted");
    assert!(fit.r > 0.0 && fit.a > 0.0, "{fit:?}");
    assert!(s.gamma_gamma.is_some(), "{:?}", s.notes);
    assert!(
        s.expected.is_some() && s.alive.is_some(),
        "{:?} {fit:?}",
        s.notes
    );
    assert!(!s.holdout_check.is_empty());
    assert!(s.total_clv > 0.0);
    let churn = s.churn.expect("churn models");
    for m in &churn.models {
        assert!(m.auc > 0.7, "{m:?}");
    }
    assert!(!churn.at_risk.is_empty());
    let loyalty = s.loyalty.expect("loyalty");
    assert!(loyalty.test_r2 > 0.0, "{loyalty:?}");
    let csv = v.csv(&o);
    assert_eq!(csv.lines().count(), s.customers + 1);
}
