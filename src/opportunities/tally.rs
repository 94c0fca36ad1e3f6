//! Counting, per group and item, the customers and the buyers in the period and their
//! spend, for the group and for its peers: everyone outside the group, or its
//! look-alikes (the customers outside the group among the `k` most similar customers of
//! any of its members, by the cosine of their purchase profiles as
//! [`crate::recommend::similarity::UserSearch`] finds them; profiles are products when
//! the log has them, whatever the level compared, so that two customers are alike by
//! more than the handful of categories).
//!
//! Work: one pass over each customer's items for the groups (`O(purchases)`), and for
//! look-alikes one neighbour search per active group member (of at most
//! [`MAX_SEARCHED`] members per group, evenly spread) plus a pass over each group's
//! peers' items; memory `O(groups x items)` for the counts.

use super::params::Level;
use super::purchases::Purchases;
use crate::control::{Control, Interrupted, Progress, Stage};
use crate::orders::Orders;
use crate::recommend::SegmentLabels;
use crate::recommend::similarity::{CHUNK, UserSearch, item_weights};

/// The most members of a group whose look-alikes are searched for: a larger group's
/// look-alikes are those of every k-th member (in the order of the log), which bounds
/// the searches to this many per group.
pub const MAX_SEARCHED: usize = 1_000;

/// Customers, buyers and spend of one side of a comparison, per item.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Side {
    /// Active customers.
    pub customers: u64,
    /// Buyers of each item.
    pub buyers: Vec<u64>,
    /// Their spend on each item.
    pub spend: Vec<f64>,
}

impl Side {
    fn new(items: usize) -> Self {
        Self {
            customers: 0,
            buyers: vec![0; items],
            spend: vec![0.0; items],
        }
    }

    /// Adds customer `c`'s purchases.
    fn add(&mut self, purchases: &Purchases, c: usize) {
        self.customers += 1;
        let (items, spend) = purchases.of(c);
        for (&i, &s) in items.iter().zip(spend) {
            self.buyers[i as usize] += 1;
            self.spend[i as usize] += s;
        }
    }
}

/// Each group's side and its peers' side.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tally {
    /// By group.
    pub groups: Vec<Side>,
    /// By group: its peers.
    pub peers: Vec<Side>,
    /// Every active customer (for the popularity of items).
    pub all: Side,
}

/// Counts the groups and their peers; `neighbours` look-alikes per member, or everyone
/// outside the group.
pub async fn tally<C: Control>(
    orders: &Orders,
    purchases: &Purchases,
    labels: &SegmentLabels,
    neighbours: Option<usize>,
    control: &mut C,
) -> Result<Tally, Interrupted> {
    let items = purchases.names.len();
    let groups = labels.names.len();
    let customers = purchases.customers();
    let group_of = |c: usize| labels.of_customer.get(c).copied().flatten();
    let mut tally = Tally {
        groups: vec![Side::new(items); groups],
        peers: Vec::with_capacity(groups),
        all: Side::new(items),
    };
    for c in 0..customers {
        if c.is_multiple_of(CHUNK * 64) {
            control.checkpoint(progress(c, customers)).await?;
        }
        if !purchases.active[c] {
            continue;
        }
        tally.all.add(purchases, c);
        if let Some(g) = group_of(c) {
            tally.groups[g as usize].add(purchases, c);
        }
    }
    let Some(k) = neighbours else {
        for own in &tally.groups {
            let mut peers = Side::new(items);
            peers.customers = tally.all.customers - own.customers;
            for i in 0..items {
                peers.buyers[i] = tally.all.buyers[i] - own.buyers[i];
            }
            tally.peers.push(peers);
        }
        // Peers' spend summed over the peers themselves rather than as a difference of
        // sums, so that it is exactly the sum of what they spent.
        for c in 0..customers {
            if c.is_multiple_of(CHUNK * 64) {
                control.checkpoint(progress(c, customers)).await?;
            }
            if !purchases.active[c] {
                continue;
            }
            let (bought, spend) = purchases.of(c);
            let own = group_of(c);
            for (g, peers) in tally.peers.iter_mut().enumerate() {
                if own == Some(g as u32) {
                    continue;
                }
                for (&i, &s) in bought.iter().zip(spend) {
                    peers.spend[i as usize] += s;
                }
            }
        }
        return Ok(tally);
    };
    // The purchase profiles: products when the log has them.
    let profiles = match Purchases::collect(orders, Level::Product, purchases.period.days) {
        Some(products) if products.level == Level::Product => products.interactions(),
        _ => purchases.interactions(),
    };
    let mut search = UserSearch::new(&profiles, item_weights(&profiles, false));
    let mut marked = vec![u32::MAX; customers];
    let mut found = Vec::new();
    let mut done = 0usize;
    for g in 0..groups as u32 {
        let mut peers = Side::new(items);
        // Every `stride`-th member (in the log's order) is searched from, at most
        // MAX_SEARCHED per group.
        let members = tally.groups[g as usize].customers as usize;
        let stride = members.div_ceil(MAX_SEARCHED).max(1);
        let mut member = 0usize;
        for c in 0..customers {
            if group_of(c) != Some(g) || !purchases.active[c] {
                continue;
            }
            member += 1;
            if !(member - 1).is_multiple_of(stride) {
                continue;
            }
            if done.is_multiple_of(CHUNK) {
                control.checkpoint(progress(done, customers)).await?;
            }
            done += 1;
            search.neighbours(&profiles, c, k, &mut found);
            for &(v, _) in &found {
                let v = v as usize;
                if marked[v] != g && group_of(v) != Some(g) && purchases.active[v] {
                    marked[v] = g;
                }
            }
        }
        for (v, &mark) in marked.iter().enumerate() {
            if mark == g {
                peers.add(purchases, v);
            }
        }
        tally.peers.push(peers);
    }
    Ok(tally)
}

fn progress(done: usize, total: usize) -> Progress {
    Progress {
        stage: Stage::Opportunities,
        done: done as u64,
        total: Some(total as u64),
    }
}
