//! The offline evaluation: hold out each customer's last order, build everything from
//! the rest, and measure how well each method's top k predicts the held-out order.
//!
//! **Protocol.** An order's date is the latest date of its purchase lines (returns are
//! not purchases). A customer with at least two orders has their last order held out:
//! the latest date, ties by the order that comes later in the file. Every model
//! (similarities, rules, popularity, segment popularity, and the RFM segments when they
//! are not given) is built from the remaining purchase lines only; the held-out lines are
//! read for nothing but the targets. (Segments given by a segmentation were made from
//! all orders; only which items are popular in them comes from the training lines.)
//!
//! **What counts.** The target set `T` of a customer is the items of the held-out order;
//! when repeats are not allowed, only the items they had not bought before (the lists
//! cannot contain the others). A customer with no such item is skipped, as is a customer
//! with one order. For the top `k` list `L` (which may be shorter than `k`):
//! `precision = |L ∩ T| / k`, `recall = |L ∩ T| / |T|`, `hit = |L ∩ T| > 0`,
//! `NDCG = Σ_{r: L_r ∈ T} 1/log2(r + 1) / Σ_{r=1}^{min(|T|, k)} 1/log2(r + 1)`, each
//! averaged over the evaluated customers; coverage is the share of the items bought in
//! the training lines that appear in some evaluated customer's list. The methods are
//! measured alone (a method with nothing to say gives an empty list); the blend as the
//! user gets it (with the popular fallback and filling).
//!
//! **Sample.** Above [`EVALUATION_SAMPLE`] customers with two orders or more, the
//! measures are taken on a seeded random sample of that many of them (the models are
//! still built from every customer's training lines): recommending for a customer costs
//! the same whether it is for the evaluation or for the list, and at 100,000 customers
//! the evaluation would otherwise double the time of a run. The others are neither
//! tested nor counted as left out.

use super::SegmentLabels;
use super::blend::{Engine, Lists, Scored};
use super::matrix::{self, name_ranks};
use super::params::Checked;
use super::segment::rfm_labels;
use super::summary::{Evaluation, Method, MethodScore};
use crate::control::{Control, Interrupted, Progress, Stage};
use crate::orders::{NONE, Orders};
use crate::segments::choose_k::sample_rows;

/// Customers with two orders or more above which a seeded sample of this many is
/// evaluated.
pub const EVALUATION_SAMPLE: usize = 20_000;
/// The sample's seed.
const SAMPLE_SEED: u64 = 20_261_122;

/// The split: per customer whether they are evaluated and their held-out order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Split {
    /// Each customer's held-out order (`None`: fewer than two orders).
    pub held_out: Vec<Option<u32>>,
}

impl Split {
    /// Finds every customer's last order among the purchase lines with an item.
    pub fn new(orders: &Orders) -> Self {
        let n = orders.customer_count();
        let Some((item_of, _, _)) = matrix::items(orders) else {
            return Self {
                held_out: vec![None; n],
            };
        };
        // Latest date of each order.
        let mut order_date = vec![i64::MIN; orders.order_count as usize];
        for (line, &item) in item_of.iter().enumerate() {
            if !orders.returned[line] && item != NONE {
                let d = &mut order_date[orders.order[line] as usize];
                *d = (*d).max(orders.date[line]);
            }
        }
        // Per customer: the last order and whether there is another.
        let mut last: Vec<Option<u32>> = vec![None; n];
        let mut several = vec![false; n];
        for (line, &item) in item_of.iter().enumerate() {
            if orders.returned[line] || item == NONE {
                continue;
            }
            let (c, o) = (orders.customer[line] as usize, orders.order[line]);
            match last[c] {
                None => last[c] = Some(o),
                Some(l) if l == o => {}
                Some(l) => {
                    several[c] = true;
                    if (order_date[o as usize], o) > (order_date[l as usize], l) {
                        last[c] = Some(o);
                    }
                }
            }
        }
        let held_out = last
            .into_iter()
            .zip(several)
            .map(|(l, s)| if s { l } else { None })
            .collect();
        Self { held_out }
    }

    /// Whether line `line` of `orders` is in a held-out order.
    pub fn is_held_out(&self, orders: &Orders, line: usize) -> bool {
        self.held_out[orders.customer[line] as usize] == Some(orders.order[line])
    }
}

/// The lines of `orders` that `keep` accepts, with the same customers, items and orders.
pub fn subset(orders: &Orders, keep: impl Fn(usize) -> bool) -> Orders {
    let lines: Vec<usize> = (0..orders.len()).filter(|&l| keep(l)).collect();
    let pick = |v: &Vec<u32>| lines.iter().map(|&l| v[l]).collect::<Vec<u32>>();
    Orders {
        customer: pick(&orders.customer),
        order: pick(&orders.order),
        date: lines.iter().map(|&l| orders.date[l]).collect(),
        product: orders.product.as_ref().map(pick),
        category: orders.category.as_ref().map(pick),
        quantity: lines.iter().map(|&l| orders.quantity[l]).collect(),
        amount: lines.iter().map(|&l| orders.amount[l]).collect(),
        returned: lines.iter().map(|&l| orders.returned[l]).collect(),
        kind: lines
            .iter()
            .filter_map(|&l| orders.kind.get(l).copied())
            .collect(),
        customer_names: orders.customer_names.clone(),
        customer_values: orders.customer_values.clone(),
        product_names: orders.product_names.clone(),
        category_names: orders.category_names.clone(),
        order_count: orders.order_count,
        amount_source: orders.amount_source,
        order_source: orders.order_source,
        notes: Vec::new(),
    }
}

/// The methods' top-k lists for every evaluated customer, made from the training lines
/// only (customer, then the lists in [`Method::ALL`] order). Public for the leakage test.
pub async fn holdout_lists<C: Control>(
    orders: &Orders,
    split: &Split,
    segments: Option<&SegmentLabels>,
    params: &Checked,
    control: &mut C,
) -> Result<Vec<(usize, [Vec<u32>; 6])>, Interrupted> {
    let mut out = Vec::new();
    run(
        orders,
        split,
        None,
        segments,
        params,
        control,
        |u, lists| {
            out.push((u, top_items(lists, params.top_n)));
        },
    )
    .await?;
    Ok(out)
}

/// The top-k item ids of each method, in [`Method::ALL`] order.
fn top_items(lists: &Lists, k: usize) -> [Vec<u32>; 6] {
    let ids = |l: &[Scored]| l.iter().take(k).map(|s| s.item).collect::<Vec<u32>>();
    [
        lists.blend.iter().take(k).map(|b| b.0).collect(),
        ids(&lists.item),
        ids(&lists.user),
        ids(&lists.segment),
        ids(&lists.rules),
        ids(&lists.popular),
    ]
}

/// Builds the models on the training lines and calls `each` with the lists of every
/// customer with a held-out order (of those `chosen` marks, when given).
async fn run<C: Control>(
    orders: &Orders,
    split: &Split,
    chosen: Option<&[bool]>,
    segments: Option<&SegmentLabels>,
    params: &Checked,
    control: &mut C,
    mut each: impl FnMut(usize, &Lists),
) -> Result<(), Interrupted> {
    let keep = |line: usize| !split.is_held_out(orders, line);
    let Some((m, baskets, _)) = matrix::from_orders(orders, keep) else {
        return Ok(());
    };
    let labels = match segments {
        Some(labels) => labels.clone(),
        None => rfm_labels(&subset(orders, keep), control).await?,
    };
    let Some((_, names, _)) = matrix::items(orders) else {
        return Ok(());
    };
    let rank = name_ranks(names);
    let mut engine = Engine::build(&m, &baskets, &labels, params, &rank, control).await?;
    let mut lists = Lists::default();
    let total = split.held_out.len();
    for (u, held) in split.held_out.iter().enumerate() {
        if u % 256 == 0 {
            let progress = Progress {
                stage: Stage::Evaluating,
                done: u as u64,
                total: Some(total as u64),
            };
            control.checkpoint(progress).await?;
        }
        if held.is_none() || chosen.is_some_and(|c| !c[u]) {
            continue;
        }
        engine.recommend(u, &mut lists);
        each(u, &lists);
    }
    Ok(())
}

/// Running sums of one method's measures.
#[derive(Debug, Clone, Default)]
struct Sums {
    precision: f64,
    recall: f64,
    hits: f64,
    ndcg: f64,
    seen: Vec<bool>,
}

/// How many customers with two orders or more were evaluated, when it was a sample.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sampled {
    /// Customers in the sample.
    pub sample: usize,
    /// Customers with two orders or more.
    pub of: usize,
}

/// Evaluates every method (see the module's documentation); also says whether the
/// customers evaluated were a sample.
pub async fn evaluate<C: Control>(
    orders: &Orders,
    segments: Option<&SegmentLabels>,
    params: &Checked,
    control: &mut C,
) -> Result<(Option<Evaluation>, Option<Sampled>), Interrupted> {
    let split = Split::new(orders);
    let eligible: Vec<usize> = (0..split.held_out.len())
        .filter(|&c| split.held_out[c].is_some())
        .collect();
    if eligible.is_empty() {
        return Ok((None, None));
    }
    let Some((item_of, names, _)) = matrix::items(orders) else {
        return Ok((None, None));
    };
    let (chosen, sampled) = if eligible.len() > EVALUATION_SAMPLE {
        let mut chosen = vec![false; split.held_out.len()];
        for row in sample_rows(eligible.len(), EVALUATION_SAMPLE, SAMPLE_SEED) {
            chosen[eligible[row]] = true;
        }
        let sampled = Sampled {
            sample: EVALUATION_SAMPLE,
            of: eligible.len(),
        };
        (Some(chosen), Some(sampled))
    } else {
        (None, None)
    };
    // Customers neither tested nor left out.
    let unsampled = sampled.map_or(0, |s| s.of - s.sample);
    // Targets and training items per evaluated customer.
    let n = orders.customer_count();
    let mut targets: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut before: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut catalogue = vec![false; names.len()];
    for (line, &item) in item_of.iter().enumerate() {
        if orders.returned[line] || item == NONE {
            continue;
        }
        let c = orders.customer[line] as usize;
        if split.is_held_out(orders, line) {
            targets[c].push(item);
        } else {
            catalogue[item as usize] = true;
            if split.held_out[c].is_some() {
                before[c].push(item);
            }
        }
    }
    for c in 0..n {
        targets[c].sort_unstable();
        targets[c].dedup();
        if !params.allow_repeats {
            before[c].sort_unstable();
            let bought = &before[c];
            targets[c].retain(|i| bought.binary_search(i).is_err());
        }
    }
    let k = params.top_n;
    let ideal: Vec<f64> = (0..=k)
        .scan(0.0, |sum, r| {
            if r > 0 {
                *sum += 1.0 / ((r + 1) as f64).log2();
            }
            Some(*sum)
        })
        .collect();
    let mut sums: Vec<Sums> = (0..6)
        .map(|_| Sums {
            seen: vec![false; names.len()],
            ..Sums::default()
        })
        .collect();
    let mut evaluated = 0usize;
    run(
        orders,
        &split,
        chosen.as_deref(),
        segments,
        params,
        control,
        |u, lists| {
            let target = &targets[u];
            if target.is_empty() {
                return;
            }
            evaluated += 1;
            for (method, list) in top_items(lists, k).iter().enumerate() {
                let s = &mut sums[method];
                let mut hits = 0usize;
                let mut dcg = 0.0;
                for (r, &item) in list.iter().enumerate() {
                    s.seen[item as usize] = true;
                    if target.binary_search(&item).is_ok() {
                        hits += 1;
                        dcg += 1.0 / ((r + 2) as f64).log2();
                    }
                }
                s.precision += hits as f64 / k as f64;
                s.recall += hits as f64 / target.len() as f64;
                s.hits += f64::from(u8::from(hits > 0));
                s.ndcg += dcg / ideal[target.len().min(k)];
            }
        },
    )
    .await?;
    if evaluated == 0 {
        let evaluation = Evaluation {
            k,
            customers: 0,
            skipped: n - unsampled,
            scores: Vec::new(),
        };
        return Ok((Some(evaluation), sampled));
    }
    let catalogue = catalogue.iter().filter(|c| **c).count().max(1) as f64;
    let e = evaluated as f64;
    let scores = Method::ALL
        .iter()
        .zip(&sums)
        .map(|(&method, s)| MethodScore {
            method,
            precision: s.precision / e,
            recall: s.recall / e,
            hit_rate: s.hits / e,
            ndcg: s.ndcg / e,
            coverage: s.seen.iter().filter(|x| **x).count() as f64 / catalogue,
        })
        .collect();
    let evaluation = Evaluation {
        k,
        customers: evaluated,
        skipped: n - unsampled - evaluated,
        scores,
    };
    Ok((Some(evaluation), sampled))
}
