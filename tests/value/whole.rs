//! The whole analysis, as the app runs it, on the demo at 100,000 customers: timed, with
//! the time spent in each stage (run it optimised: `cargo test --release --test value
//! whole -- --ignored --nocapture`).

// A native test that times: the clock is there (it is not in wasm32).
#![allow(clippy::disallowed_methods)]

use crm_lens::control::{Control, Interrupted, Progress, Stage};
use crm_lens::demo::{self, DemoSize};
use crm_lens::ingest::{LoadOptions, load};
use crm_lens::orders::Orders;
use crm_lens::value::{Settings, analyse};
use std::time::{Duration, Instant};

/// Records how long each stage ran (from its first checkpoint to the next stage's) and
/// the longest time between two checkpoints.
struct Stopwatch {
    stages: Vec<(Stage, Duration)>,
    at: Instant,
    longest_gap: Duration,
}

impl Control for Stopwatch {
    async fn checkpoint(&mut self, progress: Progress) -> Result<(), Interrupted> {
        let now = Instant::now();
        let gap = now - self.at;
        self.longest_gap = self.longest_gap.max(gap);
        match self.stages.last_mut() {
            Some((stage, time)) if *stage == progress.stage => *time += gap,
            _ => self.stages.push((progress.stage, gap)),
        }
        self.at = now;
        Ok(())
    }
}

#[test]
#[ignore = "slow unoptimised: run with --release -- --ignored --nocapture"]
fn the_whole_analysis_of_100_000_demo_customers() {
    let size = DemoSize {
        customers: 100_000,
        ..DemoSize::default()
    };
    let demo = demo::generate(demo::SEED, size);
    let loaded = pollster::block_on(load(
        demo.transactions.as_bytes(),
        None,
        &LoadOptions::default(),
        &mut crm_lens::control::Unattended,
    ))
    .expect("loads");
    let orders = Orders::from_dataset(&loaded.dataset);
    let mut watch = Stopwatch {
        stages: Vec::new(),
        at: Instant::now(),
        longest_gap: Duration::ZERO,
    };
    let start = Instant::now();
    let value =
        pollster::block_on(analyse(&orders, &Settings::default(), &mut watch)).expect("runs");
    let total = start.elapsed();
    let tail = watch.at.elapsed();
    let s = value.summary();
    eprintln!(
        "{} order lines, {} customers: analyse {:.3} s; longest between checkpoints {:.3} s, \
         after the last {:.3} s",
        orders.customer.len(),
        s.customers,
        total.as_secs_f64(),
        watch.longest_gap.as_secs_f64(),
        tail.as_secs_f64()
    );
    for (stage, time) in &watch.stages {
        eprintln!(
            "  {stage:?} (time up to its checkpoints): {:.3} s",
            time.as_secs_f64()
        );
    }
    assert!(s.customers > 99_000, "{}", s.customers);
    assert!(s.churn.is_some() && s.loyalty.is_some(), "{:?}", s.notes);
}
