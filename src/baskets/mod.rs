//! Market basket analysis: which items sell together.
//!
//! The steps, each in its own module: [`collect`] gathers the order lines into
//! [`Baskets`] (per order or per customer, products or categories, returns left out);
//! [`params`] checks the user's settings once into [`params::Checked`]; [`limits`]
//! estimates the work beforehand; [`itemsets::mine`] finds the frequent itemsets with
//! FP-growth (`fpgrowth`, the default) or Apriori (`apriori`), which give identical
//! results; [`rules`] turns them into association rules with mlxtend's metrics;
//! [`notes`] says what the settings left out (how many rules each threshold, filter and
//! limit dropped, and which setting keeps them); and [`words`] says a rule in a
//! sentence. [`analyse`] runs them all.
//!
//! The support thresholds and metrics are mlxtend's (`apriori`, `fpgrowth`,
//! `association_rules`), computed as it computes them; the results agree with its own
//! on a real store's baskets and on the demo (`tests/fixtures/baskets/`, made by
//! `scripts/baskets-fixtures.sh`).
//!
//! ```
//! use crm_lens::baskets::{self, Baskets, MinSupport, RulesParams, words::Language};
//! use crm_lens::control::Unattended;
//!
//! let baskets = Baskets::from_lists([
//!     vec!["coffee", "croissant"], vec!["coffee", "croissant", "milk"],
//!     vec!["tea", "milk"], vec!["tea"], vec!["coffee", "croissant"], vec!["milk"],
//! ]);
//! let params = RulesParams { min_support: MinSupport::Share(0.3), ..RulesParams::default() };
//! let checked = params.check(&baskets)?;
//! let analysis = pollster::block_on(baskets::analyse(&baskets, &checked, &mut Unattended))?;
//! assert_eq!(analysis.rules.len(), 2);
//! assert_eq!(
//!     analysis.headline(0, Language::English),
//!     "Customers who buy coffee buy croissant 2.0x more often than average"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod apriori;
pub mod collect;
mod fpgrowth;
pub mod itemsets;
pub mod limits;
pub mod notes;
pub mod params;
pub mod rules;
pub mod words;

#[cfg(test)]
mod tests;

pub use collect::{BasketOptions, Baskets, BasketsReport, Level, Per};
pub use itemsets::{Itemsets, Partial};
pub use limits::{Estimate, Warning};
pub use notes::{RulesNote, Setting};
pub use params::{Algorithm, Checked, MinSupport, ParamsError, RulesParams};
pub use rules::{Rule, Rules};
mod entry;
pub use entry::{FindingRules, RulesError, RulesFound, RulesRequest};

use crate::control::{Control, Interrupted};
use crate::ingest::Dataset;
use crate::ingest::roles::Role;
use serde::{Deserialize, Serialize};
use words::Language;

/// Why a basket analysis could not run. Messages are for the user.
#[derive(Debug, thiserror::Error)]
pub enum BasketsError {
    /// The column the baskets need is not in the data.
    #[error("the data has no {0} column")]
    NoColumn(Role),
    /// A setting cannot be used.
    #[error(transparent)]
    Params(#[from] ParamsError),
    /// Cancelled or superseded.
    #[error(transparent)]
    Interrupted(#[from] Interrupted),
}

/// A basket analysis: the estimate, how many itemsets were found, and the strongest
/// rules, with the names of the items they mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// What a basket is.
    pub per: Per,
    /// The estimate made before the search.
    pub estimate: Estimate,
    /// The least number of baskets a frequent itemset occurs in.
    pub min_count: u32,
    /// Frequent itemsets found.
    pub itemsets: u64,
    /// Set when the search stopped at the limit on itemsets.
    pub partial: Option<Partial>,
    /// The names of the items the rules mention; the rules' item ids index this list.
    pub names: Vec<String>,
    /// The strongest rules, strongest first.
    pub rules: Vec<Rule>,
    /// Rules that met the thresholds and filters, before keeping the strongest.
    pub matched: u64,
    /// What the settings left out, with the counts (see [`notes`]).
    #[serde(default)]
    pub notes: Vec<RulesNote>,
}

impl Analysis {
    /// Rule `index` in words, by its lift (see [`words::headline`]).
    pub fn headline(&self, index: usize, language: Language) -> String {
        words::headline(&self.rules[index], &self.names, self.per, language)
    }

    /// Rule `index`'s confidence in words (see [`words::detail`]).
    pub fn detail(&self, index: usize, language: Language) -> String {
        words::detail(&self.rules[index], &self.names, self.per, language)
    }
}

/// The whole job: gathers the baskets of a loaded transaction log, checks the settings
/// against them, and analyses them.
pub async fn analyse_dataset<C: Control>(
    dataset: &Dataset,
    options: BasketOptions,
    params: &RulesParams,
    control: &mut C,
) -> Result<(BasketsReport, Analysis), BasketsError> {
    let (baskets, report) = Baskets::from_dataset(dataset, options, control).await?;
    let checked = params.check(&baskets)?;
    let analysis = analyse(&baskets, &checked, control).await?;
    Ok((report, analysis))
}

/// Estimates, finds the frequent itemsets and the rules, and names the items.
pub async fn analyse<C: Control>(
    baskets: &Baskets,
    params: &Checked,
    control: &mut C,
) -> Result<Analysis, Interrupted> {
    let estimate = limits::estimate(baskets, params, control).await?;
    let itemsets = itemsets::mine(baskets, params, control).await?;
    let found = rules::rules(&itemsets, params, control).await?;
    let notes = notes::left_out(&found, &itemsets, baskets, params);
    // Renumber the items the rules mention, in order of id.
    let mut used: Vec<u32> = found
        .rules
        .iter()
        .flat_map(|rule| rule.antecedent.iter().chain(&rule.consequent))
        .copied()
        .collect();
    used.sort_unstable();
    used.dedup();
    let renumber = |ids: &mut Vec<u32>| {
        for id in ids.iter_mut() {
            *id = used.partition_point(|&u| u < *id) as u32;
        }
    };
    let mut rules = found.rules;
    for rule in &mut rules {
        renumber(&mut rule.antecedent);
        renumber(&mut rule.consequent);
    }
    Ok(Analysis {
        per: baskets.per(),
        estimate,
        min_count: params.min_count,
        itemsets: itemsets.len() as u64,
        partial: itemsets.partial,
        names: used.iter().map(|&id| baskets.name(id).to_owned()).collect(),
        rules,
        matched: found.matched,
        notes,
    })
}
