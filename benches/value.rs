//! BG/NBD and Gamma-Gamma fitted to 100,000 customers' (frequency, recency, T, monetary),
//! then every customer's expected purchases over 52 weeks, probability alive and CLV
//! (12 steps of 4.345 weeks at 1% a step, as lifetimes' `customer_lifetime_value` with
//! `freq="W"`). Run through `scripts/bench-value.sh`, which writes the seeded data
//! (`benches/reference/make_value_data.py`) and times lifetimes on it.

use criterion::{Criterion, criterion_group, criterion_main};
use crm_lens::control::Unattended;
use crm_lens::value::fit_and_predict;
use crm_lens::value::rfm::Rfm;
use std::hint::black_box;

fn read(path: &str) -> Option<Vec<Rfm>> {
    let bytes = std::fs::read(path).ok()?;
    let values: Vec<f64> = bytes
        .chunks_exact(8)
        .map(|b| f64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
        .collect();
    Some(
        values
            .chunks_exact(4)
            .map(|c| Rfm {
                frequency: c[0] as u32,
                recency: c[1],
                t: c[2],
                monetary: c[3],
            })
            .collect(),
    )
}

fn bench_value(c: &mut Criterion) {
    let path = std::env::var("CRM_LENS_BENCH_VALUE")
        .unwrap_or_else(|_| "target/bench/value_100k.f64".to_owned());
    let Some(rows) = read(&path) else {
        eprintln!("{path} is missing: run scripts/bench-value.sh");
        return;
    };
    let steps: Vec<f64> = (1..=12).map(|i| f64::from(i) * 4.345).collect();
    let rate = 1.01f64.powf(1.0 / 4.345) - 1.0;
    let run = || {
        pollster::block_on(fit_and_predict(
            &rows,
            0.0,
            52.0,
            &steps,
            rate,
            &mut Unattended,
        ))
    };
    if let Ok(Some(p)) = run() {
        let (b, g) = (p.bgnbd, p.gamma_gamma);
        let total: f64 = p.customers.iter().map(|c| c[2]).sum();
        eprintln!(
            "crm-lens: {} customers; r {:.6} alpha {:.6} a {:.6} b {:.6}; p {:.6} q {:.6} v {:.6}; \
             total CLV {total:.2}",
            rows.len(),
            b.r,
            b.alpha,
            b.a,
            b.b,
            g.p,
            g.q,
            g.v
        );
    }
    let mut group = c.benchmark_group("value");
    group.sample_size(10);
    group.bench_function("bgnbd_gamma_gamma_fit_predict_100k", |bench| {
        bench.iter(|| black_box(run()))
    });
    group.finish();
}

criterion_group!(benches, bench_value);
criterion_main!(benches);
