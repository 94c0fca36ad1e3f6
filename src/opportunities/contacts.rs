//! Whom to contact for an opportunity: the group's customers who did not buy the item
//! in the period, most likely buyers first. A customer's likelihood is the recommender's
//! item-based score for the item (the sum of `sim(j, item)` over the items `j` they
//! bought that keep the item among their nearest neighbours, as
//! [`crate::recommend::item_cf`] scores), ties by customer (first in the log first);
//! their next best item is their best-scored item not bought, other than this one (the
//! most bought such item when the similarities say nothing).

use super::purchases::Purchases;
use crate::recommend::similarity::{Accumulator, Neighbours};

/// Item similarities, both ways, and the items by popularity.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scorer {
    /// Each item's nearest items, best first.
    neighbours: Neighbours,
    /// For each item `i`, the items `j` that keep `i` among their nearest, with
    /// `sim(j, i)`: row `i` is `into_ptr[i]..into_ptr[i + 1]`.
    into_ptr: Vec<usize>,
    into_from: Vec<u32>,
    into_sims: Vec<f64>,
    /// The items' name ranks (the tie rule).
    rank: Vec<u32>,
    /// Items by buyers in the period, most first, ties by name.
    popular: Vec<u32>,
}

/// A customer to contact.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Contact {
    /// The customer (a dense id of `Orders`).
    pub customer: u32,
    /// Their score for the item (0: nothing in their purchases points to it).
    pub score: f64,
    /// Their next best item, if any.
    pub next_best: Option<u32>,
}

impl Scorer {
    /// From the item neighbours of the purchases (`rank`: the items' name ranks;
    /// `buyers`: each item's buyers in the period).
    pub fn new(neighbours: Neighbours, rank: Vec<u32>, buyers: &[u64]) -> Self {
        let items = rank.len();
        let mut into_ptr = vec![0usize; items + 1];
        for j in 0..neighbours.rows() {
            for &i in neighbours.of(j).0 {
                into_ptr[i as usize + 1] += 1;
            }
        }
        for i in 0..items {
            into_ptr[i + 1] += into_ptr[i];
        }
        let mut next = into_ptr.clone();
        let mut into_from = vec![0u32; into_ptr[items]];
        let mut into_sims = vec![0.0; into_ptr[items]];
        for j in 0..neighbours.rows() {
            let (ids, sims) = neighbours.of(j);
            for (&i, &s) in ids.iter().zip(sims) {
                into_from[next[i as usize]] = j as u32;
                into_sims[next[i as usize]] = s;
                next[i as usize] += 1;
            }
        }
        let mut popular: Vec<u32> = (0..items as u32)
            .filter(|&i| buyers.get(i as usize).is_some_and(|&b| b > 0))
            .collect();
        popular.sort_by(|&a, &b| {
            buyers[b as usize]
                .cmp(&buyers[a as usize])
                .then(rank[a as usize].cmp(&rank[b as usize]))
        });
        Self {
            neighbours,
            into_ptr,
            into_from,
            into_sims,
            rank,
            popular,
        }
    }

    /// The customers of `customers` with their score for `item`, most likely first
    /// (the first `limit` when given), with their next best item. Work: the customers'
    /// items once, a partial sort, and the next best item of those returned.
    pub fn contacts(
        &self,
        purchases: &Purchases,
        customers: &[u32],
        item: u32,
        limit: Option<usize>,
    ) -> Vec<Contact> {
        let items = self.rank.len();
        let mut toward = vec![0.0; items];
        let row = self.into_ptr[item as usize]..self.into_ptr[item as usize + 1];
        for (&j, &s) in self.into_from[row.clone()].iter().zip(&self.into_sims[row]) {
            toward[j as usize] = s;
        }
        let mut scored: Vec<(u32, f64)> = customers
            .iter()
            .map(|&c| {
                let score = purchases
                    .of(c as usize)
                    .0
                    .iter()
                    .map(|&j| toward[j as usize])
                    .sum();
                (c, score)
            })
            .collect();
        let order = |a: &(u32, f64), b: &(u32, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        let take = limit.unwrap_or(scored.len()).min(scored.len());
        if take > 0 && take < scored.len() {
            scored.select_nth_unstable_by(take - 1, order);
        }
        scored.truncate(take);
        scored.sort_unstable_by(order);
        let mut acc = Accumulator::new(items);
        scored
            .into_iter()
            .map(|(customer, score)| Contact {
                customer,
                score,
                next_best: self.next_best(purchases, customer, item, &mut acc),
            })
            .collect()
    }

    /// Customer `c`'s best-scored item not bought and not `except`; the most bought
    /// such item when no score points anywhere.
    fn next_best(
        &self,
        purchases: &Purchases,
        c: u32,
        except: u32,
        acc: &mut Accumulator,
    ) -> Option<u32> {
        let mine = purchases.of(c as usize).0;
        for &j in mine {
            let (ids, sims) = self.neighbours.of(j as usize);
            for (&i, &s) in ids.iter().zip(sims) {
                if i != except && mine.binary_search(&i).is_err() {
                    acc.add(i, s);
                }
            }
        }
        let best = acc
            .touched
            .iter()
            .map(|&i| (i, acc.values[i as usize]))
            .max_by(|a, b| {
                a.1.total_cmp(&b.1)
                    .then(self.rank[b.0 as usize].cmp(&self.rank[a.0 as usize]))
            })
            .map(|(i, _)| i);
        acc.clear();
        best.or_else(|| {
            self.popular
                .iter()
                .copied()
                .find(|&i| i != except && mine.binary_search(&i).is_err())
        })
    }
}
