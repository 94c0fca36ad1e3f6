//! The recommendation benchmarks' work, shared so that natively (`benches/recommend.rs`)
//! and in the worker (`bench_recommend*` in `src/bin/worker/bench.rs`) they do exactly
//! the same: item CF on (customer, item) purchases, and a transaction log made of them
//! for the whole recommender.

use super::blend::{Ask, Scored, Scratch};
use super::matrix::Interactions;
use super::{item_cf, similarity};
use crate::control::{Control, Interrupted};
use crate::orders::{DAY, Orders};

/// A transaction log of the purchases, for the full `recommend()`: one line per pair;
/// each customer's items split into about one order per three items (which order by a
/// fixed mix of customer and item), the k-th order on day k; items named so that their
/// names sort as their ids. The native benchmark (`benches/recommend.rs`) and the
/// worker's (`bench_recommend_full`) run the full recommender on this same log.
pub fn orders_of(pairs: &[(u32, u32)], customers: usize, items: usize) -> Orders {
    let mut counts = vec![0u64; customers];
    for &(c, _) in pairs {
        counts[c as usize] += 1;
    }
    let mut first = vec![0u32; customers];
    let mut next = 0u32;
    for (c, &n) in counts.iter().enumerate() {
        first[c] = next;
        next += n.div_ceil(3) as u32;
    }
    let mut order = Vec::with_capacity(pairs.len());
    let mut date = Vec::with_capacity(pairs.len());
    for &(c, i) in pairs {
        let orders_of_c = counts[c as usize].div_ceil(3).max(1);
        let mix = (u64::from(i).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ u64::from(c)) >> 17;
        let k = mix % orders_of_c;
        order.push(first[c as usize] + k as u32);
        date.push((k as i64 + 1) * DAY);
    }
    let n = pairs.len();
    Orders {
        customer: pairs.iter().map(|p| p.0).collect(),
        order,
        date,
        product: Some(pairs.iter().map(|p| p.1).collect()),
        category: None,
        quantity: vec![1.0; n],
        amount: vec![1.0; n],
        returned: vec![false; n],
        customer_names: (0..customers).map(|c| format!("C{c:06}")).collect(),
        customer_values: (1..=customers as u32).collect(),
        product_names: (0..items).map(|i| format!("P{i:05}")).collect(),
        category_names: Vec::new(),
        order_count: next,
        ..Orders::default()
    }
}

/// The item-CF benchmark's work on the purchases: the item-item cosine similarities
/// (each item's 50 nearest) and every customer's top 10 items not bought. Returns the
/// number of items recommended and the sum of their scores, which the native and worker
/// runs print to show they did the same work.
pub async fn item_cf_top10<C: Control>(
    pairs: &[(u32, u32)],
    customers: usize,
    items: usize,
    control: &mut C,
) -> Result<(usize, f64), Interrupted> {
    let m = Interactions::from_pairs(customers, items, pairs);
    let rank: Vec<u32> = (0..items as u32).collect();
    let weights = similarity::customer_weights(&m, false);
    let neighbours = similarity::item_neighbours(&m, &weights, 50, &rank, control).await?;
    let mut scratch = Scratch::new(items);
    let mut out: Vec<Scored> = Vec::new();
    let (mut total, mut sum) = (0, 0.0);
    for u in 0..customers {
        for &i in m.items_of(u) {
            scratch.mine[i as usize] = true;
        }
        let ask = Ask {
            m: &m,
            u,
            allow_repeats: false,
            take: 10,
            rank: &rank,
        };
        item_cf::score(&ask, &neighbours, &mut scratch, &mut out);
        for &i in m.items_of(u) {
            scratch.mine[i as usize] = false;
        }
        total += out.len();
        sum += out.iter().map(|x| x.score).sum::<f64>();
    }
    Ok((total, sum))
}
