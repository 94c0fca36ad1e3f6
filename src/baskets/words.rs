//! A rule said in words, for the cross-sell suggestions: "Customers who buy coffee buy
//! croissants 3.1x more often than average", in English or Simplified Chinese.

use super::collect::Per;
use super::rules::Rule;
use serde::{Deserialize, Serialize};

/// The language of the words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Language {
    /// English.
    #[default]
    English,
    /// Simplified Chinese.
    Chinese,
}

/// Lifts this close to 1 are "about as often as average".
const ABOUT_AVERAGE: f64 = 0.05;

/// The rule's lift in words: who buys the antecedent buys the consequent how much more
/// (or less) often than average. `names` gives the name of each item id of the rule.
///
/// ```
/// use crm_lens::baskets::{Per, Rule, words::{Language, headline}};
/// let rule = Rule {
///     antecedent: vec![0], consequent: vec![1], count: 40,
///     antecedent_support: 0.1, consequent_support: 0.2, support: 0.062,
///     confidence: 0.62, lift: 3.1, leverage: 0.042, conviction: 2.1,
/// };
/// let names = ["coffee".to_owned(), "croissants".to_owned()];
/// assert_eq!(
///     headline(&rule, &names, Per::Order, Language::English),
///     "Customers who buy coffee buy croissants 3.1x more often than average"
/// );
/// assert_eq!(
///     headline(&rule, &names, Per::Order, Language::Chinese),
///     "购买coffee的顾客购买croissants的可能性是平均的3.1倍"
/// );
/// ```
pub fn headline(rule: &Rule, names: &[String], per: Per, language: Language) -> String {
    let (a, c) = sides(rule, names, language);
    let lift = rule.lift;
    match language {
        Language::English => {
            let how = if (lift - 1.0).abs() < ABOUT_AVERAGE {
                "about as often as average".to_owned()
            } else if lift > 1.0 {
                format!("{}x more often than average", times(lift))
            } else {
                format!("{}% less often than average", percent(1.0 - lift))
            };
            match per {
                Per::Order => format!("Customers who buy {a} buy {c} {how}"),
                Per::Customer => format!("Customers who have bought {a} have bought {c} {how}"),
            }
        }
        Language::Chinese => {
            let how = if (lift - 1.0).abs() < ABOUT_AVERAGE {
                "与平均相当".to_owned()
            } else if lift > 1.0 {
                format!("是平均的{}倍", times(lift))
            } else {
                format!("比平均低{}%", percent(1.0 - lift))
            };
            match per {
                Per::Order => format!("购买{a}的顾客购买{c}的可能性{how}"),
                Per::Customer => format!("买过{a}的顾客买过{c}的可能性{how}"),
            }
        }
    }
}

/// The rule's confidence in words: "62% of orders with coffee include croissants".
///
/// ```
/// use crm_lens::baskets::{Per, Rule, words::{Language, detail}};
/// let rule = Rule {
///     antecedent: vec![0, 1], consequent: vec![2], count: 40,
///     antecedent_support: 0.1, consequent_support: 0.2, support: 0.062,
///     confidence: 0.62, lift: 3.1, leverage: 0.042, conviction: 2.1,
/// };
/// let names = ["coffee".to_owned(), "milk".to_owned(), "croissants".to_owned()];
/// assert_eq!(
///     detail(&rule, &names, Per::Order, Language::English),
///     "62% of orders with coffee and milk include croissants"
/// );
/// ```
pub fn detail(rule: &Rule, names: &[String], per: Per, language: Language) -> String {
    let (a, c) = sides(rule, names, language);
    let share = percent(rule.confidence);
    match (language, per) {
        (Language::English, Per::Order) => format!("{share}% of orders with {a} include {c}"),
        (Language::English, Per::Customer) => {
            format!("{share}% of customers who bought {a} also bought {c}")
        }
        (Language::Chinese, Per::Order) => format!("含有{a}的订单中有{share}%也包含{c}"),
        (Language::Chinese, Per::Customer) => format!("买过{a}的顾客中有{share}%也买过{c}"),
    }
}

fn sides(rule: &Rule, names: &[String], language: Language) -> (String, String) {
    let list = |ids: &[u32]| {
        let names: Vec<&str> = ids
            .iter()
            .map(|&id| names.get(id as usize).map_or("?", String::as_str))
            .collect();
        join(&names, language)
    };
    (list(&rule.antecedent), list(&rule.consequent))
}

/// "a", "a and b", "a, b and c" (in Chinese "a、b和c").
fn join(names: &[&str], language: Language) -> String {
    let (comma, and) = match language {
        Language::English => (", ", " and "),
        Language::Chinese => ("、", "和"),
    };
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{}{and}{last}", rest.join(comma)),
    }
}

/// A ratio as people say it: one decimal below 10 ("3.1"), whole above ("12").
fn times(ratio: f64) -> String {
    if ratio < 9.95 {
        format!("{ratio:.1}")
    } else {
        format!("{ratio:.0}")
    }
}

/// A share as a percentage: whole from 10% ("62"), one decimal below ("2.5").
fn percent(share: f64) -> String {
    let percent = share * 100.0;
    if percent >= 9.95 {
        format!("{percent:.0}")
    } else {
        format!("{percent:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(antecedent: &[u32], consequent: &[u32], lift: f64, confidence: f64) -> Rule {
        Rule {
            antecedent: antecedent.to_vec(),
            consequent: consequent.to_vec(),
            count: 10,
            antecedent_support: 0.1,
            consequent_support: 0.1,
            support: 0.01,
            confidence,
            lift,
            leverage: 0.0,
            conviction: 1.0,
        }
    }

    #[test]
    fn says_rules_in_words() {
        let names: Vec<String> = ["coffee", "milk", "sugar", "croissants"]
            .map(str::to_owned)
            .to_vec();
        let check = |rule: Rule, per, language, headline_, detail_| {
            assert_eq!(headline(&rule, &names, per, language), headline_);
            assert_eq!(detail(&rule, &names, per, language), detail_);
        };
        check(
            rule(&[0, 1, 2], &[3], 12.04, 0.055),
            Per::Order,
            Language::English,
            "Customers who buy coffee, milk and sugar buy croissants 12x more often than average",
            "5.5% of orders with coffee, milk and sugar include croissants",
        );
        check(
            rule(&[3], &[0, 1], 1.02, 0.5),
            Per::Customer,
            Language::English,
            "Customers who have bought croissants have bought coffee and milk about as often as \
             average",
            "50% of customers who bought croissants also bought coffee and milk",
        );
        check(
            rule(&[0], &[2], 0.6, 0.1),
            Per::Order,
            Language::English,
            "Customers who buy coffee buy sugar 40% less often than average",
            "10% of orders with coffee include sugar",
        );
        check(
            rule(&[0, 1], &[3], 3.12, 0.62),
            Per::Customer,
            Language::Chinese,
            "买过coffee和milk的顾客买过croissants的可能性是平均的3.1倍",
            "买过coffee和milk的顾客中有62%也买过croissants",
        );
        check(
            rule(&[0, 1, 2], &[3], 0.5, 0.62),
            Per::Order,
            Language::Chinese,
            "购买coffee、milk和sugar的顾客购买croissants的可能性比平均低50%",
            "含有coffee、milk和sugar的订单中有62%也包含croissants",
        );
    }
}
