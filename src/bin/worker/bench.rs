//! Benchmark entry points: the analyses' benchmark jobs run in this worker, on data the
//! benchmark script fetches from the page's own origin (`tests/browser/bench-analyses.mjs`).
//! Not used by the app; exported on the worker's global scope as `crmLensBench` by
//! `public/worker-boot.js`. They run the same core code as the app's jobs, timed with
//! the worker's clock, so the figures compare with the native benchmarks in
//! `benches/`.

use crm_lens::baskets::{self, Algorithm, Baskets, MinSupport, RulesParams};
use crm_lens::control::Unattended;
use crm_lens::recommend::synthetic::{item_cf_top10, orders_of};
use crm_lens::recommend::{Settings, recommend};
use crm_lens::segments::Matrix;
use crm_lens::segments::kmeans;
use crm_lens::segments::params::{Init, KMeansParams};
use crm_lens::value::{self, rfm::Rfm};
use wasm_bindgen::prelude::*;

/// Milliseconds on the worker's clock.
fn now() -> f64 {
    js_sys::global()
        .unchecked_into::<web_sys::WorkerGlobalScope>()
        .performance()
        .map_or(0.0, |p| p.now())
}

/// Raw little-endian f64 values.
fn floats(bytes: &[u8]) -> Vec<f64> {
    bytes
        .chunks_exact(8)
        .map(|b| f64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
        .collect()
}

/// Lloyd's k-means on `points` (raw f64, `dims` per point) from the given initial
/// centroids, exactly `iterations` iterations, as `benches/kmeans.rs`. Returns
/// `[milliseconds, inertia, iterations, wasm memory in bytes]`.
#[wasm_bindgen]
pub fn bench_kmeans(
    points: &[u8],
    init: &[u8],
    dims: usize,
    iterations: usize,
) -> Result<Vec<f64>, JsError> {
    let values = floats(points);
    let centroids = floats(init);
    let k = centroids.len() / dims.max(1);
    let x = Matrix::new(values.len() / dims.max(1), dims, values)?;
    let config = KMeansParams {
        k,
        restarts: 1,
        max_iter: iterations,
        tol: 0.0,
        init: Init::Given(centroids),
        ..KMeansParams::default()
    }
    .check()?;
    let start = now();
    let fit = at_once(kmeans::fit(&x, &config, &mut Unattended))??;
    let ms = now() - start;
    Ok(vec![ms, fit.inertia, fit.iterations as f64, memory()])
}

/// Frequent itemsets by FP-growth and every rule (confidence and lift 0, no length
/// limit) in baskets given one per line, items separated by tabs, as
/// `benches/baskets.rs` ("analyse"). Returns `[milliseconds, itemsets, rules, wasm
/// memory in bytes]`; reading the text is not timed.
#[wasm_bindgen]
pub fn bench_rules(text: &str, min_support: f64) -> Result<Vec<f64>, JsError> {
    let baskets = Baskets::from_lists(text.lines().map(|line| line.split('\t')));
    let params = RulesParams {
        min_support: MinSupport::Share(min_support),
        min_confidence: 0.0,
        min_lift: 0.0,
        max_len: None,
        max_rules: None,
        algorithm: Algorithm::FpGrowth,
        ..RulesParams::default()
    }
    .check(&baskets)?;
    let start = now();
    let analysis = at_once(baskets::analyse(&baskets, &params, &mut Unattended))??;
    let ms = now() - start;
    Ok(vec![
        ms,
        analysis.itemsets as f64,
        analysis.matched as f64,
        memory(),
    ])
}

/// BG/NBD and Gamma-Gamma fitted to customers given as raw f64 (frequency, recency, T,
/// monetary per customer), then every customer's expected purchases over 52 weeks,
/// probability alive and CLV, as `benches/value.rs`. Returns `[milliseconds, r, alpha,
/// a, b, p, q, v, total CLV, wasm memory in bytes]`; reading the bytes is not timed.
#[wasm_bindgen]
pub fn bench_value(customers: &[u8]) -> Result<Vec<f64>, JsError> {
    let rows: Vec<Rfm> = floats(customers)
        .chunks_exact(4)
        .map(|c| Rfm {
            frequency: c[0] as u32,
            recency: c[1],
            t: c[2],
            monetary: c[3],
        })
        .collect();
    let steps: Vec<f64> = (1..=12).map(|i| f64::from(i) * 4.345).collect();
    let rate = 1.01f64.powf(1.0 / 4.345) - 1.0;
    let start = now();
    let predictions = at_once(value::fit_and_predict(
        &rows,
        0.0,
        52.0,
        &steps,
        rate,
        &mut Unattended,
    ))??
    .ok_or_else(|| JsError::new("a model did not fit"))?;
    let ms = now() - start;
    let (b, g) = (predictions.bgnbd, predictions.gamma_gamma);
    let total: f64 = predictions.customers.iter().map(|c| c[2]).sum();
    Ok(vec![
        ms,
        b.r,
        b.alpha,
        b.a,
        b.b,
        g.p,
        g.q,
        g.v,
        total,
        memory(),
    ])
}

/// Little-endian u32 pairs (customer, item), with the numbers of customers and items.
fn pairs(bytes: &[u8]) -> (Vec<(u32, u32)>, usize, usize) {
    let pairs: Vec<(u32, u32)> = bytes
        .chunks_exact(8)
        .map(|b| {
            (
                u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
                u32::from_le_bytes([b[4], b[5], b[6], b[7]]),
            )
        })
        .collect();
    let customers = pairs.iter().map(|p| p.0 as usize + 1).max().unwrap_or(0);
    let items = pairs.iter().map(|p| p.1 as usize + 1).max().unwrap_or(0);
    (pairs, customers, items)
}

/// Item-based recommendations on purchases given as little-endian u32 pairs (customer,
/// item), as `benches/recommend.rs` (`recommend::synthetic::item_cf_top10`): the item-item cosine similarities (50 nearest per
/// item) and every customer's top 10 items not bought. Returns `[milliseconds, items
/// recommended, sum of their scores, wasm memory in bytes]`; reading the pairs is not
/// timed.
#[wasm_bindgen]
pub fn bench_recommend(bytes: &[u8]) -> Result<Vec<f64>, JsError> {
    let (pairs, customers, items) = pairs(bytes);
    let start = now();
    let (total, sum) = at_once(item_cf_top10(&pairs, customers, items, &mut Unattended))??;
    let ms = now() - start;
    Ok(vec![ms, total as f64, sum, memory()])
}

/// The full `recommend()` the app runs (every method for every customer, and the
/// last-order evaluation, default settings) on a log made from the same pairs as
/// `benches/recommend.rs` (`recommend::synthetic::orders_of`). Returns `[milliseconds,
/// customers evaluated, the blend's hit rate, wasm memory in bytes]`; making the log is
/// not timed.
#[wasm_bindgen]
pub fn bench_recommend_full(bytes: &[u8]) -> Result<Vec<f64>, JsError> {
    let (pairs, customers, items) = pairs(bytes);
    let orders = orders_of(&pairs, customers, items);
    drop(pairs);
    let start = now();
    let found = at_once(recommend(
        &orders,
        None,
        &Settings::default(),
        &mut Unattended,
    ))??;
    let ms = now() - start;
    let evaluation = found.summary().evaluation;
    let evaluated = evaluation.as_ref().map_or(0, |e| e.customers);
    let hit_rate = evaluation
        .as_ref()
        .and_then(|e| e.scores.first())
        .map_or(0.0, |s| s.hit_rate);
    Ok(vec![ms, evaluated as f64, hit_rate, memory()])
}

/// The output of a computation that never waits: with [`Unattended`] every checkpoint
/// is ready, so one poll runs it to the end.
fn at_once<F: std::future::Future>(future: F) -> Result<F::Output, JsError> {
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    match std::pin::pin!(future).poll(&mut context) {
        std::task::Poll::Ready(output) => Ok(output),
        std::task::Poll::Pending => Err(JsError::new("the computation waited")),
    }
}

/// The worker's wasm memory: it never shrinks, so this is its peak.
fn memory() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
}
