//! The basket analysis's entry in the analysis registry ([`crate::analyses`]): the
//! rules of all baskets, or of one segment's customers.

use super::words::Language;
use super::{Analysis as Found, BasketOptions, Baskets, BasketsError, BasketsReport, RulesParams};
use crate::analyses::{Analysis, Headline, Input, Kind, Needs, Words};
use crate::control::{Control, Interrupted};
use crate::orders::Orders;
use crate::segments::{Segmentation, Segmenting};
use crate::view::format::count;
use serde::{Deserialize, Serialize};

/// What a basket analysis is asked to do.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RulesRequest {
    /// What a basket and an item are.
    pub options: BasketOptions,
    /// Thresholds, limits and filters.
    pub params: RulesParams,
    /// Only the baskets of this cluster's customers (of the latest segmentation).
    pub segment: Option<i32>,
}

/// What a basket analysis found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RulesFound {
    /// How the order lines became baskets.
    pub report: BasketsReport,
    /// The itemsets' count and the strongest rules.
    pub analysis: Found,
    /// The segment whose baskets these are, if not all.
    pub segment: Option<String>,
}

/// Why the basket analysis gave no rules.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    /// The baskets or the settings.
    #[error(transparent)]
    Baskets(#[from] BasketsError),
    /// The segment asked for is not in the latest segmentation.
    #[error("that segment is gone (the data or the segments changed); choose a segment again")]
    SegmentGone,
}

/// Association rules, as the registry runs them.
#[derive(Debug)]
pub struct FindingRules;

impl Analysis for FindingRules {
    type Settings = RulesRequest;
    type Output = RulesFound;
    type Summary = RulesFound;
    type Error = RulesError;

    const WORDS: Words = Words {
        title: "Baskets",
        doing: "Finding association rules",
        button: "Find rules",
        export: None,
    };

    /// One segment's rules depend on the segmentation.
    fn needs(settings: &RulesRequest) -> Needs {
        Needs {
            extras: false,
            results: match settings.segment {
                Some(_) => vec![Kind::Segments],
                None => Vec::new(),
            },
        }
    }

    async fn run<C: Control>(
        input: &Input<'_>,
        request: &RulesRequest,
        control: &mut C,
    ) -> Result<RulesFound, RulesError> {
        let segment = match request.segment {
            Some(cluster) => {
                let segmentation = input.result::<Segmenting>();
                let found = segmentation.and_then(|s| members(s, input.orders, cluster));
                Some(found.ok_or(RulesError::SegmentGone)?)
            }
            None => None,
        };
        let (all, report) = Baskets::from_dataset(input.dataset, request.options, control).await?;
        let (baskets, segment) = match segment {
            Some((name, member)) => {
                let customers = all.customers();
                let keep = |b: usize| member.get(customers[b] as usize).copied().unwrap_or(false);
                (all.select(keep), Some(name))
            }
            None => (all, None),
        };
        let checked = request.params.check(&baskets).map_err(BasketsError::from)?;
        let analysis = super::analyse(&baskets, &checked, control)
            .await
            .map_err(BasketsError::from)?;
        Ok(RulesFound {
            report,
            analysis,
            segment,
        })
    }

    fn interrupted(error: &RulesError) -> Option<Interrupted> {
        match error {
            RulesError::Baskets(BasketsError::Interrupted(reason)) => Some(*reason),
            _ => None,
        }
    }

    fn summarise(output: &RulesFound, _: &RulesRequest) -> RulesFound {
        output.clone()
    }

    /// Rules are not per customer.
    fn customer_rows(_: &RulesFound, _: &Orders) -> Option<String> {
        None
    }

    /// "413 rules; the strongest: ..."
    fn headline(found: &RulesFound) -> Headline {
        let analysis = &found.analysis;
        let rules = count(analysis.matched);
        if analysis.rules.is_empty() {
            return Headline {
                en: "No rules met the thresholds.".to_owned(),
                zh: "没有规则达到阈值。".to_owned(),
            };
        }
        Headline {
            en: format!(
                "{rules} rules; the strongest: {}",
                analysis.headline(0, Language::English)
            ),
            zh: format!(
                "{rules} 条规则；最强的一条：{}",
                analysis.headline(0, Language::Chinese)
            ),
        }
    }

    fn unlink(settings: &mut RulesRequest, gone: Kind) {
        if gone == Kind::Segments {
            settings.segment = None;
        }
    }
}

/// The name of cluster `cluster` of `segmentation` and whether each customer value id of
/// the transaction log's customer column is in it; `None` when there is no such cluster.
fn members(
    segmentation: &Segmentation,
    orders: &Orders,
    cluster: i32,
) -> Option<(String, Vec<bool>)> {
    let name = segmentation
        .profiles
        .clusters
        .iter()
        .find(|c| c.cluster == cluster)?
        .name
        .clone();
    let values: Vec<u32> = segmentation
        .labels
        .iter()
        .zip(&segmentation.features.customers)
        .filter(|(label, _)| **label == cluster)
        .filter_map(|(_, &dense)| orders.customer_values.get(dense as usize).copied())
        .collect();
    let size = values.iter().max().map_or(0, |&most| most as usize + 1);
    let mut member = vec![false; size];
    for id in values {
        member[id as usize] = true;
    }
    Some((name, member))
}
