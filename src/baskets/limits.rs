//! Keeping memory and time bounded when the thresholds are set too low: an estimate of
//! the work before the search (exact counts of the frequent items and pairs, which
//! bound the itemsets from below), a warning when it looks too big, and a suggested
//! minimum support that fits. The search itself stops cleanly at the limit on itemsets
//! ([`super::itemsets::Partial`]).

use super::collect::Baskets;
use super::itemsets::{Ranked, to_u32};
use super::params::{Checked, share};
use crate::control::{Control, Interrupted, Progress, Stage};
use serde::{Deserialize, Serialize};

/// Frequent items among which pairs are counted exactly (a triangle of counters:
/// 2,048 items take 8 MB).
const MAX_PAIR_ITEMS: usize = 2048;
/// Pairs of items looked at in the baskets, at most; beyond, every k-th basket is
/// counted and the counts scaled.
const MAX_PAIR_WORK: u64 = 50_000_000;
/// Baskets between two checkpoints.
const BASKETS_PER_CHECKPOINT: usize = 1 << 14;
/// Bytes per frequent itemset found (items, count, index) and per tree node.
const BYTES_PER_ITEMSET: u64 = 32;
const BYTES_PER_NODE: u64 = 16;
/// Above this many itemsets (frequent items and pairs alone), the search is slow
/// enough to warn about.
pub const WARN_ITEMSETS: u64 = 200_000;

/// What the search will find, as far as can be told cheaply beforehand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// Baskets.
    pub baskets: u32,
    /// Distinct items.
    pub items: u32,
    /// Items that are frequent on their own (exact).
    pub frequent_items: u32,
    /// Pairs of items that are frequent (exact when `exact`).
    pub frequent_pairs: u64,
    /// Whether `frequent_pairs` was counted in every basket among all frequent items
    /// (otherwise it is a lower bound or a scaled sample).
    pub exact: bool,
    /// At least this many frequent itemsets (items and pairs), when the longest itemset
    /// allowed has two items or more.
    pub at_least: u64,
    /// Memory for the search: the FP-tree at most and the itemsets at least, in bytes.
    pub memory: u64,
    /// Set when the thresholds look too low.
    pub warning: Option<Warning>,
}

/// Why the thresholds look too low.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Warning {
    /// The items and pairs alone pass the limit on itemsets: the search will stop at it.
    OverLimit {
        /// The limit.
        limit: u64,
        /// A minimum support count below which the items and pairs alone take more
        /// than half the limit.
        suggested_min_count: u32,
        /// That count as a share of the baskets.
        suggested_min_support: f64,
    },
    /// Many itemsets: the search may take long.
    Slow {
        /// A minimum support count with fewer than [`WARN_ITEMSETS`] items and pairs.
        suggested_min_count: u32,
        /// That count as a share of the baskets.
        suggested_min_support: f64,
    },
}

/// Estimates the search the checked settings ask for, by counting the frequent items
/// and pairs.
pub async fn estimate<C: Control>(
    baskets: &Baskets,
    params: &Checked,
    control: &mut C,
) -> Result<Estimate, Interrupted> {
    let min_count = params.min_count;
    let ranked = Ranked::new(baskets, min_count);
    let frequent_items = ranked.counts.len();
    // The FP-tree has at most a node per frequent item occurrence.
    let tree_bytes = ranked.items.len() as u64 * BYTES_PER_NODE;
    let mut estimate = Estimate {
        baskets: to_u32(baskets.len()),
        items: to_u32(baskets.names().len()),
        frequent_items: to_u32(frequent_items),
        frequent_pairs: 0,
        exact: true,
        at_least: frequent_items as u64,
        memory: tree_bytes + frequent_items as u64 * BYTES_PER_ITEMSET,
        warning: None,
    };
    // Counts of frequent items then pairs, to suggest a support that fits.
    let mut counts: Vec<u32> = ranked.counts.clone();
    if params.max_len >= 2 {
        let counted = frequent_items.min(MAX_PAIR_ITEMS);
        let work: u64 = (0..ranked.len())
            .map(|i| {
                let k = ranked.get(i).partition_point(|&r| (r as usize) < counted) as u64;
                k * k.saturating_sub(1) / 2
            })
            .sum();
        let stride = work.div_ceil(MAX_PAIR_WORK).max(1);
        estimate.exact = counted == frequent_items && stride == 1;
        let mut pairs = vec![0u32; counted * counted.saturating_sub(1) / 2];
        // Pair (a, b), a < b, is at row b: b * (b - 1) / 2 + a.
        for index in (0..ranked.len()).step_by(stride as usize) {
            if index % BASKETS_PER_CHECKPOINT == 0 {
                control
                    .checkpoint(Progress {
                        stage: Stage::Itemsets,
                        done: 0,
                        total: None,
                    })
                    .await?;
            }
            let basket = ranked.get(index);
            let k = basket.partition_point(|&r| (r as usize) < counted);
            for (j, &b) in basket[..k].iter().enumerate() {
                let row = b as usize * (b as usize).saturating_sub(1) / 2;
                for &a in &basket[..j] {
                    pairs[row + a as usize] += 1;
                }
            }
        }
        let scale = u32::try_from(stride).unwrap_or(u32::MAX);
        counts.extend(
            pairs
                .iter()
                .map(|&c| c.saturating_mul(scale))
                .filter(|&c| c >= min_count),
        );
        estimate.frequent_pairs = (counts.len() - frequent_items) as u64;
        estimate.at_least += estimate.frequent_pairs;
        estimate.memory += estimate.frequent_pairs * BYTES_PER_ITEMSET;
    }
    counts.sort_unstable_by(|a, b| b.cmp(a));
    // The least count at which at most `budget` of the items and pairs remain.
    let suggest = |budget: u64| {
        let count = counts
            .get(usize::try_from(budget).unwrap_or(usize::MAX))
            .map_or(min_count, |&c| c.saturating_add(1));
        (count, share(count, estimate.baskets))
    };
    if estimate.at_least > params.max_itemsets {
        let (count, support) = suggest(params.max_itemsets / 2);
        estimate.warning = Some(Warning::OverLimit {
            limit: params.max_itemsets,
            suggested_min_count: count,
            suggested_min_support: support,
        });
    } else if estimate.at_least > WARN_ITEMSETS {
        let (count, support) = suggest(WARN_ITEMSETS);
        estimate.warning = Some(Warning::Slow {
            suggested_min_count: count,
            suggested_min_support: support,
        });
    }
    Ok(estimate)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::baskets::{MinSupport, RulesParams};
    use crate::control::Unattended;

    fn run(baskets: &Baskets, change: impl FnOnce(&mut RulesParams)) -> Estimate {
        let mut params = RulesParams {
            min_support: MinSupport::Count(1),
            ..RulesParams::default()
        };
        change(&mut params);
        let checked = params.check(baskets).expect("valid");
        pollster::block_on(estimate(baskets, &checked, &mut Unattended)).expect("estimate")
    }

    #[test]
    fn counts_frequent_items_and_pairs_exactly() {
        let baskets =
            Baskets::from_lists([vec!["a", "b", "c"], vec!["a", "b"], vec!["c"], vec!["d"]]);
        let e = run(&baskets, |p| p.min_support = MinSupport::Count(2));
        assert_eq!((e.baskets, e.items), (4, 4));
        assert_eq!(e.frequent_items, 3, "a, b, c");
        assert_eq!(e.frequent_pairs, 1, "a b");
        assert!(e.exact);
        assert_eq!(e.at_least, 4);
        assert_eq!(e.warning, None);
        let single = run(&baskets, |p| p.max_len = Some(1));
        assert_eq!((single.frequent_pairs, single.at_least), (0, 4));
    }

    #[test]
    fn warns_with_a_support_that_fits_when_the_limit_will_be_reached() {
        // 40 items in every basket of ten: every subset is frequent.
        let names: Vec<String> = (0..40).map(|i| format!("item {i}")).collect();
        let mut lists = vec![names.clone(); 10];
        lists.push(names[..5].to_vec());
        let baskets = Baskets::from_lists(lists);
        let e = run(&baskets, |p| p.max_itemsets = 100);
        assert_eq!(e.at_least, 40 + 780);
        let Some(Warning::OverLimit {
            limit,
            suggested_min_count,
            suggested_min_support,
        }) = e.warning
        else {
            panic!("{:?}", e.warning)
        };
        assert_eq!(limit, 100);
        // At 11 baskets only the five items in every basket and their ten pairs remain.
        assert_eq!(suggested_min_count, 11);
        assert_eq!(suggested_min_support, 1.0);
    }
}
