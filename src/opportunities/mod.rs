//! Opportunities: information gaps, where a group of customers does not buy what
//! customers like them buy, which is where outreach pays off.
//!
//! Each step is a module: [`params`] (settings checked once; every refusal an
//! [`OpportunityError`]), [`groups`] (segments, RFM segments or an attribute's values),
//! [`purchases`] (who bought what in the period, for how much), [`tally`] (per group and
//! item, the group's and its peers' customers, buyers and spend; peers are everyone
//! else or look-alikes), [`stats`] (the two-proportion z-test, Benjamini-Hochberg),
//! [`gaps`] (penetration, index, significance, the size of the prize, the ranking),
//! [`words`] (a sentence per opportunity, English and Chinese), [`contacts`] (whom to
//! contact, most likely buyers first, with their next best item), [`summary`] (what the
//! page is sent), [`export`] (the CSV files). [`find`] runs them all; the registry runs
//! it through [`Finding`].
//!
//! **Bounds.** Memory: the period's purchases (one entry per customer and item bought),
//! the counts (`groups x items`, groups at most [`params::MAX_GROUPS`] for attributes),
//! the items' 50 nearest neighbours, and the gaps (at most `groups x items`). Work: a
//! pass over the lines, a sort of each customer's lines, a pass over the purchases per
//! group for the peers' spend, the item similarities (as the recommender's, the sum over
//! customers of their items squared), with look-alikes one neighbour search per group
//! member, and for each opportunity shown one pass over its group's customers. Every
//! long loop awaits [`Control::checkpoint`] at least every few thousand customers or
//! [`crate::recommend::similarity::CHUNK`] items, and between opportunities.
//!
//! ```
//! use crm_lens::control::Unattended;
//! use crm_lens::ingest::{LoadOptions, load};
//! use crm_lens::opportunities::{GroupBy, Settings, find};
//! use crm_lens::orders::Orders;
//!
//! // 60 customers buy cake; the first 40 buy tea as well.
//! let mut csv = String::from("customer,order,date,product,amount\n");
//! for c in 0..60 {
//!     csv += &format!("c{c},{c},2024-01-02,cake,5\n");
//!     if c < 40 {
//!         csv += &format!("c{c},{c},2024-01-02,tea,3\n");
//!     }
//! }
//! let options = LoadOptions::default();
//! let log = pollster::block_on(load(csv.as_bytes(), None, &options, &mut Unattended))?;
//! let orders = Orders::from_dataset(&log.dataset);
//! let settings = Settings { groups: GroupBy::Rfm, show_all: true, ..Settings::default() };
//! let found = pollster::block_on(find(&orders, &[], None, &settings, &mut Unattended))?;
//! // The groups are RFM segments; the log has no category column, so products are
//! // compared, and each gap says itself in a sentence.
//! assert!(found.summary.notes.iter().any(|n| n.contains("no category column")));
//! for opportunity in &found.summary.opportunities {
//!     assert!(opportunity.words.en.contains(" less often than other customers ")
//!         || opportunity.words.en.contains(" never buy "));
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod contacts;
mod entry;
pub mod export;
pub mod gaps;
pub mod groups;
pub mod params;
pub mod purchases;
pub mod stats;
pub mod summary;
pub mod tally;
pub mod words;

#[cfg(test)]
mod tests;

pub use entry::Finding;
pub use gaps::Gap;
pub use groups::{GroupSource, Groups};
pub use params::{Benchmark, Checked, GroupBy, Level, OpportunityError, Settings};
pub use summary::{ContactRow, Grid, GroupSize, Opportunity, OpportunitySummary};

use crate::control::{Control, Progress, Stage};
use crate::orders::Orders;
use crate::recommend::matrix::name_ranks;
use crate::recommend::similarity::{customer_weights, item_neighbours};
use crate::segments::Segmentation;
use crate::segments::features::ExtraTable;
use contacts::Scorer;
use purchases::{Purchases, item_column};
use summary::GRID_ITEMS;

/// Nearest items kept per item for the contacts' scores (as the recommender's default).
pub const ITEM_NEIGHBOURS: usize = 50;

/// A search for opportunities: what the page is sent, every gap listed, and what the
/// contact lists are made from.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// What the page is sent.
    pub summary: OpportunitySummary,
    /// Every gap listed, strongest first (the summary has the first `top`).
    pub gaps: Vec<Gap>,
    /// The groups.
    pub groups: Groups,
    /// The period's purchases, at the level compared.
    pub purchases: Purchases,
    /// Each group's active customers, ascending.
    members: Vec<Vec<u32>>,
    scorer: Scorer,
}

impl Found {
    /// The group's name.
    pub fn group_name(&self, group: u32) -> &str {
        self.groups
            .labels
            .names
            .get(group as usize)
            .map_or("", String::as_str)
    }

    /// The item's name.
    pub fn item_name(&self, item: u32) -> &str {
        self.purchases
            .names
            .get(item as usize)
            .map_or("", String::as_str)
    }

    /// The position in [`Found::gaps`] of the gap of this group and item (names as
    /// shown, case and spaces at the ends ignored), if listed.
    pub fn position(&self, group: &str, item: &str) -> Option<usize> {
        let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
        self.gaps.iter().position(|g| {
            same(self.group_name(g.group), group) && same(self.item_name(g.item), item)
        })
    }

    /// The contacts of gap `position` of [`Found::gaps`] (the first `limit` when given),
    /// most likely buyers first.
    pub fn contacts(
        &self,
        orders: &Orders,
        position: usize,
        limit: Option<usize>,
    ) -> Vec<ContactRow> {
        let Some(gap) = self.gaps.get(position) else {
            return Vec::new();
        };
        let affected: Vec<u32> = self
            .members
            .get(gap.group as usize)
            .map(|members| {
                members
                    .iter()
                    .copied()
                    .filter(|&c| {
                        self.purchases
                            .of(c as usize)
                            .0
                            .binary_search(&gap.item)
                            .is_err()
                    })
                    .collect()
            })
            .unwrap_or_default();
        self.scorer
            .contacts(&self.purchases, &affected, gap.item, limit)
            .into_iter()
            .map(|c| ContactRow {
                customer: orders
                    .customer_names
                    .get(c.customer as usize)
                    .cloned()
                    .unwrap_or_default(),
                score: c.score,
                next_best: c.next_best.map(|i| self.item_name(i).to_owned()),
            })
            .collect()
    }
}

/// Finds the opportunities of `orders`' customers, grouped as `settings` say (the
/// extra tables for an attribute, the latest `segmentation` for segments).
pub async fn find<C: Control>(
    orders: &Orders,
    extras: &[ExtraTable<'_>],
    segmentation: Option<&Segmentation>,
    settings: &Settings,
    control: &mut C,
) -> Result<Found, OpportunityError> {
    let checked = settings.check()?;
    let mut notes = Vec::new();
    let (_, _, level, fell_back) =
        item_column(orders, checked.level).ok_or(OpportunityError::NoItems)?;
    if fell_back {
        notes.push(format!(
            "The log has no {} column, so {} are compared.",
            checked.level.noun(),
            match level {
                Level::Category => "categories",
                Level::Product => "products",
            }
        ));
    }
    let purchases = Purchases::collect(orders, checked.level, checked.period_days)
        .ok_or(OpportunityError::NoItems)?;
    if !purchases.active.iter().any(|a| *a) {
        return Err(OpportunityError::NoPurchases);
    }
    if !purchases.money {
        notes.push(
            "The log has no money column, so opportunities are ranked by the buyers they \
             would bring, without revenue."
                .to_owned(),
        );
    }
    let groups = groups::groups(
        orders,
        extras,
        segmentation,
        &checked.groups,
        &mut notes,
        control,
    )
    .await?;
    let tally = tally::tally(
        orders,
        &purchases,
        &groups.labels,
        checked.neighbours,
        control,
    )
    .await?;
    let bought = tally.all.buyers.iter().filter(|b| **b > 0).count();
    if bought <= 1 {
        notes.push(format!(
            "Only {bought} {} was bought in the period: there is nothing to compare across \
             items; compare {} instead.",
            level.noun(),
            match level {
                Level::Category => "products",
                Level::Product => "categories",
            }
        ));
    }
    group_notes(&groups, &tally, &mut notes);
    if checked.neighbours.is_some() {
        for (name, own) in groups.labels.names.iter().zip(&tally.groups) {
            if own.customers as usize > tally::MAX_SEARCHED {
                notes.push(format!(
                    "{name}'s look-alikes are those of {} of its {} customers, evenly spread.",
                    crate::view::format::count(
                        own.customers
                            .div_ceil(own.customers.div_ceil(tally::MAX_SEARCHED as u64))
                    ),
                    crate::view::format::count(own.customers)
                ));
            }
        }
    }
    let tested = gaps::test(&tally, purchases.money, checked.alpha);
    let rank = name_ranks(&purchases.names);
    let listed = gaps::ranked(&tested, checked.show_all, &rank);

    let m = purchases.interactions();
    let weights = customer_weights(&m, false);
    let neighbours = item_neighbours(&m, &weights, ITEM_NEIGHBOURS, &rank, control).await?;
    drop(m);
    let scorer = Scorer::new(neighbours, rank, &tally.all.buyers);
    let mut members = vec![Vec::new(); groups.labels.names.len()];
    for (c, group) in groups.labels.of_customer.iter().enumerate() {
        if let Some(g) = group
            && purchases.active.get(c).copied().unwrap_or(false)
            && let Some(list) = members.get_mut(*g as usize)
        {
            list.push(c as u32);
        }
    }
    let significant = tested
        .cells
        .iter()
        .filter(|c| c.significant && c.group_penetration < c.peer_penetration)
        .count() as u64;
    let mut found = Found {
        summary: OpportunitySummary {
            groups_from: groups.source.clone(),
            groups: groups
                .labels
                .names
                .iter()
                .zip(&tally.groups)
                .map(|(name, side)| GroupSize {
                    name: name.clone(),
                    customers: side.customers,
                })
                .collect(),
            level,
            look_alikes: checked.neighbours,
            period: purchases.period,
            customers: tally.all.customers,
            items: bought as u64,
            tested: tested.cells.len() as u64,
            significant,
            listed: listed.len() as u64,
            alpha: checked.alpha,
            money: purchases.money,
            opportunities: Vec::new(),
            grid: Grid::default(),
            notes,
        },
        gaps: listed,
        groups,
        purchases,
        members,
        scorer,
    };
    found.summary.grid = grid(&found, &tested, &tally.all.buyers);
    let shown = found.gaps.len().min(checked.top);
    let mut opportunities = Vec::with_capacity(shown);
    for position in 0..shown {
        control
            .checkpoint(Progress {
                stage: Stage::Opportunities,
                done: position as u64,
                total: Some(shown as u64),
            })
            .await?;
        opportunities.push(opportunity(&found, orders, position, checked.contacts));
    }
    found.summary.opportunities = opportunities;
    if found.gaps.is_empty() && found.summary.tested > 0 {
        found.summary.notes.push(if checked.show_all {
            "No group buys any item less often than its peers.".to_owned()
        } else {
            "No group buys any item significantly less often than its peers; show the gaps \
             that are not significant to see the smaller differences."
                .to_owned()
        });
    }
    Ok(found)
}

/// Notes on groups too small to compare, and on peers that are missing.
fn group_notes(groups: &Groups, tally: &tally::Tally, notes: &mut Vec<String>) {
    if groups.labels.names.is_empty() {
        notes.push(format!(
            "No customer has a group in {}, so there is nothing to compare.",
            groups.source.describe()
        ));
    }
    for (name, (own, peers)) in groups
        .labels
        .names
        .iter()
        .zip(tally.groups.iter().zip(&tally.peers))
    {
        match own.customers {
            0 => notes.push(format!("{name} has no customer who bought in the period.")),
            1 => notes.push(format!(
                "{name} has 1 customer: too few for a gap to be significant."
            )),
            _ => {}
        }
        if own.customers > 0 && peers.customers == 0 {
            notes.push(format!(
                "{name} has no peers to compare with (every customer of the period is in it)."
            ));
        }
    }
}

/// The opportunity of gap `position`, with its sentence and first `contacts` contacts.
fn opportunity(found: &Found, orders: &Orders, position: usize, contacts: usize) -> Opportunity {
    let gap = &found.gaps[position];
    let group = found.group_name(gap.group).to_owned();
    let item = found.item_name(gap.item).to_owned();
    let words = words::sentence(
        gap,
        &words::Context {
            group: &group,
            item: &item,
            look_alikes: found.summary.look_alikes.is_some(),
            column: found.groups.source.column(),
            period: found.summary.period,
        },
    );
    Opportunity {
        contacts: if contacts == 0 {
            Vec::new()
        } else {
            found.contacts(orders, position, Some(contacts))
        },
        group,
        item,
        gap: gap.clone(),
        words,
    }
}

/// Each group's index and significance on the most bought items.
fn grid(found: &Found, tested: &gaps::Tested, buyers: &[u64]) -> Grid {
    let rank = name_ranks(&found.purchases.names);
    let mut items: Vec<u32> = (0..buyers.len() as u32)
        .filter(|&i| buyers[i as usize] > 0)
        .collect();
    items.sort_by(|&a, &b| {
        buyers[b as usize]
            .cmp(&buyers[a as usize])
            .then(rank[a as usize].cmp(&rank[b as usize]))
    });
    items.truncate(GRID_ITEMS);
    let groups = found.groups.labels.names.len();
    let mut column = vec![usize::MAX; buyers.len()];
    for (x, &i) in items.iter().enumerate() {
        column[i as usize] = x;
    }
    let mut index = vec![vec![None; items.len()]; groups];
    let mut significant = vec![vec![false; items.len()]; groups];
    for cell in &tested.cells {
        let x = column[cell.item as usize];
        if x == usize::MAX {
            continue;
        }
        if let (Some(row), Some(sig)) = (
            index.get_mut(cell.group as usize),
            significant.get_mut(cell.group as usize),
        ) {
            row[x] = cell.index.is_finite().then_some(cell.index);
            sig[x] = cell.significant;
        }
    }
    Grid {
        items: items
            .iter()
            .map(|&i| found.item_name(i).to_owned())
            .collect(),
        index,
        significant,
    }
}
