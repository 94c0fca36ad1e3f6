//! The time of a search on a seeded log of 1,000,000 lines, 40,000 customers, 5,000
//! products in 50 categories and 10 groups (the benchmark size). Ignored by
//! default; `cargo test --release --test opportunities -- --ignored --nocapture`.

// Timing in a test, natively: the clock is what is measured.
#![allow(clippy::disallowed_methods)]

use super::joined;
use crm_lens::control::Unattended;
use crm_lens::opportunities::{Benchmark, GroupBy, Level, Settings, find};
use crm_lens::orders::Orders;
use crm_lens::segments::features::ExtraTable;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::fmt::Write;
use std::time::Instant;

const LINES: usize = 1_000_000;
const CUSTOMERS: usize = 40_000;
const PRODUCTS: usize = 5_000;
const CATEGORIES: usize = 50;
const GROUPS: usize = 10;

/// The log and the customers' groups: each group favours five categories; product
/// popularity falls off as 1/rank within a category; two years of dates.
fn shop() -> (String, String) {
    let mut rng = ChaCha8Rng::seed_from_u64(2024);
    let mut log = String::with_capacity(LINES * 48);
    log.push_str("customer,order,date,product,category,amount\n");
    let mut groups = String::from("customer_id,segment\n");
    for c in 0..CUSTOMERS {
        let _ = writeln!(groups, "C{c:06},G{}", c % GROUPS);
    }
    let per_category = PRODUCTS / CATEGORIES;
    for line in 0..LINES {
        let c = rng.random_range(0..CUSTOMERS);
        let g = c % GROUPS;
        let category = if rng.random_bool(0.5) {
            (g * 5 + rng.random_range(0..5)) % CATEGORIES
        } else {
            rng.random_range(0..CATEGORIES)
        };
        // 1/rank popularity: the rank is e^(u ln n), u uniform.
        let rank = ((rng.random::<f64>() * (per_category as f64).ln()).exp() as usize)
            .min(per_category)
            - 1;
        let product = category * per_category + rank;
        let day = rng.random_range(0..730);
        let _ = writeln!(
            log,
            "C{c:06},O{},{},P{product:05},K{category:02},{}.{:02}",
            line / 3,
            chrono::NaiveDate::from_ymd_opt(2023, 1, 1)
                .expect("a date")
                .checked_add_days(chrono::Days::new(day))
                .expect("a date"),
            rng.random_range(1..60),
            rng.random_range(0..100)
        );
    }
    (log, groups)
}

#[test]
#[ignore = "a benchmark: run with --release -- --ignored --nocapture"]
fn one_million_lines() {
    let start = Instant::now();
    let (log, groups) = shop();
    let (log, extra, join) = joined(&log, &groups);
    let orders = Orders::from_dataset(&log);
    let extras = [ExtraTable {
        name: "customers.csv",
        dataset: &extra,
        join: &join,
    }];
    println!(
        "made and loaded {} lines, {} customers in {:.2?}",
        orders.len(),
        orders.customer_count(),
        start.elapsed()
    );
    for (level, benchmark) in [
        (Level::Category, Benchmark::Everyone),
        (Level::Product, Benchmark::Everyone),
        (Level::Category, Benchmark::LookAlikes { neighbours: 20 }),
    ] {
        let settings = Settings {
            groups: GroupBy::Attribute {
                table: "customers.csv".into(),
                column: "segment".into(),
            },
            level,
            benchmark,
            period_days: None,
            ..Settings::default()
        };
        let start = Instant::now();
        let found = pollster::block_on(find(&orders, &extras, None, &settings, &mut Unattended))
            .expect("finds");
        let took = start.elapsed();
        let s = &found.summary;
        println!(
            "{level:?}, {benchmark:?}: {:.3?} ({} groups, {} items, {} cells tested, {} \
             significant, {} opportunities with contacts)",
            took,
            s.groups.len(),
            s.items,
            s.tested,
            s.significant,
            s.opportunities.len()
        );
        assert_eq!(s.groups.len(), GROUPS);
        assert!(s.significant > 0, "each group favours its own categories");
    }
}
