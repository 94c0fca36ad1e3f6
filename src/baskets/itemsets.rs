//! Frequent itemsets: what both algorithms return, and what they start from.

use super::apriori;
use super::collect::Baskets;
use super::fpgrowth;
use super::params::{Algorithm, Checked, share};
use crate::control::{Control, Interrupted};
use serde::{Deserialize, Serialize};

/// Why the itemsets are not all the frequent itemsets: the limit on itemsets was
/// reached, and the search stopped cleanly with a part that is still consistent (every
/// subset of an itemset found was found too, so rules from it have exact metrics).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Partial {
    /// FP-growth: all frequent itemsets made of the `items` most frequent items.
    MostFrequentItems {
        /// How many of the most frequent items.
        items: u32,
        /// The limit that was reached.
        limit: u64,
    },
    /// Apriori: all frequent itemsets of up to `length` items.
    UpToLength {
        /// The longest complete length.
        length: u32,
        /// The limit that was reached.
        limit: u64,
    },
}

/// One frequent itemset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Itemset<'a> {
    /// Item ids, ascending.
    pub items: &'a [u32],
    /// Baskets containing all of them.
    pub count: u32,
}

/// Frequent itemsets, stored back to back, in a canonical order (shorter first, then by
/// item ids), so that equal results compare equal whichever algorithm found them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Itemsets {
    /// Baskets searched.
    pub baskets: u32,
    /// The least count of a frequent itemset.
    pub min_count: u32,
    /// Set when the search stopped at the limit.
    pub partial: Option<Partial>,
    ends: Vec<u32>,
    items: Vec<u32>,
    counts: Vec<u32>,
}

impl Itemsets {
    pub(super) fn new(baskets: u32, min_count: u32) -> Self {
        Self {
            baskets,
            min_count,
            ..Self::default()
        }
    }

    /// Number of itemsets.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Itemset `index`.
    ///
    /// # Panics
    /// If `index` is not below [`Self::len`].
    pub fn get(&self, index: usize) -> Itemset<'_> {
        let start = if index == 0 {
            0
        } else {
            self.ends[index - 1] as usize
        };
        Itemset {
            items: &self.items[start..self.ends[index] as usize],
            count: self.counts[index],
        }
    }

    /// Every itemset, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Itemset<'_>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// The support (share of baskets) of itemset `index`, as mlxtend computes it.
    pub fn support(&self, index: usize) -> f64 {
        share(self.counts[index], self.baskets)
    }

    /// Appends an itemset (items in any order; they are sorted later).
    pub(super) fn push(&mut self, items: &[u32], count: u32) {
        self.items.extend_from_slice(items);
        self.ends.push(to_u32(self.items.len()));
        self.counts.push(count);
    }

    /// Keeps the first `len` itemsets.
    pub(super) fn truncate(&mut self, len: usize) {
        if len < self.len() {
            let end = if len == 0 { 0 } else { self.ends[len - 1] };
            self.items.truncate(end as usize);
            self.ends.truncate(len);
            self.counts.truncate(len);
        }
    }

    /// Renames the items through `names` (each id `i` becomes `names[i]`) and puts the
    /// itemsets in the canonical order.
    pub(super) fn finish(mut self, names: &[u32]) -> Self {
        for item in &mut self.items {
            *item = names[*item as usize];
        }
        let mut start = 0;
        for &end in &self.ends {
            self.items[start..end as usize].sort_unstable();
            start = end as usize;
        }
        let mut order: Vec<u32> = (0..to_u32(self.len())).collect();
        order.sort_unstable_by(|&a, &b| {
            let (a, b) = (self.get(a as usize), self.get(b as usize));
            (a.items.len(), a.items).cmp(&(b.items.len(), b.items))
        });
        let mut sorted = Self::new(self.baskets, self.min_count);
        sorted.partial = self.partial;
        sorted.items.reserve(self.items.len());
        sorted.ends.reserve(self.len());
        sorted.counts.reserve(self.len());
        for index in order {
            let itemset = self.get(index as usize);
            sorted.push(itemset.items, itemset.count);
        }
        sorted
    }
}

/// The baskets as both algorithms start from them: only the frequent items, renumbered
/// by rank (0 is the most frequent; ties go to the smaller item id), each basket sorted
/// by rank.
pub(super) struct Ranked {
    /// Item id of each rank.
    pub names: Vec<u32>,
    /// Count of each rank.
    pub counts: Vec<u32>,
    /// Where each basket ends in `items`; baskets left without a frequent item are gone.
    pub ends: Vec<u32>,
    /// The baskets' ranks, back to back.
    pub items: Vec<u32>,
}

impl Ranked {
    pub(super) fn new(baskets: &Baskets, min_count: u32) -> Self {
        let counts = item_counts(baskets);
        let mut names: Vec<u32> = (0..to_u32(counts.len()))
            .filter(|&id| counts[id as usize] >= min_count)
            .collect();
        names.sort_by_key(|&id| (std::cmp::Reverse(counts[id as usize]), id));
        let mut rank = vec![u32::MAX; counts.len()];
        for (r, &id) in names.iter().enumerate() {
            rank[id as usize] = to_u32(r);
        }
        let mut ends = Vec::with_capacity(baskets.len());
        let mut items = Vec::with_capacity(baskets.occurrences());
        for basket in baskets.iter() {
            let start = items.len();
            items.extend(
                basket
                    .iter()
                    .map(|&id| rank[id as usize])
                    .filter(|&r| r != u32::MAX),
            );
            if items.len() > start {
                items[start..].sort_unstable();
                ends.push(to_u32(items.len()));
            }
        }
        Self {
            counts: names.iter().map(|&id| counts[id as usize]).collect(),
            names,
            ends,
            items,
        }
    }

    /// Number of baskets with a frequent item.
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Basket `index`, as ranks ascending.
    pub(super) fn get(&self, index: usize) -> &[u32] {
        let start = if index == 0 {
            0
        } else {
            self.ends[index - 1] as usize
        };
        &self.items[start..self.ends[index] as usize]
    }
}

/// How many baskets contain each item.
pub(super) fn item_counts(baskets: &Baskets) -> Vec<u32> {
    let mut counts = vec![0u32; baskets.names().len()];
    for basket in baskets.iter() {
        for &item in basket {
            counts[item as usize] += 1;
        }
    }
    counts
}

/// Finds the frequent itemsets of `baskets` with the checked settings' algorithm.
///
/// ```
/// use crm_lens::baskets::{Baskets, RulesParams, MinSupport, itemsets};
/// use crm_lens::control::Unattended;
///
/// let baskets = Baskets::from_lists([["tea", "milk"], ["tea", "cake"], ["tea", "milk"]]);
/// let params = RulesParams { min_support: MinSupport::Count(2), ..RulesParams::default() };
/// let checked = params.check(&baskets)?;
/// let found = pollster::block_on(itemsets::mine(&baskets, &checked, &mut Unattended))?;
/// let named: Vec<(Vec<&str>, u32)> = found
///     .iter()
///     .map(|s| (s.items.iter().map(|&i| baskets.name(i)).collect(), s.count))
///     .collect();
/// assert_eq!(named, [(vec!["tea"], 3), (vec!["milk"], 2), (vec!["tea", "milk"], 2)]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub async fn mine<C: Control>(
    baskets: &Baskets,
    params: &Checked,
    control: &mut C,
) -> Result<Itemsets, Interrupted> {
    match params.algorithm {
        Algorithm::FpGrowth => fpgrowth::mine(baskets, params, control).await,
        Algorithm::Apriori => apriori::mine(baskets, params, control).await,
    }
}

/// Counts here stay far below 2^32 (a count is at most the number of baskets).
pub(super) fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}
