//! Opportunities' entry in the analysis registry ([`crate::analyses`]).

use super::export::contacts_csv;
use super::{Found, GroupBy, OpportunityError, OpportunitySummary, Settings, find};
use crate::analyses::{Analysis, Headline, Input, Kind, Needs, Words};
use crate::control::{Control, Interrupted};
use crate::orders::Orders;
use crate::segments::Segmenting;
use crate::view::format::count;

/// The search for opportunities, as the registry runs it.
#[derive(Debug)]
pub struct Finding;

impl Analysis for Finding {
    type Settings = Settings;
    type Output = Found;
    type Summary = OpportunitySummary;
    type Error = OpportunityError;

    const WORDS: Words = Words {
        title: "Opportunities",
        doing: "Finding gaps",
        button: "Find opportunities",
        export: Some(("opportunity-contacts.csv", "contacts")),
    };

    /// Segments' gaps depend on the segmentation (and change when one arrives, as the
    /// RFM segments stood in for it); an attribute's on the extra tables.
    fn needs(settings: &Settings) -> Needs {
        match settings.groups {
            GroupBy::Segments => Needs {
                extras: false,
                results: vec![Kind::Segments],
            },
            GroupBy::Rfm => Needs::default(),
            GroupBy::Attribute { .. } => Needs {
                extras: true,
                results: Vec::new(),
            },
        }
    }

    async fn run<C: Control>(
        input: &Input<'_>,
        settings: &Settings,
        control: &mut C,
    ) -> Result<Found, OpportunityError> {
        let segmentation = input.result::<Segmenting>();
        find(input.orders, input.extras, segmentation, settings, control).await
    }

    fn interrupted(error: &OpportunityError) -> Option<Interrupted> {
        match error {
            OpportunityError::Interrupted(reason) => Some(*reason),
            _ => None,
        }
    }

    fn summarise(output: &Found, _: &Settings) -> OpportunitySummary {
        output.summary.clone()
    }

    /// The contacts of every opportunity shown, each most likely buyers first.
    fn customer_rows(output: &Found, orders: &Orders) -> Option<String> {
        let shown: Vec<usize> = (0..output.summary.opportunities.len()).collect();
        Some(contacts_csv(output, orders, &shown))
    }

    /// "12 opportunities; the strongest: Bargain hunters buy tea 4.1x less often..."
    fn headline(summary: &OpportunitySummary) -> Headline {
        match summary.opportunities.first() {
            Some(first) => Headline {
                en: format!(
                    "{} opportunities; the strongest: {}",
                    count(summary.listed),
                    first.words.en
                ),
                zh: format!(
                    "{} 个机会；最大的一个：{}",
                    count(summary.listed),
                    first.words.zh
                ),
            },
            None => Headline {
                en: format!(
                    "No group of {} buys an item significantly less often than its peers.",
                    summary.groups_from.describe()
                ),
                zh: "没有哪个客户群购买某类商品的比例显著低于其同类客户。".to_owned(),
            },
        }
    }
}
