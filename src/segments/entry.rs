//! Segmentation's entry in the analysis registry ([`crate::analyses`]).

use super::summary::{SegmentSummary, summarise};
use super::{SegmentError, Segmentation, Settings, customers_csv, segment};
use crate::analyses::{Analysis, Headline, Input, Needs, Words};
use crate::control::{Control, Interrupted};
use crate::orders::Orders;
use crate::view::format::count;

/// Customer segmentation, as the registry runs it.
#[derive(Debug)]
pub struct Segmenting;

impl Analysis for Segmenting {
    type Settings = Settings;
    type Output = Segmentation;
    type Summary = SegmentSummary;
    type Error = SegmentError;

    const WORDS: Words = Words {
        title: "Segments",
        doing: "Segmenting customers",
        button: "Segment again",
        export: Some(("customer-segments.csv", "segments")),
    };

    /// Features may be the extra tables' numeric columns.
    fn needs(_: &Settings) -> Needs {
        Needs {
            extras: true,
            results: Vec::new(),
        }
    }

    async fn run<C: Control>(
        input: &Input<'_>,
        settings: &Settings,
        control: &mut C,
    ) -> Result<Segmentation, SegmentError> {
        segment(input.orders, input.extras, settings, control).await
    }

    fn interrupted(error: &SegmentError) -> Option<Interrupted> {
        match error {
            SegmentError::Interrupted(reason) => Some(*reason),
            _ => None,
        }
    }

    fn summarise(output: &Segmentation, settings: &Settings) -> SegmentSummary {
        summarise(output, settings.seed)
    }

    fn customer_rows(output: &Segmentation, _: &Orders) -> Option<String> {
        Some(customers_csv(output))
    }

    /// "1,234 customers in 6 segments; the largest, Loyal regulars, holds 31% of them."
    fn headline(summary: &SegmentSummary) -> Headline {
        let customers = count(summary.customers);
        let clusters = &summary.profiles.clusters;
        let segments = clusters.iter().filter(|c| c.cluster >= 0).count();
        let largest = clusters
            .iter()
            .filter(|c| c.cluster >= 0)
            .max_by(|a, b| a.size.cmp(&b.size).then(b.cluster.cmp(&a.cluster)));
        match largest {
            Some(largest) => {
                let share = (largest.share * 100.0).round();
                Headline {
                    en: format!(
                        "{customers} customers in {segments} segments; the largest, {}, holds \
                         {share}% of them.",
                        largest.name
                    ),
                    zh: format!(
                        "{customers} 位客户分为 {segments} 个细分；最大的「{}」占 {share}%。",
                        largest.name
                    ),
                }
            }
            None => Headline {
                en: format!("{customers} customers, none in a segment."),
                zh: format!("{customers} 位客户，均未归入细分。"),
            },
        }
    }
}
