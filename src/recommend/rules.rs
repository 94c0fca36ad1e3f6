//! "Often bought with": rules `j -> i` between two items, mined from the orders.
//!
//! Each rule's confidence is `orders with both / orders with j`, as mlxtend's
//! `association_rules` computes it for a one-item antecedent. The rules are counted pair
//! by pair over the orders rather than with [`crate::baskets`]' itemset search: the
//! reason names one item ("often bought with Y"), so only one-item antecedents are
//! needed, and counting pairs directly needs no support threshold that would drop the
//! long tail of a large catalogue. A rule is kept when both items were in at least
//! [`MIN_ORDERS`] orders together and its lift is above 1 (the pair sells together more
//! often than chance); each item keeps its strongest rules (higher confidence first,
//! ties by the consequent's name). A customer's score for `i` is the highest confidence
//! of a rule from an item they bought, which the reason names.

use super::blend::{Ask, Scored, Scratch, Why};
use super::matrix::Csr;
use super::similarity::{CHUNK, Neighbours, top_k};
use crate::control::{Control, Interrupted, Progress, Stage};

/// The fewest orders a pair must share to make a rule.
pub const MIN_ORDERS: u32 = 2;
/// Orders with more items are left out of the pairs (one order of 1,000 items would make
/// half a million pairs that say little about what sells together).
pub const MAX_ORDER_ITEMS: usize = 100;

/// Every item's strongest rules (consequents and confidences). Also returns the number
/// of orders left out for their size.
pub async fn mine<C: Control>(
    baskets: &Csr,
    items: usize,
    keep: usize,
    rank: &[u32],
    control: &mut C,
) -> Result<(Neighbours, usize), Interrupted> {
    let mut in_orders = vec![0u32; items];
    let mut pairs: Vec<u64> = Vec::new();
    let (mut orders, mut too_big) = (0u32, 0usize);
    for o in 0..baskets.rows() {
        if o % (CHUNK * 16) == 0 {
            let progress = Progress {
                stage: Stage::Similarity,
                done: o as u64,
                total: Some(baskets.rows() as u64),
            };
            control.checkpoint(progress).await?;
        }
        let basket = baskets.row(o);
        if basket.is_empty() {
            continue;
        }
        if basket.len() > MAX_ORDER_ITEMS {
            too_big += 1;
            continue;
        }
        orders += 1;
        for (x, &a) in basket.iter().enumerate() {
            in_orders[a as usize] += 1;
            for &b in &basket[x + 1..] {
                pairs.push((u64::from(a) << 32) | u64::from(b));
            }
        }
    }
    pairs.sort_unstable();
    // Each kept pair as two rules, a -> b and b -> a.
    let mut rules: Vec<(u32, u32, f64)> = Vec::new();
    let mut start = 0;
    while start < pairs.len() {
        let pair = pairs[start];
        let mut end = start + 1;
        while end < pairs.len() && pairs[end] == pair {
            end += 1;
        }
        let both = (end - start) as u32;
        start = end;
        let (a, b) = ((pair >> 32) as u32, (pair & 0xFFFF_FFFF) as u32);
        let (na, nb) = (in_orders[a as usize], in_orders[b as usize]);
        let lift = f64::from(both) * f64::from(orders) / (f64::from(na) * f64::from(nb));
        if both >= MIN_ORDERS && lift > 1.0 {
            rules.push((a, b, f64::from(both) / f64::from(na)));
            rules.push((b, a, f64::from(both) / f64::from(nb)));
        }
    }
    rules.sort_unstable_by_key(|r| r.0);
    let mut out = Neighbours::default();
    let mut candidates = Vec::new();
    let mut r = 0;
    for a in 0..items as u32 {
        candidates.clear();
        while r < rules.len() && rules[r].0 == a {
            candidates.push((rules[r].1, rules[r].2));
            r += 1;
        }
        top_k(&mut candidates, keep, rank);
        out.push_row(&candidates);
    }
    Ok((out, too_big))
}

/// The customer's best items by the rules from what they bought (see [`Ask`]).
pub fn score(ask: &Ask, rules: &Neighbours, scratch: &mut Scratch, out: &mut Vec<Scored>) {
    let &Ask {
        m,
        u,
        allow_repeats,
        take,
        rank,
    } = ask;
    out.clear();
    for &j in m.items_of(u) {
        let (ids, confidences) = rules.of(j as usize);
        for (&i, &c) in ids.iter().zip(confidences) {
            let slot = i as usize;
            if !allow_repeats && scratch.mine[slot] {
                continue;
            }
            let current = scratch.acc.values[slot];
            if current == 0.0 {
                scratch.acc.touched.push(i);
            }
            if current == 0.0
                || c > current
                || (c == current && rank[j as usize] < rank[scratch.by[slot] as usize])
            {
                scratch.acc.values[slot] = c;
                scratch.by[slot] = j;
            }
        }
    }
    scratch.collect(take, rank, |i, by| Why::With(by[i as usize]), out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::control::Unattended;

    #[test]
    fn pair_rules_by_hand() {
        // Orders: {0,1}, {0,1}, {0,2}, {3}, {1}. Pair (0,1) in 2 orders: conf 0->1 = 2/3,
        // 1->0 = 2/3; lift = 2 * 5 / (3 * 3) > 1. Pair (0,2) in 1 order only: no rule.
        let baskets = Csr::from_pairs(
            5,
            &[
                (0, 0),
                (0, 1),
                (1, 0),
                (1, 1),
                (2, 0),
                (2, 2),
                (3, 3),
                (4, 1),
            ],
        );
        let rank = [0, 1, 2, 3];
        let (rules, too_big) =
            pollster::block_on(mine(&baskets, 4, 10, &rank, &mut Unattended)).unwrap();
        assert_eq!(too_big, 0);
        assert_eq!(rules.of(0), (&[1u32][..], &[2.0 / 3.0][..]));
        assert_eq!(rules.of(1), (&[0u32][..], &[2.0 / 3.0][..]));
        assert_eq!(rules.of(2).0, [] as [u32; 0]);
    }
}
