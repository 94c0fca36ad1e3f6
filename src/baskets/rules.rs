//! Association rules from frequent itemsets, with the metrics of mlxtend's
//! `association_rules`, computed the way it computes them so that thresholds decide
//! alike, values on the threshold included. With `n` baskets and the supports
//! `sA = count(A) / n`, `sC` and `sAC` of the antecedent, the consequent and both:
//!
//! - confidence `(sAC * n) / (sA * n)` (the share of baskets with A that also have C),
//! - lift `confidence / sC` (how many times more often than average C comes with A),
//! - leverage `sAC - sA * sC`,
//! - conviction `(1 - sC) / (1 - confidence)`, infinite when the confidence is 1.
//!
//! Every split of a frequent itemset into a non-empty antecedent and consequent is a
//! candidate rule. Rules below the minimum confidence, then those below the minimum lift,
//! then those outside the item filters are dropped, each step counted ([`Rules`]) so
//! that what the settings left out can be said ([`super::notes`]); of the rest the
//! strongest are kept: by lift, then confidence, then support, then the itemset's
//! canonical order.

use super::itemsets::{Itemsets, Partial, to_u32};
use super::params::{Checked, share};
use crate::control::{Control, Interrupted, Progress, Stage};
use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::hash::BuildHasher;

/// Itemsets examined between two checkpoints.
const ITEMSETS_PER_CHECKPOINT: usize = 1 << 12;

/// An association rule: baskets with every item of the antecedent tend to have every
/// item of the consequent too.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    /// Item ids of the "if" side, ascending.
    pub antecedent: Vec<u32>,
    /// Item ids of the "then" side, ascending.
    pub consequent: Vec<u32>,
    /// Baskets with every item of both sides.
    pub count: u32,
    /// Share of baskets with the antecedent.
    pub antecedent_support: f64,
    /// Share of baskets with the consequent.
    pub consequent_support: f64,
    /// Share of baskets with both.
    pub support: f64,
    /// Share of the baskets with the antecedent that have the consequent.
    pub confidence: f64,
    /// Confidence over the consequent's support: above 1, the consequent comes with
    /// the antecedent more often than on average.
    pub lift: f64,
    /// Support minus what it would be if the sides were independent.
    pub leverage: f64,
    /// How much more often the rule would be wrong if the sides were independent;
    /// infinite when the confidence is 1. Human-readable formats (JSON) write infinity
    /// as the string `"inf"`; binary ones as the number.
    #[serde(with = "infinite")]
    pub conviction: f64,
}

/// The rules found.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Rules {
    /// Baskets the rules were found in.
    pub baskets: u32,
    /// The strongest rules, strongest first.
    pub rules: Vec<Rule>,
    /// Rules that met the thresholds and filters, before keeping the strongest.
    pub matched: u64,
    /// Candidate rules below the minimum confidence.
    pub below_confidence: u64,
    /// Rules that met the minimum confidence but not the minimum lift.
    pub below_lift: u64,
    /// Rules that met both thresholds but not the item filters.
    pub outside_filters: u64,
    /// Set when the itemsets were cut at the limit (the rules found are exact, but
    /// rules with rarer items are missing).
    pub partial: Option<Partial>,
}

/// A rule that passed, as an itemset and which of its items are the antecedent.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    lift: f64,
    confidence: f64,
    count: u32,
    itemset: u32,
    /// Bit `i` set: item `i` of the itemset is in the antecedent.
    mask: u64,
}

/// Strongest first: lift, confidence, support, then canonical order.
fn stronger(a: &Candidate, b: &Candidate) -> Ordering {
    b.lift
        .total_cmp(&a.lift)
        .then(b.confidence.total_cmp(&a.confidence))
        .then(b.count.cmp(&a.count))
        .then(a.itemset.cmp(&b.itemset))
        .then(a.mask.cmp(&b.mask))
}

/// Looks itemsets up by their items.
struct Lookup<'a> {
    itemsets: &'a Itemsets,
    table: HashTable<u32>,
}

impl<'a> Lookup<'a> {
    fn new(itemsets: &'a Itemsets) -> Self {
        let mut table = HashTable::with_capacity(itemsets.len());
        for (index, itemset) in itemsets.iter().enumerate() {
            let hash = FxBuildHasher.hash_one(itemset.items);
            table.insert_unique(hash, to_u32(index), |&i| {
                FxBuildHasher.hash_one(itemsets.get(i as usize).items)
            });
        }
        Self { itemsets, table }
    }

    fn count(&self, items: &[u32]) -> Option<u32> {
        let hash = FxBuildHasher.hash_one(items);
        self.table
            .find(hash, |&i| self.itemsets.get(i as usize).items == items)
            .map(|&i| self.itemsets.get(i as usize).count)
    }
}

/// The metrics of a rule from the counts of its antecedent, consequent and both, among
/// `n` baskets, as mlxtend computes them.
pub fn metrics(antecedent: u32, consequent: u32, both: u32, n: u32) -> Metrics {
    let (s_a, s_c, s_ac) = (share(antecedent, n), share(consequent, n), share(both, n));
    let n = f64::from(n);
    let confidence = (s_ac * n) / (s_a * n);
    Metrics {
        antecedent_support: s_a,
        consequent_support: s_c,
        support: s_ac,
        confidence,
        lift: confidence / s_c,
        leverage: s_ac - s_a * s_c,
        conviction: if confidence < 1.0 {
            (1.0 - s_c) / (1.0 - confidence)
        } else {
            f64::INFINITY
        },
    }
}

/// A rule's metrics (see [`Rule`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    /// Share of baskets with the antecedent.
    pub antecedent_support: f64,
    /// Share of baskets with the consequent.
    pub consequent_support: f64,
    /// Share of baskets with both.
    pub support: f64,
    /// Confidence.
    pub confidence: f64,
    /// Lift.
    pub lift: f64,
    /// Leverage.
    pub leverage: f64,
    /// Conviction.
    pub conviction: f64,
}

/// Whether the sorted `items` contain one of the sorted `wanted` (or `wanted` is empty).
fn any_of(items: &[u32], wanted: &[u32]) -> bool {
    wanted.is_empty() || items.iter().any(|i| wanted.binary_search(i).is_ok())
}

/// Finds the association rules in `itemsets` that meet the checked settings' minimum
/// confidence and lift and item filters, and keeps the strongest.
///
/// ```
/// use crm_lens::baskets::{Baskets, RulesParams, MinSupport, itemsets, rules};
/// use crm_lens::control::Unattended;
///
/// let baskets = Baskets::from_lists([
///     vec!["tea", "milk"], vec!["tea", "cake"], vec!["tea", "milk"], vec!["cake"],
/// ]);
/// let params = RulesParams { min_support: MinSupport::Count(2), ..RulesParams::default() };
/// let checked = params.check(&baskets)?;
/// let found = pollster::block_on(itemsets::mine(&baskets, &checked, &mut Unattended))?;
/// let rules = pollster::block_on(rules::rules(&found, &checked, &mut Unattended))?;
/// let milk_tea = &rules.rules[0];
/// assert_eq!((milk_tea.antecedent.as_slice(), milk_tea.consequent.as_slice()), (&[1][..], &[0][..]));
/// assert_eq!(milk_tea.confidence, 1.0);
/// assert_eq!(milk_tea.conviction, f64::INFINITY);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub async fn rules<C: Control>(
    itemsets: &Itemsets,
    params: &Checked,
    control: &mut C,
) -> Result<Rules, Interrupted> {
    let n = itemsets.baskets;
    let lookup = Lookup::new(itemsets);
    let keep = params.max_rules;
    let mut kept: Vec<Candidate> = Vec::new();
    let (mut matched, mut below_confidence, mut below_lift, mut outside_filters) = (0, 0, 0, 0);
    let (mut antecedent, mut consequent) = (Vec::new(), Vec::new());
    let total = itemsets.len();
    for (index, itemset) in itemsets.iter().enumerate() {
        if index % ITEMSETS_PER_CHECKPOINT == 0 {
            control
                .checkpoint(Progress {
                    stage: Stage::Rules,
                    done: index as u64,
                    total: Some(total as u64),
                })
                .await?;
        }
        let items = itemset.items;
        // An itemset of 64 items or more would have more subsets than any limit allows.
        if items.len() < 2 || items.len() >= 64 {
            continue;
        }
        let full = (1u64 << items.len()) - 1;
        for mask in 1..full {
            split(items, mask, &mut antecedent, &mut consequent);
            let (Some(a), Some(c)) = (lookup.count(&antecedent), lookup.count(&consequent)) else {
                continue;
            };
            let m = metrics(a, c, itemset.count, n);
            if m.confidence < params.min_confidence {
                below_confidence += 1;
                continue;
            }
            if m.lift < params.min_lift {
                below_lift += 1;
                continue;
            }
            if !any_of(&antecedent, &params.antecedent_items)
                || !any_of(&consequent, &params.consequent_items)
            {
                outside_filters += 1;
                continue;
            }
            matched += 1;
            kept.push(Candidate {
                lift: m.lift,
                confidence: m.confidence,
                count: itemset.count,
                itemset: to_u32(index),
                mask,
            });
            if kept.len() >= keep.saturating_mul(2).max(1 << 16) {
                kept.select_nth_unstable_by(keep - 1, stronger);
                kept.truncate(keep);
            }
        }
    }
    kept.sort_unstable_by(stronger);
    kept.truncate(keep);
    let rules = kept
        .iter()
        .map(|candidate| {
            let itemset = itemsets.get(candidate.itemset as usize);
            let (mut antecedent, mut consequent) = (Vec::new(), Vec::new());
            split(
                itemset.items,
                candidate.mask,
                &mut antecedent,
                &mut consequent,
            );
            let a = lookup.count(&antecedent).unwrap_or(itemset.count);
            let c = lookup.count(&consequent).unwrap_or(itemset.count);
            let m = metrics(a, c, itemset.count, n);
            Rule {
                antecedent,
                consequent,
                count: itemset.count,
                antecedent_support: m.antecedent_support,
                consequent_support: m.consequent_support,
                support: m.support,
                confidence: m.confidence,
                lift: m.lift,
                leverage: m.leverage,
                conviction: m.conviction,
            }
        })
        .collect();
    control
        .checkpoint(Progress {
            stage: Stage::Rules,
            done: total as u64,
            total: Some(total as u64),
        })
        .await?;
    Ok(Rules {
        baskets: n,
        rules,
        matched,
        below_confidence,
        below_lift,
        outside_filters,
        partial: itemsets.partial,
    })
}

/// Splits sorted `items` by `mask` into the antecedent (bits set) and the consequent.
fn split(items: &[u32], mask: u64, antecedent: &mut Vec<u32>, consequent: &mut Vec<u32>) {
    antecedent.clear();
    consequent.clear();
    for (i, &item) in items.iter().enumerate() {
        if mask & (1 << i) != 0 {
            antecedent.push(item);
        } else {
            consequent.push(item);
        }
    }
}

/// Serde for a number that may be positive infinity (`#[serde(with = "infinite")]`):
/// human-readable formats (JSON, which has no infinity) write it as the string `"inf"`,
/// the others as the number itself (postcard keeps every `f64`).
pub mod infinite {
    use serde::de::{self, Visitor};
    use serde::{Deserializer, Serializer};
    use std::fmt;

    /// Writes `value`, infinity as `"inf"` in human-readable formats.
    pub fn serialize<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() && *value == f64::INFINITY {
            serializer.serialize_str("inf")
        } else {
            serializer.serialize_f64(*value)
        }
    }

    /// Reads a number, or `"inf"` in human-readable formats.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        struct Number;
        impl Visitor<'_> for Number {
            type Value = f64;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number or \"inf\"")
            }
            fn visit_f64<E: de::Error>(self, value: f64) -> Result<f64, E> {
                Ok(value)
            }
            fn visit_i64<E: de::Error>(self, value: i64) -> Result<f64, E> {
                Ok(value as f64)
            }
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<f64, E> {
                Ok(value as f64)
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<f64, E> {
                match value {
                    "inf" => Ok(f64::INFINITY),
                    _ => Err(E::invalid_value(de::Unexpected::Str(value), &self)),
                }
            }
        }
        if deserializer.is_human_readable() {
            deserializer.deserialize_any(Number)
        } else {
            deserializer.deserialize_f64(Number)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_follow_mlxtend() {
        // 10 baskets: A in 4, C in 5, both in 3.
        let m = metrics(4, 5, 3, 10);
        assert_eq!(m.antecedent_support, 0.4);
        assert_eq!(m.consequent_support, 0.5);
        assert_eq!(m.support, 0.3);
        assert!((m.confidence - 0.75).abs() < 1e-15);
        assert!((m.lift - 1.5).abs() < 1e-15);
        assert!((m.leverage - 0.1).abs() < 1e-15);
        assert!((m.conviction - 2.0).abs() < 1e-14);
        assert_eq!(metrics(3, 5, 3, 10).conviction, f64::INFINITY);
    }

    #[test]
    fn infinite_conviction_is_inf_in_json_and_a_number_in_postcard() {
        let rule = Rule {
            antecedent: vec![0],
            consequent: vec![1],
            count: 3,
            antecedent_support: 0.3,
            consequent_support: 0.5,
            support: 0.3,
            confidence: 1.0,
            lift: 2.0,
            leverage: 0.15,
            conviction: f64::INFINITY,
        };
        let json = serde_json::to_string(&rule).expect("json");
        assert!(json.contains("\"conviction\":\"inf\""), "{json}");
        assert_eq!(serde_json::from_str::<Rule>(&json).expect("back"), rule);
        let finite = Rule {
            conviction: 2.5,
            ..rule.clone()
        };
        let json = serde_json::to_string(&finite).expect("json");
        assert!(json.contains("\"conviction\":2.5"), "{json}");
        assert_eq!(serde_json::from_str::<Rule>(&json).expect("back"), finite);
        let bytes = postcard::to_allocvec(&rule).expect("postcard");
        assert_eq!(postcard::from_bytes::<Rule>(&bytes).expect("back"), rule);
        assert!(serde_json::from_str::<Rule>(&json.replace("2.5", "\"nan\"")).is_err());
    }
}
