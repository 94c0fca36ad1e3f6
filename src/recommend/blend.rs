//! The recommender as a whole: every method's model built from one set of purchases
//! ([`Engine::build`]), and for one customer at a time every method's list and the
//! blend ([`Engine::recommend`]).
//!
//! **Blend.** Each personal method's best [`Checked::candidates`] items are scaled by the
//! method's best score for that customer (so each method's top item scores 1), weighted
//! by the normalised weights and summed. The blend's top N follows (ties by item name);
//! each item keeps the reasons of the methods that proposed it, the largest share
//! first. A customer with no purchase, or for whom no method proposes anything, gets
//! the most popular items instead ([`Why::Popular`], counted as cold start); a list with
//! fewer than N items is filled up with popular items ([`Why::Filler`]: the customer is
//! not told there is nothing personal to go on).

use super::SegmentLabels;
use super::matrix::{Csr, Interactions};
use super::params::Checked;
use super::segment::{BySegment, Ranked};
use super::similarity::{
    self, Accumulator, Neighbours, UserSearch, customer_weights, item_weights, top_k,
};
use super::{item_cf, rules, user_cf};
use crate::control::{Control, Interrupted};

/// Why an item is proposed, by ids (named by [`super::Recommendations`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// Similar to this bought item.
    Item(u32),
    /// Bought by this many of the nearest customers.
    Customers(u32),
    /// Popular in this segment.
    Segment(u32),
    /// A rule from this bought item.
    With(u32),
    /// Popular overall: the cold-start fallback.
    Popular,
    /// Popular overall, filling up a personal list that came out short.
    Filler,
}

/// An item proposed by a method.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    /// The item.
    pub item: u32,
    /// The method's score.
    pub score: f64,
    /// Why.
    pub why: Why,
}

/// What a method is asked: customer `u`'s best `take` items from `m`, leaving out what
/// they bought (marked in [`Scratch::mine`]) unless `allow_repeats`, ties broken by the
/// items' name `rank`.
#[derive(Debug, Clone, Copy)]
pub struct Ask<'a> {
    /// Who bought what.
    pub m: &'a Interactions,
    /// The customer.
    pub u: usize,
    /// Whether bought items may come back.
    pub allow_repeats: bool,
    /// Items wanted.
    pub take: usize,
    /// Each item's place in name order.
    pub rank: &'a [u32],
}

/// Buffers reused from customer to customer.
#[derive(Debug, Clone, Default)]
pub struct Scratch {
    /// Scores by item.
    pub acc: Accumulator,
    /// The best single contribution by item (item CF).
    pub best: Vec<f64>,
    /// The item (or count) behind that contribution, by item.
    pub by: Vec<u32>,
    /// The items the customer bought.
    pub mine: Vec<bool>,
    /// The nearest customers.
    pub users: Vec<(u32, f64)>,
    candidates: Vec<(u32, f64)>,
}

impl Scratch {
    /// Buffers for `items` items.
    pub fn new(items: usize) -> Self {
        Self {
            acc: Accumulator::new(items),
            best: vec![0.0; items],
            by: vec![0; items],
            mine: vec![false; items],
            users: Vec::new(),
            candidates: Vec::new(),
        }
    }

    /// The best `take` touched items into `out` (best first, ties by name rank), with
    /// the reason `why` gives from [`Scratch::by`]; clears the scores.
    pub fn collect(
        &mut self,
        take: usize,
        rank: &[u32],
        why: impl Fn(u32, &[u32]) -> Why,
        out: &mut Vec<Scored>,
    ) {
        let mut candidates = std::mem::take(&mut self.candidates);
        candidates.clear();
        candidates.extend(
            self.acc
                .touched
                .iter()
                .map(|&i| (i, self.acc.values[i as usize])),
        );
        top_k(&mut candidates, take, rank);
        out.extend(candidates.iter().map(|&(item, score)| Scored {
            item,
            score,
            why: why(item, &self.by),
        }));
        self.acc.clear();
        self.candidates = candidates;
    }
}

/// One customer's lists: each method's (best first, at most the candidates) and the
/// blend (at most N).
#[derive(Debug, Clone, Default)]
pub struct Lists {
    /// Item CF.
    pub item: Vec<Scored>,
    /// User CF.
    pub user: Vec<Scored>,
    /// Segment popularity.
    pub segment: Vec<Scored>,
    /// Rules.
    pub rules: Vec<Scored>,
    /// Popularity (the baseline).
    pub popular: Vec<Scored>,
    /// The blend: items, scores and reasons (several per item).
    pub blend: Vec<(u32, f64, Vec<Why>)>,
    /// Whether the blend is the popular fallback.
    pub cold: bool,
}

/// Every method's model.
#[derive(Debug, Clone)]
pub struct Engine<'a> {
    m: &'a Interactions,
    params: &'a Checked,
    rank: &'a [u32],
    labels: &'a SegmentLabels,
    items: Neighbours,
    users: UserSearch,
    rules: Neighbours,
    popular: Ranked,
    segments: BySegment,
    /// Orders left out of the rules for their size.
    pub big_orders: usize,
    scratch: Scratch,
}

impl<'a> Engine<'a> {
    /// Builds every model from the purchases `m` and the orders `baskets`.
    pub async fn build<C: Control>(
        m: &'a Interactions,
        baskets: &Csr,
        labels: &'a SegmentLabels,
        params: &'a Checked,
        rank: &'a [u32],
        control: &mut C,
    ) -> Result<Self, Interrupted> {
        let weights = customer_weights(m, params.idf);
        let items =
            similarity::item_neighbours(m, &weights, params.item_neighbours, rank, control).await?;
        let (rules, big_orders) =
            rules::mine(baskets, m.items(), params.item_neighbours, rank, control).await?;
        Ok(Self {
            m,
            params,
            rank,
            labels,
            items,
            users: UserSearch::new(m, item_weights(m, params.idf)),
            rules,
            popular: Ranked::of(m, rank, |_| true),
            segments: BySegment::new(m, rank, labels),
            big_orders,
            scratch: Scratch::new(m.items()),
        })
    }

    /// The items by popularity.
    pub fn popular(&self) -> &Ranked {
        &self.popular
    }

    /// Whether the search for similar customers left out very popular items.
    pub fn users_capped(&self) -> bool {
        self.users.capped()
    }

    /// Every method's list and the blend for customer `u`, into `lists`.
    pub fn recommend(&mut self, u: usize, lists: &mut Lists) {
        let (m, p, rank) = (self.m, self.params, self.rank);
        let take = p.candidates;
        let s = &mut self.scratch;
        let mine = m.items_of(u);
        for &i in mine {
            s.mine[i as usize] = true;
        }
        let repeats = p.allow_repeats;
        let ask = Ask {
            m,
            u,
            allow_repeats: repeats,
            take,
            rank,
        };
        item_cf::score(&ask, &self.items, s, &mut lists.item);
        user_cf::score(&ask, &mut self.users, p.user_neighbours, s, &mut lists.user);
        rules::score(&ask, &self.rules, s, &mut lists.rules);
        lists.segment.clear();
        if !mine.is_empty()
            && let Some(segment) = self.labels.of_customer.get(u).copied().flatten()
            && let Some(ranked) = self.segments.ranked.get(segment as usize)
        {
            ranked.take(
                &s.mine,
                repeats,
                take,
                Why::Segment(segment),
                &mut lists.segment,
            );
        }
        self.popular
            .take(&s.mine, repeats, take, Why::Popular, &mut lists.popular);
        blend(lists, mine.is_empty(), p, rank, s);
        for &i in mine {
            s.mine[i as usize] = false;
        }
    }
}

/// Blends the methods' lists of `lists` into `lists.blend`.
fn blend(lists: &mut Lists, cold: bool, p: &Checked, rank: &[u32], s: &mut Scratch) {
    lists.blend.clear();
    lists.cold = false;
    let methods = [&lists.item, &lists.user, &lists.segment, &lists.rules];
    // Per item: its index in `shares` (by `s.by`), the weighted shares by method.
    let mut shares: Vec<(u32, [f64; 4], [Why; 4])> = Vec::new();
    if !cold {
        for (k, list) in methods.iter().enumerate() {
            let weight = p.weights[k];
            let Some(top) = list.first().map(|x| x.score) else {
                continue;
            };
            if weight == 0.0 || top <= 0.0 {
                continue;
            }
            for x in list.iter() {
                let slot = x.item as usize;
                if s.acc.values[slot] == 0.0 {
                    s.by[slot] = shares.len() as u32;
                    shares.push((x.item, [0.0; 4], [Why::Popular; 4]));
                }
                let share = weight * x.score / top;
                s.acc.add(x.item, share);
                let entry = &mut shares[s.by[slot] as usize];
                entry.1[k] = share;
                entry.2[k] = x.why;
            }
        }
    }
    let mut scored: Vec<(u32, f64)> = s
        .acc
        .touched
        .iter()
        .map(|&i| (i, s.acc.values[i as usize]))
        .collect();
    top_k(&mut scored, p.top_n, rank);
    for &(item, score) in &scored {
        let (_, by_method, whys) = &shares[s.by[item as usize] as usize];
        let mut order: Vec<usize> = (0..4).filter(|&k| by_method[k] > 0.0).collect();
        order.sort_by(|&a, &b| by_method[b].total_cmp(&by_method[a]).then(a.cmp(&b)));
        lists
            .blend
            .push((item, score, order.iter().map(|&k| whys[k]).collect()));
    }
    s.acc.clear();
    lists.cold = lists.blend.is_empty();
    // The popular fallback, or filling up.
    for x in &lists.popular {
        if lists.blend.len() >= p.top_n {
            break;
        }
        if lists.blend.iter().any(|b| b.0 == x.item) {
            continue;
        }
        let (score, why) = if lists.cold {
            (x.score, Why::Popular)
        } else {
            (0.0, Why::Filler)
        };
        lists.blend.push((x.item, score, vec![why]));
    }
}
