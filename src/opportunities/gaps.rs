//! Penetration gaps and the size of the prize.
//!
//! For group `g` and item `i`: the group's penetration `x1 / n1` (its active customers
//! who bought `i` in the period, over its active customers), the peers' `x2 / n2`, the
//! index `100 x1/n1 / (x2/n2)`, the pooled two-proportion z-test's two-sided p-value and
//! its Benjamini-Hochberg q-value over every cell tested (a cell is tested when both
//! sides have customers and someone on either side bought the item). A gap is a cell
//! whose group buys less than its peers; it is significant when its q-value is at most
//! the chosen level.
//!
//! The prize: customers affected `n1 - x1`; expected converts `(n1 - x1) x2/n2` (the
//! peers' rate); expected revenue over the period: the converts times the peers'
//! average spend on the item per buyer (none without a money column). Gaps are ranked by
//! expected revenue (converts without money), then the lower index, then the group and
//! the item name.

use super::stats::{benjamini_hochberg, z_test};
use super::tally::Tally;
use serde::{Deserialize, Serialize};

/// One group and item compared with the group's peers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gap {
    /// The group (an index into the group names).
    pub group: u32,
    /// The item (an index into the item names).
    pub item: u32,
    /// The group's active customers.
    pub group_customers: u64,
    /// Of those, the item's buyers.
    pub group_buyers: u64,
    /// `group_buyers / group_customers`.
    pub group_penetration: f64,
    /// The peers' active customers.
    pub peer_customers: u64,
    /// Of those, the item's buyers.
    pub peer_buyers: u64,
    /// `peer_buyers / peer_customers`.
    pub peer_penetration: f64,
    /// `100 * group_penetration / peer_penetration`.
    pub index: f64,
    /// The z statistic (negative: the group buys less).
    pub z: f64,
    /// Its two-sided p-value.
    pub p_value: f64,
    /// The p-value adjusted for every cell tested (Benjamini-Hochberg).
    pub q_value: f64,
    /// Whether `q_value` is at most the chosen level.
    pub significant: bool,
    /// The group's customers who did not buy the item.
    pub customers_affected: u64,
    /// Of those, how many would buy at the peers' rate.
    pub expected_converts: f64,
    /// The peers' spend on the item per buyer, with a money column.
    pub peer_spend_per_buyer: Option<f64>,
    /// `expected_converts * peer_spend_per_buyer`.
    pub expected_revenue: Option<f64>,
}

/// Every cell's test: the tested cells' figures, by `(group, item)` in that order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tested {
    /// The cells tested, each a [`Gap`] whether the group buys less or not.
    pub cells: Vec<Gap>,
}

/// Tests every cell of `tally` and adjusts the p-values; `money` says whether spend is
/// money; `alpha` the level of significance.
pub fn test(tally: &Tally, money: bool, alpha: f64) -> Tested {
    let mut cells = Vec::new();
    for (g, (own, peers)) in tally.groups.iter().zip(&tally.peers).enumerate() {
        for i in 0..own.buyers.len() {
            let (x1, n1, x2, n2) = (
                own.buyers[i],
                own.customers,
                peers.buyers[i],
                peers.customers,
            );
            if x1 + x2 == 0 {
                continue;
            }
            let Some(t) = z_test(x1, n1, x2, n2) else {
                continue;
            };
            let own_rate = x1 as f64 / n1 as f64;
            let peer_rate = x2 as f64 / n2 as f64;
            let affected = n1 - x1;
            let converts = affected as f64 * peer_rate;
            let per_buyer = (money && x2 > 0).then(|| peers.spend[i] / x2 as f64);
            cells.push(Gap {
                group: g as u32,
                item: i as u32,
                group_customers: n1,
                group_buyers: x1,
                group_penetration: own_rate,
                peer_customers: n2,
                peer_buyers: x2,
                peer_penetration: peer_rate,
                index: if peer_rate > 0.0 {
                    100.0 * own_rate / peer_rate
                } else {
                    f64::INFINITY
                },
                z: t.z,
                p_value: t.p_value,
                q_value: 1.0,
                significant: false,
                customers_affected: affected,
                expected_converts: converts,
                peer_spend_per_buyer: per_buyer,
                expected_revenue: per_buyer.map(|s| converts * s),
            });
        }
    }
    let p: Vec<f64> = cells.iter().map(|c| c.p_value).collect();
    for (cell, q) in cells.iter_mut().zip(benjamini_hochberg(&p)) {
        cell.q_value = q;
        cell.significant = q <= alpha;
    }
    Tested { cells }
}

/// The gaps (the group buys less than its peers), significant ones unless `all`, ranked
/// strongest first; `rank` gives the items' name ranks.
pub fn ranked(tested: &Tested, all: bool, rank: &[u32]) -> Vec<Gap> {
    let mut gaps: Vec<Gap> = tested
        .cells
        .iter()
        .filter(|c| c.group_penetration < c.peer_penetration && (all || c.significant))
        .cloned()
        .collect();
    gaps.sort_by(|a, b| {
        let value = |g: &Gap| g.expected_revenue.unwrap_or(g.expected_converts);
        value(b)
            .total_cmp(&value(a))
            .then(a.index.total_cmp(&b.index))
            .then(a.group.cmp(&b.group))
            .then(rank[a.item as usize].cmp(&rank[b.item as usize]))
    });
    gaps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::opportunities::tally::Side;

    fn side(customers: u64, buyers: &[u64], spend: &[f64]) -> Side {
        Side {
            customers,
            buyers: buyers.to_vec(),
            spend: spend.to_vec(),
        }
    }

    #[test]
    fn figures_by_hand_and_the_ranking() {
        // Group 0 (100 customers): item 0 bought by 8 (peers 62 of 200, spending 620);
        // item 1 by 50 (peers 100 of 200).
        let tally = Tally {
            groups: vec![side(100, &[8, 50], &[80.0, 500.0])],
            peers: vec![side(200, &[62, 100], &[620.0, 1000.0])],
            all: Side::default(),
        };
        let tested = test(&tally, true, 0.05);
        assert_eq!(tested.cells.len(), 2);
        let tea = &tested.cells[0];
        assert_eq!(tea.group_penetration, 0.08);
        assert_eq!(tea.peer_penetration, 0.31);
        assert_eq!(tea.index, 100.0 * 0.08 / 0.31);
        assert_eq!(tea.customers_affected, 92);
        assert_eq!(tea.expected_converts, 92.0 * 0.31);
        assert_eq!(tea.peer_spend_per_buyer, Some(10.0));
        assert_eq!(tea.expected_revenue, Some(92.0 * 0.31 * 10.0));
        assert!(tea.significant && tea.z < 0.0, "{tea:?}");
        // Item 1: equal penetration, no gap.
        assert_eq!(tested.cells[1].index, 100.0);
        let gaps = ranked(&tested, false, &[0, 1]);
        assert_eq!(gaps.len(), 1);
        assert_eq!(gaps[0].item, 0);
        let gaps = ranked(&tested, true, &[0, 1]);
        assert_eq!(gaps.len(), 1, "equal penetration is no gap even with all");
        let without_money = test(&tally, false, 0.05);
        assert_eq!(without_money.cells[0].expected_revenue, None);
    }

    #[test]
    fn a_group_of_one_is_never_significant() {
        let tally = Tally {
            groups: vec![side(1, &[0], &[0.0])],
            peers: vec![side(1000, &[600], &[6000.0])],
            all: Side::default(),
        };
        let tested = test(&tally, true, 0.05);
        assert!(!tested.cells[0].significant, "{:?}", tested.cells[0]);
        assert!(ranked(&tested, false, &[0]).is_empty());
    }
}
