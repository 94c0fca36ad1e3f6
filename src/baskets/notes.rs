//! What the settings left out of the rules, said with the count and the setting that
//! changes it, so that no default drops rules silently.
//!
//! The counts are exact where they are cheap: every candidate rule (a split of a
//! frequent itemset) is tried against the minimum confidence, then the minimum lift,
//! then the item filters, and counted where it stops ([`super::Rules`]); the rules past
//! the strongest `max_rules` are the matched ones less the kept ones. Of the length
//! limit only this is known without the search the limit is there to avoid: how many
//! frequent itemsets reached it (a longer frequent itemset contains one of them), and how
//! many baskets hold more frequent items than the limit (a longer frequent itemset is in
//! at least the minimum count of them). When either is too few, nothing was cut and
//! nothing is said; otherwise longer itemsets, and rules from them, may exist.

use super::collect::Baskets;
use super::itemsets::Itemsets;
use super::params::Checked;
use super::rules::Rules;
use serde::{Deserialize, Serialize};

/// A setting of [`super::RulesParams`] that a note points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Setting {
    /// [`super::RulesParams::min_confidence`].
    MinConfidence,
    /// [`super::RulesParams::min_lift`].
    MinLift,
    /// The items filters, [`super::RulesParams::antecedent_items`] and
    /// [`super::RulesParams::consequent_items`].
    ItemFilters,
    /// [`super::RulesParams::max_rules`].
    MaxRules,
    /// [`super::RulesParams::max_len`].
    MaxLen,
}

impl Setting {
    /// The setting in words ("the minimum lift"), for a shell without names of its own.
    pub fn label(self) -> &'static str {
        match self {
            Setting::MinConfidence => "the minimum confidence",
            Setting::MinLift => "the minimum lift",
            Setting::ItemFilters => "the item filters",
            Setting::MaxRules => "the maximum number of rules",
            Setting::MaxLen => "the maximum itemset length",
        }
    }
}

/// Rules the settings left out, counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RulesNote {
    /// Candidate rules with a confidence below the minimum.
    BelowConfidence {
        /// How many.
        rules: u64,
        /// The minimum.
        min_confidence: f64,
    },
    /// Rules that met the minimum confidence, with a lift below the minimum.
    BelowLift {
        /// How many.
        rules: u64,
        /// The minimum.
        min_lift: f64,
    },
    /// Rules that met both thresholds, without the items the filters ask for.
    OutsideFilters {
        /// How many.
        rules: u64,
    },
    /// Rules that met everything, past the strongest `kept`.
    BeyondMaxRules {
        /// Rules that met everything.
        matched: u64,
        /// The strongest, kept.
        kept: u64,
    },
    /// Frequent itemsets of the longest length looked for: longer ones, and rules from
    /// them, may exist.
    LengthLimit {
        /// The longest length looked for.
        max_len: u32,
        /// Frequent itemsets of that length.
        itemsets: u64,
        /// Baskets with more frequent items than that.
        baskets: u64,
    },
}

impl RulesNote {
    /// The setting that changes what the note says.
    pub fn setting(&self) -> Setting {
        match self {
            RulesNote::BelowConfidence { .. } => Setting::MinConfidence,
            RulesNote::BelowLift { .. } => Setting::MinLift,
            RulesNote::OutsideFilters { .. } => Setting::ItemFilters,
            RulesNote::BeyondMaxRules { .. } => Setting::MaxRules,
            RulesNote::LengthLimit { .. } => Setting::MaxLen,
        }
    }

    /// The note in English, the setting named by `name` (the CLI's option, the page's
    /// field; [`Setting::label`] for plain words).
    ///
    /// ```
    /// use crm_lens::baskets::notes::{RulesNote, Setting};
    /// let note = RulesNote::BelowLift { rules: 9, min_lift: 1.0 };
    /// assert_eq!(
    ///     note.text(|_| "--min-lift".to_owned()),
    ///     "9 rules met the minimum confidence but have a lift below the minimum of 1, so \
    ///      they are left out; set --min-lift to 0 to keep them"
    /// );
    /// ```
    pub fn text(&self, name: impl Fn(Setting) -> String) -> String {
        let setting = name(self.setting());
        match *self {
            RulesNote::BelowConfidence {
                rules,
                min_confidence,
            } => format!(
                "{} below the minimum confidence of {min_confidence} {} left out; lower \
                 {setting} to see more",
                rules_count(rules),
                are(rules)
            ),
            RulesNote::BelowLift { rules, min_lift } => format!(
                "{} met the minimum confidence but {} a lift below the minimum of {min_lift}, \
                 so {} left out; set {setting} to 0 to keep {}",
                rules_count(rules),
                if rules == 1 { "has" } else { "have" },
                if rules == 1 { "it is" } else { "they are" },
                if rules == 1 { "it" } else { "them" }
            ),
            RulesNote::OutsideFilters { rules } => format!(
                "{} met the thresholds without the items asked for ({setting}) and {} left \
                 out",
                rules_count(rules),
                are(rules)
            ),
            RulesNote::BeyondMaxRules { matched, kept } => format!(
                "{} met the thresholds; the strongest {kept} are kept and {} left out; set \
                 {setting} to none to keep them all",
                rules_count(matched),
                count_rest(matched - kept)
            ),
            RulesNote::LengthLimit {
                max_len,
                itemsets,
                baskets,
            } => format!(
                "{itemsets} frequent itemset{} reached the longest length looked for, \
                 {max_len} items ({setting}), and {baskets} basket{} more frequent items \
                 than that, so longer itemsets, and rules from them, were not looked for and \
                 may exist; set {setting} to none (or {}) to look for them",
                if itemsets == 1 { "" } else { "s" },
                if baskets == 1 { " has" } else { "s have" },
                max_len + 1
            ),
        }
    }
}

/// `1 rule`, `2 rules`.
fn rules_count(n: u64) -> String {
    if n == 1 {
        "1 rule".to_owned()
    } else {
        format!("{n} rules")
    }
}

/// `is`, `are`.
fn are(n: u64) -> &'static str {
    if n == 1 { "is" } else { "are" }
}

/// `the other 1 is`, `the other 5 are`.
fn count_rest(n: u64) -> String {
    format!("the other {n} {}", are(n))
}

/// What the checked settings left out of the rules found in the `itemsets` of
/// `baskets`: a note per setting that left something out, in the order they apply.
pub fn left_out(
    rules: &Rules,
    itemsets: &Itemsets,
    baskets: &Baskets,
    params: &Checked,
) -> Vec<RulesNote> {
    let mut notes = Vec::new();
    if rules.below_confidence > 0 {
        notes.push(RulesNote::BelowConfidence {
            rules: rules.below_confidence,
            min_confidence: params.min_confidence,
        });
    }
    if rules.below_lift > 0 {
        notes.push(RulesNote::BelowLift {
            rules: rules.below_lift,
            min_lift: params.min_lift,
        });
    }
    if rules.outside_filters > 0 {
        notes.push(RulesNote::OutsideFilters {
            rules: rules.outside_filters,
        });
    }
    let kept = rules.rules.len() as u64;
    if rules.matched > kept {
        notes.push(RulesNote::BeyondMaxRules {
            matched: rules.matched,
            kept,
        });
    }
    if let Ok(max_len) = u32::try_from(params.max_len) {
        let at_limit = itemsets
            .iter()
            .filter(|itemset| itemset.items.len() == params.max_len)
            .count() as u64;
        let longer = if at_limit > 0 {
            baskets_longer_than(baskets, itemsets, params.max_len)
        } else {
            0
        };
        if longer >= u64::from(params.min_count) {
            notes.push(RulesNote::LengthLimit {
                max_len,
                itemsets: at_limit,
                baskets: longer,
            });
        }
    }
    notes
}

/// Baskets with more than `len` frequent items (items that are frequent itemsets of
/// their own).
fn baskets_longer_than(baskets: &Baskets, itemsets: &Itemsets, len: usize) -> u64 {
    let mut frequent = vec![false; baskets.names().len()];
    for itemset in itemsets
        .iter()
        .take_while(|itemset| itemset.items.len() == 1)
    {
        if let Some(slot) = frequent.get_mut(itemset.items[0] as usize) {
            *slot = true;
        }
    }
    baskets
        .iter()
        .filter(|basket| {
            basket
                .iter()
                .filter(|&&item| frequent.get(item as usize).copied().unwrap_or(false))
                .count()
                > len
        })
        .count() as u64
}
