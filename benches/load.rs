//! Loading a 1,000,000-line transaction log from memory: decode, split, intern, infer
//! types and roles, check rows, profile columns. Run through `scripts/bench-load.sh`,
//! which makes the file and times pandas on the same bytes.

use criterion::{Criterion, criterion_group, criterion_main};
use crm_lens::control::Unattended;
use crm_lens::ingest::{LoadOptions, load};
use std::hint::black_box;

fn bench_load(c: &mut Criterion) {
    let path = std::env::var("CRM_LENS_BENCH_CSV")
        .unwrap_or_else(|_| "target/bench/orders_1m.csv".to_owned());
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("{path} is missing: run scripts/bench-load.sh");
        return;
    };
    let options = LoadOptions::default();
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.bench_function("orders_1m", |b| {
        b.iter(|| {
            let loaded = pollster::block_on(load(&bytes[..], None, &options, &mut Unattended));
            black_box(loaded.map(|loaded| loaded.report.kept).unwrap_or_default())
        })
    });
    group.finish();
}

criterion_group!(benches, bench_load);
criterion_main!(benches);
