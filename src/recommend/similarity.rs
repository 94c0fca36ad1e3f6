//! Cosine similarities between items and between customers, on the binary purchase
//! matrix, optionally weighted by inverse frequency (IDF).
//!
//! **Item-item.** Item `i` is the vector over customers `x_ui = w_u` if `u` bought `i`,
//! else 0; `sim(i, j) = Σ_u x_ui x_uj / (‖x_i‖ ‖x_j‖)` (0 when a norm is 0). Without
//! IDF `w_u = 1`, so `sim(i, j) = co(i, j) / (√n_i √n_j)`, computed in that order.
//!
//! **IDF.** Each coordinate of the compared vectors is weighted by its inverse
//! frequency, `ln(N / n)`, where `N` is the number of vectors compared and `n` how many
//! of them have that coordinate. For item-item similarity a customer `u` weighs
//! `w_u = ln(items bought by anyone / items u bought)`: a customer who buys everything
//! says nothing about which items go together (weight 0), and a customer buying few
//! things says a lot. For customer-customer similarity an item `i` weighs
//! `w_i = ln(customers who bought anything / customers who bought i)`: popular items,
//! which everyone shares, count less. (Scaling an item's own vector cannot change an
//! item-item cosine, so the item-item weighting has to be on the customers; this is the
//! TF-IDF weighting of `implicit`'s `TFIDFRecommender` with a binary TF and `ln(N/n)`
//! instead of `ln(N) - ln(1 + n)`, which can turn negative.)
//!
//! **Neighbours.** Each item keeps its `k` most similar other items with a similarity
//! above 0: higher similarity first, equal similarities (as computed in `f64`) by item
//! name (code point order). Sums run over customers in ascending id, as scipy's sparse
//! product does, so the reference agrees to the last bit without IDF.
//!
//! Written by hand: no maintained crate computes sparse top-k cosine neighbours without
//! a dense item x item matrix or BLAS, which would not fit the worker.

use super::matrix::{Csr, Interactions};
use crate::control::{Control, Interrupted, Progress, Stage};
use std::cmp::Ordering;

/// Units of work between checkpoints.
pub const CHUNK: usize = 256;

/// Each row's nearest neighbours, best first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Neighbours {
    ptr: Vec<usize>,
    ids: Vec<u32>,
    sims: Vec<f64>,
}

impl Neighbours {
    /// Row `r`'s neighbours and their similarities, best first.
    pub fn of(&self, r: usize) -> (&[u32], &[f64]) {
        let range = self.ptr[r]..self.ptr[r + 1];
        (&self.ids[range.clone()], &self.sims[range])
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.ptr.len().saturating_sub(1)
    }

    /// Appends a row.
    pub fn push_row(&mut self, row: &[(u32, f64)]) {
        if self.ptr.is_empty() {
            self.ptr.push(0);
        }
        for &(id, sim) in row {
            self.ids.push(id);
            self.sims.push(sim);
        }
        self.ptr.push(self.ids.len());
    }
}

/// The IDF weight of each row of a CSR-like count: `ln(n / count)`, 0 for empty rows.
fn idf(counts: impl Iterator<Item = usize>, n: usize) -> Vec<f64> {
    counts
        .map(|c| {
            if c == 0 {
                0.0
            } else {
                (n as f64 / c as f64).ln()
            }
        })
        .collect()
}

/// Each customer's weight in item-item similarities (squared, as the products use it):
/// 1 without IDF.
pub fn customer_weights(m: &Interactions, use_idf: bool) -> Vec<f64> {
    if !use_idf {
        return vec![1.0; m.customers()];
    }
    let items = (0..m.items())
        .filter(|&i| !m.customers_of(i).is_empty())
        .count();
    idf((0..m.customers()).map(|c| m.items_of(c).len()), items)
        .into_iter()
        .map(|w| w * w)
        .collect()
}

/// Each item's weight in customer-customer similarities (squared): 1 without IDF.
pub fn item_weights(m: &Interactions, use_idf: bool) -> Vec<f64> {
    if !use_idf {
        return vec![1.0; m.items()];
    }
    let customers = (0..m.customers())
        .filter(|&c| !m.items_of(c).is_empty())
        .count();
    idf((0..m.items()).map(|i| m.customers_of(i).len()), customers)
        .into_iter()
        .map(|w| w * w)
        .collect()
}

/// Sorts `(id, similarity)` best first: higher similarity, then lower `rank[id]`.
pub fn best_first(rank: &[u32]) -> impl Fn(&(u32, f64), &(u32, f64)) -> Ordering + '_ {
    move |a, b| {
        b.1.total_cmp(&a.1)
            .then(rank[a.0 as usize].cmp(&rank[b.0 as usize]))
    }
}

/// Keeps the best `k` of `candidates` (best first, see [`best_first`]).
pub fn top_k(candidates: &mut Vec<(u32, f64)>, k: usize, rank: &[u32]) {
    let order = best_first(rank);
    if candidates.len() > k && k > 0 {
        candidates.select_nth_unstable_by(k - 1, &order);
        candidates.truncate(k);
    }
    candidates.sort_unstable_by(&order);
    candidates.truncate(k);
}

/// A dense accumulator with the list of the entries touched, reused between rows.
#[derive(Debug, Clone, Default)]
pub struct Accumulator {
    /// The sums.
    pub values: Vec<f64>,
    /// The entries touched since the last clear.
    pub touched: Vec<u32>,
}

impl Accumulator {
    /// An accumulator of `n` entries.
    pub fn new(n: usize) -> Self {
        Self {
            values: vec![0.0; n],
            touched: Vec::new(),
        }
    }

    /// Adds `value` to entry `i`.
    #[inline]
    pub fn add(&mut self, i: u32, value: f64) {
        let slot = &mut self.values[i as usize];
        if *slot == 0.0 {
            self.touched.push(i);
        }
        *slot += value;
    }

    /// Resets the touched entries to 0.
    pub fn clear(&mut self) {
        for &i in &self.touched {
            self.values[i as usize] = 0.0;
        }
        self.touched.clear();
    }
}

/// Every item's `k` most similar items. `weights` are the customers' squared weights
/// ([`customer_weights`]); `rank` the items' name ranks (the tie rule).
pub async fn item_neighbours<C: Control>(
    m: &Interactions,
    weights: &[f64],
    k: usize,
    rank: &[u32],
    control: &mut C,
) -> Result<Neighbours, Interrupted> {
    let items = m.items();
    let norms: Vec<f64> = (0..items)
        .map(|i| {
            m.customers_of(i)
                .iter()
                .map(|&u| weights[u as usize])
                .sum::<f64>()
                .sqrt()
        })
        .collect();
    let mut acc = Accumulator::new(items);
    let mut out = Neighbours {
        ptr: Vec::with_capacity(items + 1),
        ids: Vec::new(),
        sims: Vec::new(),
    };
    out.ptr.push(0);
    let mut candidates: Vec<(u32, f64)> = Vec::new();
    for i in 0..items {
        if i % CHUNK == 0 {
            control
                .checkpoint(Progress {
                    stage: Stage::Similarity,
                    done: i as u64,
                    total: Some(items as u64),
                })
                .await?;
        }
        for &u in m.customers_of(i) {
            let w = weights[u as usize];
            if w == 0.0 {
                continue;
            }
            for &j in m.items_of(u as usize) {
                acc.add(j, w);
            }
        }
        candidates.clear();
        for &j in &acc.touched {
            if j as usize == i {
                continue;
            }
            let sim = acc.values[j as usize] / (norms[i] * norms[j as usize]);
            if sim > 0.0 {
                candidates.push((j, sim));
            }
        }
        acc.clear();
        top_k(&mut candidates, k, rank);
        for &(j, sim) in &candidates {
            out.ids.push(j);
            out.sims.push(sim);
        }
        out.ptr.push(out.ids.len());
    }
    Ok(out)
}

/// Customer-customer similarities, one customer at a time.
///
/// The search goes through the customer's items to the other buyers of each. When that
/// would be too much work (an item bought by a large share of many customers), items
/// bought by more than a cap ([`UserSearch::set_cap`]) of customers are not searched
/// through; their contribution is still added, exactly, for every customer found
/// through the others.
#[derive(Debug, Clone)]
pub struct UserSearch {
    norms: Vec<f64>,
    weights: Vec<f64>,
    /// Items bought by more customers are not searched through.
    cap: usize,
    acc: Accumulator,
    /// Who bought the items that are not searched through.
    popular: Popular,
}

/// Which customers bought the items that are not searched through, for adding their
/// contribution to the customers found.
#[derive(Debug, Clone)]
enum Popular {
    /// Few such items: per customer, a bit per item (in ascending item order), `words`
    /// words each; and the customer searched for's bits, with each bit's item.
    Bits {
        words: usize,
        bits: Vec<u64>,
        bit_of: Vec<u32>,
        items: Vec<u32>,
        mine: Vec<u64>,
    },
    /// Many: each customer's such items, and the weights of the customer searched
    /// for's, by item (0 elsewhere).
    Lists { of: Csr, mine: Vec<f64> },
}

/// The most work (sum over items of buyers squared) before items are capped.
const USER_SEARCH_BUDGET: f64 = 4.0e8;
/// The most words of bits per customer for the items not searched through (above, a
/// list per customer).
const MAX_WORDS: usize = 2;

impl UserSearch {
    /// Prepares the search. `weights` are the items' squared weights ([`item_weights`]).
    pub fn new(m: &Interactions, weights: Vec<f64>) -> Self {
        let norms: Vec<f64> = (0..m.customers())
            .map(|c| {
                m.items_of(c)
                    .iter()
                    .map(|&i| weights[i as usize])
                    .sum::<f64>()
                    .sqrt()
            })
            .collect();
        let mut sizes: Vec<usize> = (0..m.items()).map(|i| m.customers_of(i).len()).collect();
        sizes.sort_unstable();
        let mut work = 0.0;
        let mut cap = usize::MAX;
        for &n in &sizes {
            work += (n as f64) * (n as f64);
            if work > USER_SEARCH_BUDGET {
                cap = n.saturating_sub(1).max(1);
                break;
            }
        }
        let mut search = Self {
            norms,
            weights,
            cap,
            acc: Accumulator::new(m.customers()),
            popular: Popular::Lists {
                of: Csr::default(),
                mine: Vec::new(),
            },
        };
        search.set_cap(m, cap, MAX_WORDS);
        search
    }

    /// Items bought by more than `cap` customers are not searched through; who bought
    /// them is kept as bits when `max_words` words per customer hold them.
    pub fn set_cap(&mut self, m: &Interactions, cap: usize, max_words: usize) {
        let items: Vec<u32> = (0..m.items() as u32)
            .filter(|&i| m.customers_of(i as usize).len() > cap)
            .collect();
        let words = items.len().div_ceil(64);
        self.popular = if words <= max_words {
            let mut bits = vec![0u64; m.customers() * words];
            let mut bit_of = vec![u32::MAX; m.items()];
            for (b, &i) in items.iter().enumerate() {
                bit_of[i as usize] = b as u32;
                for &c in m.customers_of(i as usize) {
                    bits[c as usize * words + b / 64] |= 1 << (b % 64);
                }
            }
            Popular::Bits {
                words,
                bits,
                bit_of,
                items,
                mine: vec![0; words],
            }
        } else {
            let pairs: Vec<(u32, u32)> = items
                .iter()
                .flat_map(|&i| m.customers_of(i as usize).iter().map(move |&c| (c, i)))
                .collect();
            Popular::Lists {
                of: Csr::from_pairs(m.customers(), &pairs),
                mine: vec![0.0; m.items()],
            }
        };
        self.cap = cap;
    }

    /// Whether some items are too popular to search through.
    pub fn capped(&self) -> bool {
        self.cap != usize::MAX
    }

    /// Customer `u`'s `k` most similar customers (ties by lower customer id) into `out`.
    pub fn neighbours(&mut self, m: &Interactions, u: usize, k: usize, out: &mut Vec<(u32, f64)>) {
        out.clear();
        let items = m.items_of(u);
        let mut skipped = false;
        for &i in items {
            let buyers = m.customers_of(i as usize);
            let w = self.weights[i as usize];
            if buyers.len() > self.cap {
                skipped |= w != 0.0;
                continue;
            }
            if w == 0.0 {
                continue;
            }
            for &v in buyers {
                self.acc.add(v, w);
            }
        }
        let (weights, nu) = (&self.weights, self.norms[u]);
        let (acc, norms) = (&mut self.acc, &self.norms);
        // The similarity of `v` whose sum over the searched items is `dot`.
        let mut found = |v: u32, dot: f64| {
            if v as usize != u {
                let sim = dot / (nu * norms[v as usize]);
                if sim > 0.0 {
                    out.push((v, sim));
                }
            }
        };
        // The skipped items' weights are added to every customer found who bought them,
        // in ascending item order as the search adds them: through each found customer's
        // bits or (short) list of skipped items, rather than by looking the customer up
        // in each skipped item's (long) list of buyers.
        match &mut self.popular {
            _ if !skipped => {
                for &v in &acc.touched {
                    found(v, acc.values[v as usize]);
                }
            }
            Popular::Bits {
                words,
                bits,
                bit_of,
                items: popular,
                mine,
            } => {
                let words = *words;
                for &i in items {
                    let b = bit_of[i as usize];
                    if b != u32::MAX && weights[i as usize] != 0.0 {
                        mine[b as usize / 64] |= 1 << (b % 64);
                    }
                }
                for &v in &acc.touched {
                    let mut dot = acc.values[v as usize];
                    let theirs = &bits[v as usize * words..(v as usize + 1) * words];
                    for (x, (&t, &my)) in theirs.iter().zip(mine.iter()).enumerate() {
                        let mut both = t & my;
                        while both != 0 {
                            let b = x * 64 + both.trailing_zeros() as usize;
                            dot += weights[popular[b] as usize];
                            both &= both - 1;
                        }
                    }
                    found(v, dot);
                }
                mine.fill(0);
            }
            Popular::Lists { of, mine } => {
                for &i in items {
                    if m.customers_of(i as usize).len() > self.cap {
                        mine[i as usize] = weights[i as usize];
                    }
                }
                for &v in &acc.touched {
                    let mut dot = acc.values[v as usize];
                    for &j in of.row(v as usize) {
                        let w = mine[j as usize];
                        if w != 0.0 {
                            dot += w;
                        }
                    }
                    found(v, dot);
                }
                for &i in items {
                    mine[i as usize] = 0.0;
                }
            }
        }
        acc.clear();
        let order = |a: &(u32, f64), b: &(u32, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if out.len() > k && k > 0 {
            out.select_nth_unstable_by(k - 1, order);
            out.truncate(k);
        }
        out.sort_unstable_by(order);
        out.truncate(k);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::control::Unattended;

    fn neighbours(lists: &[Vec<u32>], items: usize, idf: bool, k: usize) -> Neighbours {
        let m = Interactions::from_lists(items, lists);
        let w = customer_weights(&m, idf);
        let rank: Vec<u32> = (0..items as u32).collect();
        pollster::block_on(item_neighbours(&m, &w, k, &rank, &mut Unattended)).unwrap()
    }

    #[test]
    fn item_cosine_by_hand() {
        // Item 0: customers 0, 1, 2; item 1: 0, 1; item 2: 2; item 3: 3.
        let n = neighbours(&[vec![0, 1], vec![0, 1], vec![0, 2], vec![3]], 4, false, 10);
        let (ids, sims) = n.of(0);
        assert_eq!(ids, [1, 2]);
        assert_eq!(sims, [2.0 / (3f64.sqrt() * 2f64.sqrt()), 1.0 / 3f64.sqrt()]);
        assert_eq!(n.of(1).0, [0]);
        assert_eq!(n.of(3).0, [] as [u32; 0]);
    }

    #[test]
    fn ties_go_to_the_lower_rank_and_k_cuts() {
        // Items 1, 2 and 3 are each bought with item 0 by one customer: equal similarity.
        let n = neighbours(&[vec![0, 3], vec![0, 2], vec![0, 1]], 4, false, 2);
        assert_eq!(n.of(0).0, [1, 2]);
    }

    #[test]
    fn idf_weighs_customers_by_how_little_they_buy() {
        // Customer 1 bought every item: weight ln(3/3) = 0, so items 1 and 2 (bought
        // together only by customer 1) are not similar.
        let lists = [vec![0, 1], vec![0, 1, 2], vec![2]];
        let plain = neighbours(&lists, 3, false, 10);
        assert_eq!(plain.of(1).0, [0, 2]);
        let weighted = neighbours(&lists, 3, true, 10);
        assert_eq!(weighted.of(1).0, [0]);
        let w = (1.5f64).ln().powi(2);
        // Item 0: customers 0 (w) and 1 (0); item 1: the same; so cosine 1.
        assert!((weighted.of(1).1[0] - w / (w.sqrt() * w.sqrt())).abs() < 1e-15);
    }

    #[test]
    fn user_neighbours_by_hand_and_with_a_cap() {
        let lists = [vec![0, 1], vec![0, 1], vec![0, 2], vec![3]];
        let m = Interactions::from_lists(4, &lists);
        let mut search = UserSearch::new(&m, item_weights(&m, false));
        let mut out = Vec::new();
        search.neighbours(&m, 0, 5, &mut out);
        let cos = |dot: f64, a: f64, b: f64| dot / (a.sqrt() * b.sqrt());
        assert_eq!(out, [(1, cos(2.0, 2.0, 2.0)), (2, cos(1.0, 2.0, 2.0))]);
        // With item 0 too popular to search through, customer 2 (who shares only
        // item 0) is not found, but customer 1's similarity is still exact.
        for words in [0, 1] {
            // As bits, and (no words allowed) as lists.
            search.set_cap(&m, 2, words);
            search.neighbours(&m, 0, 5, &mut out);
            assert_eq!(out, [(1, cos(2.0, 2.0, 2.0))]);
        }
    }
}
