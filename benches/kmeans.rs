//! K-means (Lloyd) on 1,000,000 x 8 points, k = 8, exactly 20 iterations from given
//! centroids: the assignment and update steps that dominate every fit. Run through
//! `scripts/bench-kmeans.sh`, which writes the data and times scikit-learn's `KMeans`
//! on the same points from the same centroids.

use criterion::{Criterion, criterion_group, criterion_main};
use crm_lens::control::Unattended;
use crm_lens::segments::Matrix;
use crm_lens::segments::kmeans;
use crm_lens::segments::params::{Init, KMeansParams};
use std::hint::black_box;

/// Raw little-endian f64 values.
fn read_f64(path: &str) -> Option<Vec<f64>> {
    let bytes = std::fs::read(path).ok()?;
    Some(
        bytes
            .chunks_exact(8)
            .map(|b| f64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
            .collect(),
    )
}

/// The peak resident memory of this process (Linux), in MB.
fn peak_rss_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

fn bench_kmeans(c: &mut Criterion) {
    let data = std::env::var("CRM_LENS_BENCH_KMEANS")
        .unwrap_or_else(|_| "target/bench/kmeans_1m_x8.f64".to_owned());
    let init = std::env::var("CRM_LENS_BENCH_KMEANS_INIT")
        .unwrap_or_else(|_| "target/bench/kmeans_init_k8.f64".to_owned());
    let (Some(values), Some(centroids)) = (read_f64(&data), read_f64(&init)) else {
        eprintln!("{data} or {init} is missing: run scripts/bench-kmeans.sh");
        return;
    };
    let d = 8;
    let Ok(x) = Matrix::new(values.len() / d, d, values) else {
        eprintln!("{data} holds a value that is not finite");
        return;
    };
    let Ok(config) = (KMeansParams {
        k: 8,
        restarts: 1,
        max_iter: 20,
        tol: 0.0,
        init: Init::Given(centroids),
        ..KMeansParams::default()
    })
    .check() else {
        return;
    };
    // One fit outside the timing, to compare with scikit-learn's.
    if let Ok(fit) = pollster::block_on(kmeans::fit(&x, &config, &mut Unattended)) {
        eprintln!(
            "crm-lens k-means: {} x {d}, k = 8, iterations {}, inertia {:.6}",
            x.rows(),
            fit.iterations,
            fit.inertia
        );
    }
    let mut group = c.benchmark_group("kmeans");
    group.sample_size(10);
    group.bench_function("lloyd_1m_x8_k8_20_iterations", |b| {
        b.iter(|| {
            let fit = pollster::block_on(kmeans::fit(&x, &config, &mut Unattended));
            black_box(fit.map(|f| f.inertia).unwrap_or_default())
        })
    });
    group.finish();
    if let Some(mb) = peak_rss_mb() {
        eprintln!("crm-lens k-means bench: peak RSS {mb} MB");
    }
}

criterion_group!(benches, bench_kmeans);
criterion_main!(benches);
