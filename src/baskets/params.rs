//! The settings of a basket analysis as the user gives them ([`RulesParams`]), checked
//! once against the baskets into [`Checked`], which the algorithms take.

use super::collect::Baskets;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The largest limit on itemsets that may be set: more would not fit in a browser tab.
pub const MAX_ITEMSETS_CEILING: u64 = 50_000_000;

/// How often an itemset must occur to be frequent.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MinSupport {
    /// A share of the baskets, above 0 and at most 1. An itemset is frequent when
    /// `count / baskets >= share`, compared as `f64` exactly as mlxtend compares.
    Share(f64),
    /// A number of baskets, at least 1.
    Count(u32),
}

/// Which algorithm finds the frequent itemsets. Both give identical itemsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Algorithm {
    /// FP-growth: the faster (see BENCHMARKS.md), so the default.
    #[default]
    FpGrowth,
    /// Apriori, level by level.
    Apriori,
}

/// The settings of a basket analysis, as the user gives them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RulesParams {
    /// How often an itemset must occur to be frequent.
    pub min_support: MinSupport,
    /// Rules must be at least this confident (0 to 1).
    pub min_confidence: f64,
    /// Rules must have at least this lift (0 or more).
    pub min_lift: f64,
    /// The longest itemset (antecedent and consequent together) looked for; `None` for
    /// no limit.
    pub max_len: Option<u32>,
    /// Keep only the strongest rules, this many at most; `None` for all.
    pub max_rules: Option<u32>,
    /// Keep only rules whose antecedent contains one of these items (empty: any).
    pub antecedent_items: Vec<String>,
    /// Keep only rules whose consequent contains one of these items (empty: any).
    pub consequent_items: Vec<String>,
    /// The algorithm for the frequent itemsets.
    pub algorithm: Algorithm,
    /// Stop when this many frequent itemsets are found: thresholds set too low must
    /// not exhaust the browser tab.
    pub max_itemsets: u64,
}

impl Default for RulesParams {
    fn default() -> Self {
        Self {
            min_support: MinSupport::Share(0.01),
            min_confidence: 0.2,
            min_lift: 1.0,
            max_len: Some(4),
            max_rules: Some(1000),
            antecedent_items: Vec::new(),
            consequent_items: Vec::new(),
            algorithm: Algorithm::FpGrowth,
            max_itemsets: 1_000_000,
        }
    }
}

/// Which side of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    /// The "if" part.
    Antecedent,
    /// The "then" part.
    Consequent,
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Side::Antecedent => "antecedent (the \"if\" side)",
            Side::Consequent => "consequent (the \"then\" side)",
        })
    }
}

/// A setting that cannot be used, with what to set instead.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ParamsError {
    /// Support share outside (0, 1].
    #[error(
        "the minimum support must be a share above 0 and at most 1 (such as 0.01 for 1% of \
         the baskets), not {0}"
    )]
    SupportShare(f64),
    /// Support count of 0.
    #[error("the minimum support count must be at least 1 basket")]
    SupportCount,
    /// Confidence outside [0, 1].
    #[error("the minimum confidence must be between 0 and 1 (such as 0.5 for 50%), not {0}")]
    Confidence(f64),
    /// Negative or undefined lift.
    #[error("the minimum lift must be 0 or more (1 means no association), not {0}")]
    Lift(f64),
    /// Maximum length 0.
    #[error("the maximum itemset length must be at least 1 item")]
    MaxLength,
    /// Maximum number of rules 0.
    #[error("the maximum number of rules must be at least 1")]
    MaxRules,
    /// Itemset limit 0 or too large.
    #[error("the limit on frequent itemsets must be between 1 and {MAX_ITEMSETS_CEILING}, not {0}")]
    MaxItemsets(u64),
    /// Filter items no basket contains.
    #[error("no basket contains {}, named in the items filter of the rule's {side}", quoted(.items))]
    UnknownItems {
        /// The side of the filter.
        side: Side,
        /// The names not found.
        items: Vec<String>,
    },
}

fn quoted(items: &[String]) -> String {
    let names: Vec<String> = items.iter().map(|i| format!("{i:?}")).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// Settings checked against the baskets: every value usable, item names resolved to ids.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// The least number of baskets a frequent itemset occurs in (at least 1).
    pub min_count: u32,
    /// Minimum confidence.
    pub min_confidence: f64,
    /// Minimum lift.
    pub min_lift: f64,
    /// The longest itemset (`usize::MAX` for no limit).
    pub max_len: usize,
    /// The most rules kept (`usize::MAX` for all).
    pub max_rules: usize,
    /// Item ids of which a rule's antecedent must contain one (sorted; empty: any).
    pub antecedent_items: Vec<u32>,
    /// Item ids of which a rule's consequent must contain one (sorted; empty: any).
    pub consequent_items: Vec<u32>,
    /// The algorithm.
    pub algorithm: Algorithm,
    /// Stop at this many frequent itemsets.
    pub max_itemsets: u64,
}

impl RulesParams {
    /// Checks every setting, and resolves the item filters against `baskets`.
    pub fn check(&self, baskets: &Baskets) -> Result<Checked, ParamsError> {
        let n = u32::try_from(baskets.len()).unwrap_or(u32::MAX);
        let min_count = match self.min_support {
            MinSupport::Share(share) if share > 0.0 && share <= 1.0 => min_count(share, n),
            MinSupport::Share(share) => return Err(ParamsError::SupportShare(share)),
            MinSupport::Count(0) => return Err(ParamsError::SupportCount),
            MinSupport::Count(count) => count,
        };
        if !(0.0..=1.0).contains(&self.min_confidence) {
            return Err(ParamsError::Confidence(self.min_confidence));
        }
        if self.min_lift.is_nan() || self.min_lift < 0.0 {
            return Err(ParamsError::Lift(self.min_lift));
        }
        let max_len = match self.max_len {
            Some(0) => return Err(ParamsError::MaxLength),
            Some(len) => len as usize,
            None => usize::MAX,
        };
        let max_rules = match self.max_rules {
            Some(0) => return Err(ParamsError::MaxRules),
            Some(rules) => rules as usize,
            None => usize::MAX,
        };
        if !(1..=MAX_ITEMSETS_CEILING).contains(&self.max_itemsets) {
            return Err(ParamsError::MaxItemsets(self.max_itemsets));
        }
        Ok(Checked {
            min_count,
            min_confidence: self.min_confidence,
            min_lift: self.min_lift,
            max_len,
            max_rules,
            antecedent_items: resolve(&self.antecedent_items, Side::Antecedent, baskets)?,
            consequent_items: resolve(&self.consequent_items, Side::Consequent, baskets)?,
            algorithm: self.algorithm,
            max_itemsets: self.max_itemsets,
        })
    }
}

fn resolve(names: &[String], side: Side, baskets: &Baskets) -> Result<Vec<u32>, ParamsError> {
    let mut ids = Vec::with_capacity(names.len());
    let mut unknown = Vec::new();
    for name in names {
        match baskets.id(name) {
            Some(id) => ids.push(id),
            None => unknown.push(name.clone()),
        }
    }
    if !unknown.is_empty() {
        return Err(ParamsError::UnknownItems {
            side,
            items: unknown,
        });
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// The share of `n` baskets that `count` is, as mlxtend computes it.
pub fn share(count: u32, n: u32) -> f64 {
    f64::from(count) / f64::from(n)
}

/// The least count `c` (at least 1) with `c / n >= share` in `f64`, so that comparing
/// counts with it decides exactly as mlxtend's comparison of shares does, values on the
/// threshold included (`f64` division is monotonic, so one such count divides the
/// frequent from the rest). `n` of 0 gives 1.
pub fn min_count(share: f64, n: u32) -> u32 {
    if n == 0 {
        return 1;
    }
    let meets = |c: u32| self::share(c, n) >= share;
    // The product is within a few units of the answer; step to it exactly.
    let mut count = (share * f64::from(n)).ceil().clamp(1.0, f64::from(n)) as u32;
    while count > 1 && meets(count - 1) {
        count -= 1;
    }
    while count < n && !meets(count) {
        count += 1;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn baskets() -> Baskets {
        Baskets::from_lists([vec!["tea", "milk"], vec!["bread"]])
    }

    fn check(change: impl FnOnce(&mut RulesParams)) -> Result<Checked, String> {
        let mut params = RulesParams::default();
        change(&mut params);
        params.check(&baskets()).map_err(|e| e.to_string())
    }

    #[test]
    fn bad_settings_get_clear_messages() {
        type Change = fn(&mut RulesParams);
        let cases: [(Change, &str); 11] = [
            (
                |p| p.min_support = MinSupport::Share(0.0),
                "the minimum support must be a share above 0 and at most 1 (such as 0.01 for 1% \
                 of the baskets), not 0",
            ),
            (
                |p| p.min_support = MinSupport::Share(1.5),
                "the minimum support must be a share above 0 and at most 1 (such as 0.01 for 1% \
                 of the baskets), not 1.5",
            ),
            (
                |p| p.min_support = MinSupport::Share(f64::NAN),
                "the minimum support must be a share above 0 and at most 1 (such as 0.01 for 1% \
                 of the baskets), not NaN",
            ),
            (
                |p| p.min_support = MinSupport::Count(0),
                "the minimum support count must be at least 1 basket",
            ),
            (
                |p| p.min_confidence = 1.01,
                "the minimum confidence must be between 0 and 1 (such as 0.5 for 50%), not 1.01",
            ),
            (
                |p| p.min_lift = -1.0,
                "the minimum lift must be 0 or more (1 means no association), not -1",
            ),
            (
                |p| p.min_lift = f64::NAN,
                "the minimum lift must be 0 or more (1 means no association), not NaN",
            ),
            (
                |p| p.max_len = Some(0),
                "the maximum itemset length must be at least 1 item",
            ),
            (
                |p| p.max_rules = Some(0),
                "the maximum number of rules must be at least 1",
            ),
            (
                |p| p.max_itemsets = 0,
                "the limit on frequent itemsets must be between 1 and 50000000, not 0",
            ),
            (
                |p| {
                    p.antecedent_items = vec!["tea".into(), "coffee".into(), "jam".into()];
                },
                "no basket contains \"coffee\" or \"jam\", named in the items filter of the \
                 rule's antecedent (the \"if\" side)",
            ),
        ];
        for (change, message) in cases {
            assert_eq!(check(change).expect_err(message), message);
        }
        let error = check(|p| p.consequent_items = vec!["cake".into()]).expect_err("cake");
        assert!(error.contains("\"cake\", named in the items filter of the rule's consequent"));
    }

    #[test]
    fn good_settings_are_resolved() {
        let checked = check(|p| {
            p.min_support = MinSupport::Count(2);
            p.max_len = None;
            p.max_rules = None;
            p.consequent_items = vec!["bread".into(), "tea".into(), "bread".into()];
        })
        .expect("valid");
        assert_eq!(checked.min_count, 2);
        assert_eq!(checked.max_len, usize::MAX);
        assert_eq!(checked.max_rules, usize::MAX);
        assert_eq!(checked.consequent_items, [0, 2]);
        let edges = check(|p| {
            p.min_support = MinSupport::Share(1.0);
            p.min_confidence = 1.0;
            p.min_lift = 0.0;
        })
        .expect("edges are valid");
        assert_eq!(edges.min_count, 2);
    }

    #[test]
    fn the_minimum_count_decides_as_comparing_shares_does() {
        // 0.1 * 30 is 3.0000000000000004 in f64, but 3 / 30 == 0.1: 3 is frequent.
        assert_eq!(min_count(0.1, 30), 3);
        assert!(share(3, 30) >= 0.1);
        for n in [
            1u32, 2, 3, 7, 10, 30, 99, 100, 4627, 9835, 100_000, 1_000_003,
        ] {
            for share_ in [
                1e-9,
                0.001,
                0.01,
                0.05,
                0.1,
                0.2,
                1.0 / 3.0,
                0.3,
                0.5,
                0.7,
                1.0,
            ] {
                let c = min_count(share_, n);
                assert!(c >= 1 && c <= n, "{share_} of {n}: {c}");
                assert!(c == 1 || share(c - 1, n) < share_, "{share_} of {n}: {c}");
                assert!(share(c, n) >= share_ || c == n, "{share_} of {n}: {c}");
            }
            // Shares that are exactly a count's share keep that count.
            for c in [1, n / 3, n / 2, n].into_iter().filter(|&c| c >= 1) {
                assert_eq!(min_count(share(c, n), n), c, "{c} of {n}");
            }
        }
        assert_eq!(min_count(0.5, 0), 1);
    }
}
