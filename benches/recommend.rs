//! Item-based recommendations for 100,000 customers x 10,000 items (about 1,000,000
//! purchases, Zipf-like popularity): the item-item cosine similarities (each item's 50
//! nearest) and every customer's top 10. Run through `scripts/bench-recommend.sh`, which
//! writes the seeded purchases and times a plain scipy computation on the same data.

use criterion::{Criterion, criterion_group, criterion_main};
use crm_lens::control::Unattended;
use crm_lens::recommend::synthetic::{item_cf_top10, orders_of};
use crm_lens::recommend::{Settings, recommend};
use std::hint::black_box;
use std::time::Instant;

/// The purchases: little-endian u32 pairs (customer, item).
fn read_pairs(path: &str) -> Option<Vec<(u32, u32)>> {
    let bytes = std::fs::read(path).ok()?;
    let words: Vec<u32> = bytes
        .chunks_exact(4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    Some(words.chunks_exact(2).map(|p| (p[0], p[1])).collect())
}

/// The peak resident memory of this process (Linux), in MiB.
fn peak_rss_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

/// Similarities and every customer's top 10; returns the number of items recommended and
/// the sum of their scores.
fn run(pairs: &[(u32, u32)], customers: usize, items: usize) -> (usize, f64) {
    pollster::block_on(item_cf_top10(pairs, customers, items, &mut Unattended)).unwrap_or((0, 0.0))
}

/// The full `recommend()` (every method, every customer, and the last-order
/// evaluation) with the default settings, timed `runs` times (too slow for criterion's
/// samples); prints the best and what it found.
// A native benchmark: the clock works here (criterion times the rest).
#[allow(clippy::disallowed_methods)]
fn full(pairs: &[(u32, u32)], customers: usize, items: usize, runs: usize) {
    let orders = orders_of(pairs, customers, items);
    let mut best = f64::INFINITY;
    for _ in 0..runs {
        let start = Instant::now();
        let found = pollster::block_on(recommend(
            &orders,
            None,
            &Settings::default(),
            &mut Unattended,
        ));
        let s = start.elapsed().as_secs_f64();
        best = best.min(s);
        match found {
            Ok(r) => {
                let summary = r.summary();
                let evaluation = summary.evaluation.as_ref();
                let evaluated = evaluation.map_or(0, |e| e.customers);
                let hit_rate = evaluation
                    .and_then(|e| e.scores.first())
                    .map_or(0.0, |s| s.hit_rate);
                eprintln!(
                    "crm-lens full recommend(): {s:.3} s; {} orders, {evaluated} customers \
                     evaluated, blend hit rate {hit_rate:.6}; notes: {:?}",
                    orders.order_count, summary.notes
                );
            }
            Err(e) => eprintln!("crm-lens full recommend(): {e}"),
        }
    }
    eprintln!(
        "crm-lens full recommend(), best of {runs}: {best:.3} s; peak RSS {} MiB",
        peak_rss_mb().unwrap_or(0)
    );
}

fn bench_recommend(c: &mut Criterion) {
    let path = std::env::var("CRM_LENS_BENCH_RECOMMEND")
        .unwrap_or_else(|_| "target/bench/recommend_100k_x10k.u32".to_owned());
    let Some(pairs) = read_pairs(&path) else {
        eprintln!("{path} is missing: run scripts/bench-recommend.sh");
        return;
    };
    let customers = pairs.iter().map(|p| p.0 as usize + 1).max().unwrap_or(0);
    let items = pairs.iter().map(|p| p.1 as usize + 1).max().unwrap_or(0);
    let (recommended, sum) = run(&pairs, customers, items);
    eprintln!(
        "crm-lens item CF: {customers} customers x {items} items, {} purchases, {recommended} \
         items recommended, score sum {sum:.6}; peak RSS {} MiB",
        pairs.len(),
        peak_rss_mb().unwrap_or(0)
    );
    // CRM_LENS_BENCH_RECOMMEND_FULL=<runs>: also time the full recommend().
    if let Some(runs) = std::env::var("CRM_LENS_BENCH_RECOMMEND_FULL")
        .ok()
        .and_then(|r| r.parse().ok())
    {
        full(&pairs, customers, items, runs);
    }
    let mut group = c.benchmark_group("recommend");
    group.sample_size(10);
    group.bench_function("item_cf_100k_x10k", |b| {
        b.iter(|| black_box(run(black_box(&pairs), customers, items)));
    });
    group.finish();
}

criterion_group!(benches, bench_recommend);
criterion_main!(benches);
