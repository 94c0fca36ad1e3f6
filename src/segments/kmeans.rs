//! K-means (Lloyd's algorithm) with k-means++ starts, as scikit-learn's `KMeans`.
//!
//! Each run starts from greedy k-means++ centres (scikit-learn's variant: `2 + ln k`
//! candidates per centre, the one that lowers the total cost most wins) drawn from a
//! `ChaCha8Rng` seeded with the params' seed on a stream per restart, then alternates:
//! assign every point to its nearest centre, move every centre to the mean of its
//! points. A run stops when no label changes, when the centres' total squared shift is
//! at most `tol` times the mean feature variance, or at `max_iter`; then the points are
//! assigned once more to the final centres and the inertia (sum of squared distances to
//! the assigned centre) is computed. A cluster left empty takes the point farthest from
//! its centre, as in scikit-learn. Of all restarts the one with the least inertia wins.
//!
//! With [`Distance::Manhattan`] the same loop assigns by the sum of absolute differences
//! and moves each centre to its cluster's median in every feature (k-medians, which
//! minimises that sum); the inertia is then the sum of distances, and k-means++ draws
//! with probability proportional to the distance instead of its square.
//!
//! Speed: the assignment step, nearly all of the time, compares each point with the
//! centres eight at a time, held feature by feature in fixed-size lanes
//! (`[f64; LANES]`), so the compiler turns the inner loop into SIMD instructions
//! (natively compiled a second time for AVX2 and picked at run time; WebAssembly SIMD
//! once the worker is built with `+simd128`). Points are taken in tiles of 256:
//! each tile is assigned and then added to its clusters' sums while it is in the cache,
//! so the data is read from memory once per iteration. Distances are exact,
//! `sum((x - c)²)` (scikit-learn compares `|c|² - 2 x.c`, which can only differ on near
//! ties). Measured against scikit-learn in `BENCHMARKS.md`.

use super::matrix::Matrix;
use super::params::{Distance, Init, KMeansConfig, SegmentError, squared};
use crate::control::{Control, Progress, Stage};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// Centres compared with a point at once in the assignment step: two AVX2 registers of
/// four `f64` (four WebAssembly SIMD or SSE2 registers of two).
const LANES: usize = 8;
/// Points assigned between two checkpoints.
const CHUNK: usize = 1 << 15;
/// Points assigned, then added to their cluster's sum, at a time.
const TILE: usize = 256;

/// A fitted k-means model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KMeansFit {
    /// Number of clusters.
    pub k: usize,
    /// Features per centroid.
    pub dims: usize,
    /// The centroids, `k` rows of `dims`, row-major.
    pub centroids: Vec<f64>,
    /// Each point's cluster.
    pub labels: Vec<u32>,
    /// Points per cluster.
    pub sizes: Vec<u64>,
    /// Sum of squared distances of points to their centroid (Euclidean), or of
    /// distances (Manhattan).
    pub inertia: f64,
    /// Iterations of the winning run.
    pub iterations: usize,
    /// Whether the winning run converged before the iteration limit.
    pub converged: bool,
    /// Which restart won (from 0).
    pub best_restart: usize,
    /// The inertia of every restart, in order.
    pub restart_inertias: Vec<f64>,
}

impl KMeansFit {
    /// Centroid `c`.
    pub fn centroid(&self, c: usize) -> &[f64] {
        &self.centroids[c * self.dims..(c + 1) * self.dims]
    }
}

/// Checks what k-means needs of the data: at least two points, no more clusters than
/// points, and at least `k` distinct points.
pub fn check_data(x: &Matrix, k: usize) -> Result<(), SegmentError> {
    match x.rows() {
        0 => return Err(SegmentError::NoCustomers),
        1 => return Err(SegmentError::SingleCustomer),
        n if k > n => return Err(SegmentError::TooFewCustomers { k, customers: n }),
        _ => {}
    }
    if x.cols() == 0 {
        return Err(SegmentError::NoFeatures);
    }
    let distinct = x.distinct_rows_up_to(k.max(2));
    if distinct == 1 {
        return Err(SegmentError::AllIdentical);
    }
    if distinct < k {
        return Err(SegmentError::TooFewDistinct { k, distinct });
    }
    Ok(())
}

/// Fits k-means to the rows of `x`.
///
/// ```
/// use crm_lens::control::Unattended;
/// use crm_lens::segments::{Matrix, kmeans};
/// use crm_lens::segments::params::KMeansParams;
///
/// let x = Matrix::from_rows(&[vec![0.0, 0.0], vec![0.0, 1.0], vec![9.0, 9.0], vec![9.0, 8.0]])?;
/// let config = KMeansParams { k: 2, ..KMeansParams::default() }.check()?;
/// let fit = pollster::block_on(kmeans::fit(&x, &config, &mut Unattended))?;
/// assert_eq!(fit.labels[0], fit.labels[1]);
/// assert_ne!(fit.labels[0], fit.labels[2]);
/// assert!((fit.inertia - 1.0).abs() < 1e-12);
/// # Ok::<(), crm_lens::segments::SegmentError>(())
/// ```
pub async fn fit<C: Control>(
    x: &Matrix,
    config: &KMeansConfig,
    control: &mut C,
) -> Result<KMeansFit, SegmentError> {
    let params = config.params();
    let k = params.k;
    check_data(x, k)?;
    let d = x.cols();
    let tol = mean_variance(x) * params.tol;
    let restarts = match params.init {
        Init::Given(_) => 1,
        Init::KMeansPlusPlus => params.restarts,
    };
    let total = (restarts * params.max_iter) as u64;
    let mut best: Option<(Run, usize)> = None;
    let mut restart_inertias = Vec::with_capacity(restarts);
    for restart in 0..restarts {
        let start = match &params.init {
            Init::Given(centroids) => {
                if centroids.len() != k * d {
                    return Err(SegmentError::BadInit {
                        expected: k * d,
                        found: centroids.len(),
                    });
                }
                if let Some(at) = centroids.iter().position(|v| !v.is_finite()) {
                    return Err(SegmentError::NotFinite {
                        row: at / d,
                        column: at % d,
                    });
                }
                centroids.clone()
            }
            Init::KMeansPlusPlus => {
                let mut rng = ChaCha8Rng::seed_from_u64(params.seed);
                rng.set_stream(restart as u64);
                let progress = Progress {
                    stage: Stage::KMeans,
                    done: (restart * params.max_iter) as u64,
                    total: Some(total),
                };
                plus_plus(x, k, params.distance, &mut rng, control, progress).await?
            }
        };
        let base = (restart * params.max_iter) as u64;
        let run = lloyd(x, start, k, params, tol, control, base, total).await?;
        restart_inertias.push(run.inertia);
        // The first of equal inertias wins, as in scikit-learn.
        if best.as_ref().is_none_or(|(b, _)| run.inertia < b.inertia) {
            best = Some((run, restart));
        }
    }
    let (run, best_restart) = best.ok_or(SegmentError::ZeroRestarts)?;
    let mut sizes = vec![0u64; k];
    for &label in &run.labels {
        sizes[label as usize] += 1;
    }
    Ok(KMeansFit {
        k,
        dims: d,
        centroids: run.centroids,
        labels: run.labels,
        sizes,
        inertia: run.inertia,
        iterations: run.iterations,
        converged: run.converged,
        best_restart,
        restart_inertias,
    })
}

/// The mean over features of each feature's variance (population variance, as
/// scikit-learn's tolerance scaling).
fn mean_variance(x: &Matrix) -> f64 {
    let (n, d) = (x.rows(), x.cols());
    if n == 0 || d == 0 {
        return 0.0;
    }
    let mut mean = vec![0.0; d];
    for i in 0..n {
        for (m, v) in mean.iter_mut().zip(x.row(i)) {
            *m += v;
        }
    }
    for m in &mut mean {
        *m /= n as f64;
    }
    let mut var = vec![0.0; d];
    for i in 0..n {
        for ((s, v), m) in var.iter_mut().zip(x.row(i)).zip(&mean) {
            *s += (v - m) * (v - m);
        }
    }
    var.iter().sum::<f64>() / (n as f64 * d as f64)
}

/// One run of Lloyd's algorithm.
struct Run {
    centroids: Vec<f64>,
    labels: Vec<u32>,
    inertia: f64,
    iterations: usize,
    converged: bool,
}

#[allow(clippy::too_many_arguments)]
async fn lloyd<C: Control>(
    x: &Matrix,
    mut centroids: Vec<f64>,
    k: usize,
    params: &super::params::KMeansParams,
    tol: f64,
    control: &mut C,
    base: u64,
    total: u64,
) -> Result<Run, SegmentError> {
    let (n, d) = (x.rows(), x.cols());
    let distance = params.distance;
    let mut labels = vec![0u32; n];
    // Euclidean: the means' sums are added up while assigning, in one pass over the data.
    let mut sums = match distance {
        Distance::Euclidean => Some(Sums::new(k, d)),
        Distance::Manhattan => None,
    };
    let mut strict = false;
    let mut converged = false;
    let mut iterations = 0;
    for iteration in 0..params.max_iter {
        let progress = Progress {
            stage: Stage::KMeans,
            done: base + iteration as u64,
            total: Some(total),
        };
        let packed = Packed::new(&centroids, k, d, distance);
        let changed = assign(x, &packed, &mut labels, sums.as_mut(), control, progress).await?;
        let updated = match &sums {
            Some(sums) => means(x, &labels, &centroids, sums),
            None => medians(x, &labels, &centroids, k),
        };
        let shift = squared(&updated, &centroids);
        centroids = updated;
        iterations = iteration + 1;
        // No label changed since the previous iteration (the first has no previous).
        if changed == 0 && iteration > 0 {
            strict = true;
            converged = true;
            break;
        }
        if shift <= tol {
            converged = true;
            break;
        }
    }
    if !strict {
        // The labels of the final centres.
        let progress = Progress {
            stage: Stage::KMeans,
            done: base + iterations as u64,
            total: Some(total),
        };
        let packed = Packed::new(&centroids, k, d, distance);
        assign(x, &packed, &mut labels, None, control, progress).await?;
    }
    // The inertia from exact distances (the assignment compares `|c|² - 2 x.c`).
    let inertia = (0..n)
        .map(|i| {
            let c = labels[i] as usize;
            distance.cost(x.row(i), &centroids[c * d..(c + 1) * d])
        })
        .sum();
    Ok(Run {
        centroids,
        labels,
        inertia,
        iterations,
        converged,
    })
}

/// Copies of the per-cluster sums: point `i` adds to copy `i % SUM_COPIES`, so that
/// consecutive points of one cluster do not wait for each other's additions.
const SUM_COPIES: usize = 4;

/// The sums and counts of the points assigned to each cluster.
pub(crate) struct Sums {
    k: usize,
    d: usize,
    /// `SUM_COPIES` blocks of `k` rows of `d`.
    sums: Vec<f64>,
    counts: Vec<u64>,
}

impl Sums {
    fn new(k: usize, d: usize) -> Self {
        Self {
            k,
            d,
            sums: vec![0.0; SUM_COPIES * k * d],
            counts: vec![0; k],
        }
    }

    fn clear(&mut self) {
        self.sums.fill(0.0);
        self.counts.fill(0);
    }

    /// Adds the points of `rows` to the sums of their clusters.
    fn add(&mut self, rows: &[f64], labels: &[u32]) {
        let (k, d) = (self.k, self.d);
        for (i, (point, &label)) in rows.chunks_exact(d).zip(labels).enumerate() {
            let at = ((i % SUM_COPIES) * k + label as usize) * d;
            for (s, v) in self.sums[at..at + d].iter_mut().zip(point) {
                *s += v;
            }
            self.counts[label as usize] += 1;
        }
    }

    /// The sums of each cluster (`k` rows of `d`), the copies added up.
    fn totals(&self) -> Vec<f64> {
        let size = self.k * self.d;
        let mut totals = self.sums[..size].to_vec();
        for copy in self.sums.chunks_exact(size).skip(1) {
            for (t, v) in totals.iter_mut().zip(copy) {
                *t += v;
            }
        }
        totals
    }
}

/// The centroids laid out for the assignment step: blocks of [`LANES`] centres, each
/// block `d` rows of [`LANES`] values (feature-major), padded with far-away centres.
pub(crate) struct Packed {
    k: usize,
    d: usize,
    distance: Distance,
    lanes: Vec<[f64; LANES]>,
}

impl Packed {
    pub(crate) fn new(centroids: &[f64], k: usize, d: usize, distance: Distance) -> Self {
        let blocks = k.div_ceil(LANES);
        let mut lanes = vec![[1e300; LANES]; blocks * d];
        for c in 0..k {
            let (block, lane) = (c / LANES, c % LANES);
            for f in 0..d {
                lanes[block * d + f][lane] = centroids[c * d + f];
            }
        }
        Self {
            k,
            d,
            distance,
            lanes,
        }
    }
}

/// Assigns every point of `x` to its nearest packed centroid (adding it to `sums` if
/// given), with a checkpoint every [`CHUNK`] points. Returns how many labels changed.
pub(crate) async fn assign<C: Control>(
    x: &Matrix,
    packed: &Packed,
    labels: &mut [u32],
    mut sums: Option<&mut Sums>,
    control: &mut C,
    progress: Progress,
) -> Result<usize, SegmentError> {
    let mut changed = 0;
    let d = x.cols();
    if let Some(sums) = sums.as_deref_mut() {
        sums.clear();
    }
    for (rows, out) in x.data().chunks(CHUNK * d).zip(labels.chunks_mut(CHUNK)) {
        // Tiles small enough to stay in the cache between assigning their points and
        // adding them up: the data is read from memory once per iteration.
        for (tile, tile_labels) in rows.chunks(TILE * d).zip(out.chunks_mut(TILE)) {
            changed += assign_tile(tile, packed, tile_labels);
            if let Some(sums) = sums.as_deref_mut() {
                sums.add(tile, tile_labels);
            }
        }
        control.checkpoint(progress).await?;
    }
    Ok(changed)
}

/// Assigns the points of `rows` (row-major) to the nearest packed centre; returns how
/// many labels changed.
fn assign_tile(rows: &[f64], packed: &Packed, labels: &mut [u32]) -> usize {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has been checked to support AVX2.
        return unsafe { assign_tile_avx2(rows, packed, labels) };
    }
    assign_tile_portable(rows, packed, labels)
}

/// [`assign_tile_portable`] compiled for AVX2 (natively, on CPUs that have it: the same
/// code as everywhere else, in wider registers).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn assign_tile_avx2(rows: &[f64], packed: &Packed, labels: &mut [u32]) -> usize {
    assign_tile_portable(rows, packed, labels)
}

/// The assignment step's inner loop: each point against the centres [`LANES`] at a
/// time, in fixed-size arrays that the compiler turns into SIMD instructions (AVX2
/// natively, WebAssembly SIMD once the worker is built with `+simd128`). Distances are
/// exact (`sum((x - c)²)`, not `|c|² - 2 x.c`), and the first of equal distances wins.
#[inline(always)]
fn assign_tile_portable(rows: &[f64], packed: &Packed, labels: &mut [u32]) -> usize {
    match packed.distance {
        Distance::Euclidean => nearest::<true>(rows, packed, labels),
        Distance::Manhattan => nearest::<false>(rows, packed, labels),
    }
}

#[inline(always)]
fn nearest<const EUCLIDEAN: bool>(rows: &[f64], packed: &Packed, labels: &mut [u32]) -> usize {
    let (k, d) = (packed.k, packed.d);
    let mut changed = 0;
    for (point, label) in rows.chunks_exact(d).zip(labels.iter_mut()) {
        let mut best = f64::INFINITY;
        let mut best_c = 0u32;
        for (block, lanes) in packed.lanes.chunks_exact(d).enumerate() {
            let mut acc = [0.0f64; LANES];
            for (&v, centre) in point.iter().zip(lanes) {
                for l in 0..LANES {
                    let t = v - centre[l];
                    acc[l] += if EUCLIDEAN { t * t } else { t.abs() };
                }
            }
            let valid = (k - block * LANES).min(LANES);
            for (l, &dist) in acc.iter().enumerate().take(valid) {
                if dist < best {
                    best = dist;
                    best_c = (block * LANES + l) as u32;
                }
            }
        }
        changed += usize::from(*label != best_c);
        *label = best_c;
    }
    changed
}

/// New centroids: the mean of each cluster's points (from the sums added up while
/// assigning). An empty cluster takes the point farthest from its (old) centroid, which
/// leaves its own cluster (as scikit-learn).
fn means(x: &Matrix, labels: &[u32], old: &[f64], sums: &Sums) -> Vec<f64> {
    let (k, d) = (sums.k, x.cols());
    let mut totals = sums.totals();
    let mut counts = sums.counts.clone();
    for (empty, far) in relocations(x, labels, old, &counts, Distance::Euclidean) {
        let point = x.row(far);
        let from = labels[far] as usize;
        for f in 0..d {
            totals[from * d + f] -= point[f];
            totals[empty * d + f] = point[f];
        }
        counts[from] -= 1;
        counts[empty] = 1;
    }
    for c in 0..k {
        if counts[c] == 0 {
            // Still empty (fewer points than clusters moved): keep the old centroid.
            totals[c * d..(c + 1) * d].copy_from_slice(&old[c * d..(c + 1) * d]);
            continue;
        }
        let count = counts[c] as f64;
        for s in &mut totals[c * d..(c + 1) * d] {
            *s /= count;
        }
    }
    totals
}

/// New centroids for Manhattan distance: each cluster's median in every feature (the
/// mean of the two middle values for an even count). An empty cluster takes the point
/// farthest from its centroid.
fn medians(x: &Matrix, labels: &[u32], old: &[f64], k: usize) -> Vec<f64> {
    let (n, d) = (x.rows(), x.cols());
    let mut counts = vec![0u64; k];
    for &label in labels {
        counts[label as usize] += 1;
    }
    // The points grouped by cluster (a counting sort).
    let mut starts = vec![0usize; k + 1];
    for c in 0..k {
        starts[c + 1] = starts[c] + counts[c] as usize;
    }
    let mut next = starts.clone();
    let mut order = vec![0usize; n];
    for (i, &label) in labels.iter().enumerate() {
        order[next[label as usize]] = i;
        next[label as usize] += 1;
    }
    let mut centroids = old.to_vec();
    let mut values = vec![0.0; n];
    for f in 0..d {
        for (slot, &i) in values.iter_mut().zip(&order) {
            *slot = x.row(i)[f];
        }
        for c in 0..k {
            let group = &mut values[starts[c]..starts[c + 1]];
            if let Some(median) = median(group) {
                centroids[c * d + f] = median;
            }
        }
    }
    for (empty, far) in relocations(x, labels, old, &counts, Distance::Manhattan) {
        centroids[empty * d..(empty + 1) * d].copy_from_slice(x.row(far));
    }
    centroids
}

/// The median of `values` (reordered), `None` if empty.
pub(crate) fn median(values: &mut [f64]) -> Option<f64> {
    let len = values.len();
    if len == 0 {
        return None;
    }
    let (lower, middle, _) = values.select_nth_unstable_by(len / 2, f64::total_cmp);
    let middle = *middle;
    if len % 2 == 1 {
        return Some(middle);
    }
    let below = lower.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Some((below + middle) / 2.0)
}

/// For each empty cluster (in order), the point to move there: the points farthest from
/// their centroid, farthest first.
fn relocations(
    x: &Matrix,
    labels: &[u32],
    centroids: &[f64],
    counts: &[u64],
    distance: Distance,
) -> Vec<(usize, usize)> {
    let empty: Vec<usize> = (0..counts.len()).filter(|&c| counts[c] == 0).collect();
    if empty.is_empty() {
        return Vec::new();
    }
    let d = x.cols();
    let mut far: Vec<(f64, usize)> = (0..x.rows())
        .map(|i| {
            let c = labels[i] as usize;
            (distance.cost(x.row(i), &centroids[c * d..(c + 1) * d]), i)
        })
        .collect();
    far.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    empty
        .into_iter()
        .zip(far)
        .map(|(c, (_, i))| (c, i))
        .collect()
}

/// Greedy k-means++ (scikit-learn's `_kmeans_plusplus`): the first centre is a point
/// drawn uniformly; each next one is the best of `2 + ln k` candidates drawn with
/// probability proportional to their cost to the nearest centre so far, "best" meaning
/// the one that leaves the least total cost.
pub(crate) async fn plus_plus<C: Control>(
    x: &Matrix,
    k: usize,
    distance: Distance,
    rng: &mut ChaCha8Rng,
    control: &mut C,
    progress: Progress,
) -> Result<Vec<f64>, SegmentError> {
    let (n, d) = (x.rows(), x.cols());
    let trials = 2 + (k as f64).ln() as usize;
    let mut centres = Vec::with_capacity(k * d);
    let first = rng.random_range(0..n);
    centres.extend_from_slice(x.row(first));
    let mut closest: Vec<f64> = (0..n)
        .map(|i| distance.cost(x.row(i), x.row(first)))
        .collect();
    let mut potential: f64 = closest.iter().sum();
    let mut cumulative = vec![0.0; n];
    let mut candidate_costs = vec![0.0; n];
    let mut best_costs = vec![0.0; n];
    for _ in 1..k {
        control.checkpoint(progress).await?;
        let mut running = 0.0;
        for (c, v) in cumulative.iter_mut().zip(&closest) {
            running += v;
            *c = running;
        }
        let mut best: Option<(f64, usize)> = None;
        for _ in 0..trials {
            let target = rng.random::<f64>() * potential;
            let candidate = cumulative.partition_point(|&c| c < target).min(n - 1);
            let centre = x.row(candidate);
            let mut total = 0.0;
            for (i, (cost, old)) in candidate_costs.iter_mut().zip(&closest).enumerate() {
                *cost = old.min(distance.cost(x.row(i), centre));
                total += *cost;
            }
            if best.is_none_or(|(b, _)| total < b) {
                best = Some((total, candidate));
                std::mem::swap(&mut best_costs, &mut candidate_costs);
            }
        }
        if let Some((total, candidate)) = best {
            centres.extend_from_slice(x.row(candidate));
            potential = total;
            std::mem::swap(&mut closest, &mut best_costs);
        }
    }
    Ok(centres)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::control::Unattended;
    use crate::segments::params::KMeansParams;

    fn fit_k(x: &Matrix, k: usize, distance: Distance) -> Result<KMeansFit, SegmentError> {
        let config = KMeansParams {
            k,
            distance,
            ..KMeansParams::default()
        }
        .check()?;
        pollster::block_on(fit(x, &config, &mut Unattended))
    }

    fn blobs() -> Matrix {
        let mut rows = Vec::new();
        for (cx, cy) in [(0.0, 0.0), (10.0, 0.0), (0.0, 10.0)] {
            for i in 0..20 {
                let a = f64::from(i) * 0.7;
                rows.push(vec![cx + a.sin(), cy + a.cos()]);
            }
        }
        Matrix::from_rows(&rows).expect("finite")
    }

    #[test]
    fn finds_three_separated_blobs() {
        for distance in [Distance::Euclidean, Distance::Manhattan] {
            let fit = fit_k(&blobs(), 3, distance).expect("fits");
            assert_eq!(fit.sizes.len(), 3);
            for blob in fit.labels.chunks(20) {
                assert!(blob.iter().all(|l| *l == blob[0]), "{distance:?}");
            }
            assert!(fit.converged);
            let mut firsts: Vec<u32> = fit.labels.chunks(20).map(|b| b[0]).collect();
            firsts.sort();
            assert_eq!(firsts, [0, 1, 2]);
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_fit() {
        let a = fit_k(&blobs(), 4, Distance::Euclidean).expect("fits");
        let b = fit_k(&blobs(), 4, Distance::Euclidean).expect("fits");
        assert_eq!(a, b);
        assert_eq!(a.restart_inertias.len(), 10);
    }

    #[test]
    fn bad_data_gets_a_clear_error() {
        let one = Matrix::from_rows(&[vec![1.0, 2.0]]).expect("finite");
        assert_eq!(
            fit_k(&one, 1, Distance::Euclidean),
            Err(SegmentError::SingleCustomer)
        );
        let same = Matrix::from_rows(&vec![vec![1.0, 2.0]; 5]).expect("finite");
        assert_eq!(
            fit_k(&same, 2, Distance::Euclidean),
            Err(SegmentError::AllIdentical)
        );
        let three = Matrix::from_rows(&[vec![0.0], vec![1.0], vec![0.0]]).expect("finite");
        assert_eq!(
            fit_k(&three, 4, Distance::Euclidean),
            Err(SegmentError::TooFewCustomers { k: 4, customers: 3 })
        );
        assert_eq!(
            fit_k(&three, 3, Distance::Euclidean),
            Err(SegmentError::TooFewDistinct { k: 3, distinct: 2 })
        );
        let message = fit_k(&three, 4, Distance::Euclidean)
            .expect_err("refused")
            .to_string();
        assert!(message.contains("only 3 customers"), "{message}");
        let empty = Matrix::new(0, 2, vec![]).expect("empty");
        assert_eq!(
            fit_k(&empty, 2, Distance::Euclidean),
            Err(SegmentError::NoCustomers)
        );
    }

    #[test]
    fn given_centroids_run_once_from_there() {
        let config = KMeansParams {
            k: 3,
            init: Init::Given(vec![0.0, 0.0, 10.0, 0.0, 0.0, 10.0]),
            ..KMeansParams::default()
        }
        .check()
        .expect("valid");
        let fit = pollster::block_on(fit(&blobs(), &config, &mut Unattended)).expect("fits");
        assert_eq!(fit.restart_inertias.len(), 1);
        assert_eq!(&fit.labels[..3], [0, 0, 0]);
        assert_eq!(fit.labels[59], 2);
    }

    #[test]
    fn an_empty_cluster_takes_the_farthest_point() {
        let x = Matrix::from_rows(&[vec![0.0], vec![1.0], vec![10.0]]).expect("finite");
        // Both centres start far left: the second gets no point at first.
        let config = KMeansParams {
            k: 2,
            init: Init::Given(vec![-5.0, -6.0]),
            ..KMeansParams::default()
        }
        .check()
        .expect("valid");
        let fit = pollster::block_on(fit(&x, &config, &mut Unattended)).expect("fits");
        assert_eq!(fit.sizes, [2, 1]);
        assert_eq!(fit.centroids, [0.5, 10.0]);
        assert!((fit.inertia - 0.5).abs() < 1e-12);
    }

    #[test]
    fn medians_take_the_middle_or_the_mean_of_the_two_middles() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&mut []), None);
    }

    #[test]
    fn the_lanes_agree_with_plain_distances_for_many_centres() {
        // 11 centres: two blocks, the second partly padding.
        let d = 3;
        let centres: Vec<f64> = (0..11 * d).map(|i| ((i * 37) % 17) as f64).collect();
        let points: Vec<f64> = (0..50 * d).map(|i| ((i * 13) % 19) as f64 * 0.9).collect();
        let packed = Packed::new(&centres, 11, d, Distance::Euclidean);
        let mut labels = vec![0; 50];
        let mut sums = Sums::new(11, d);
        assign_tile(&points, &packed, &mut labels);
        sums.add(&points, &labels);
        let mut portable = vec![0; 50];
        assign_tile_portable(&points, &packed, &mut portable);
        assert_eq!(labels, portable);
        let mut manhattan = vec![0; 50];
        let packed_l1 = Packed::new(&centres, 11, d, Distance::Manhattan);
        assign_tile(&points, &packed_l1, &mut manhattan);
        for (i, point) in points.chunks(d).enumerate() {
            let best = (0..11)
                .min_by(|&a, &b| {
                    let cost =
                        |c: usize| Distance::Manhattan.between(point, &centres[c * d..c * d + d]);
                    cost(a).total_cmp(&cost(b))
                })
                .expect("centres");
            assert_eq!(manhattan[i] as usize, best);
        }
        let totals = sums.totals();
        for c in 0..11 {
            let members: Vec<usize> = (0..50).filter(|&i| labels[i] as usize == c).collect();
            assert_eq!(sums.counts[c], members.len() as u64);
            for f in 0..d {
                let sum: f64 = members.iter().map(|&i| points[i * d + f]).sum();
                assert!((totals[c * d + f] - sum).abs() < 1e-9);
            }
        }
        for (i, point) in points.chunks(d).enumerate() {
            let best = (0..11)
                .min_by(|&a, &b| {
                    squared(point, &centres[a * d..a * d + d])
                        .total_cmp(&squared(point, &centres[b * d..b * d + d]))
                })
                .expect("centres");
            assert_eq!(labels[i] as usize, best);
        }
    }
}
