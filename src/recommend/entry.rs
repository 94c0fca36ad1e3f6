//! Recommendations' entry in the analysis registry ([`crate::analyses`]).

use super::{
    Method, RecommendError, RecommendSummary, Recommendations, SegmentLabels, Settings, recommend,
};
use crate::analyses::{Analysis, Headline, Input, Kind, Needs, Words};
use crate::control::{Control, Interrupted};
use crate::orders::Orders;
use crate::segments::Segmenting;

/// Recommendations for every customer, as the registry runs them.
#[derive(Debug)]
pub struct Recommending;

impl Analysis for Recommending {
    type Settings = Settings;
    type Output = Recommendations;
    type Summary = RecommendSummary;
    type Error = RecommendError;

    const WORDS: Words = Words {
        title: "Recommendations",
        doing: "Recommending items",
        button: "Recommend",
        export: Some(("recommendations.csv", "recommendations")),
    };

    /// Segment favourites come from the latest segmentation (RFM segments without one).
    fn needs(_: &Settings) -> Needs {
        Needs {
            extras: false,
            results: vec![Kind::Segments],
        }
    }

    async fn run<C: Control>(
        input: &Input<'_>,
        settings: &Settings,
        control: &mut C,
    ) -> Result<Recommendations, RecommendError> {
        let customers = input.orders.customer_count();
        let segments = input
            .result::<Segmenting>()
            .map(|segmentation| SegmentLabels::from_segmentation(segmentation, customers));
        recommend(input.orders, segments.as_ref(), settings, control).await
    }

    fn interrupted(error: &RecommendError) -> Option<Interrupted> {
        match error {
            RecommendError::Interrupted(reason) => Some(*reason),
            _ => None,
        }
    }

    fn summarise(output: &Recommendations, _: &Settings) -> RecommendSummary {
        output.summary()
    }

    fn customer_rows(output: &Recommendations, orders: &Orders) -> Option<String> {
        Some(output.csv(orders))
    }

    /// "The best method, Similar items, finds a next purchase for 23% of customers,
    /// against 12% by the most popular items."
    fn headline(summary: &RecommendSummary) -> Headline {
        let Some(evaluation) = &summary.evaluation else {
            return Headline {
                en: format!(
                    "Recommendations for {} customers (none has two orders to test them on).",
                    summary.customers
                ),
                zh: format!(
                    "已为 {} 位客户生成推荐（没有客户有两笔订单可供检验）。",
                    summary.customers
                ),
            };
        };
        let percent = |share: f64| (share * 100.0).round();
        let popular = evaluation
            .scores
            .iter()
            .find(|s| s.method == Method::Popularity)
            .map_or(0.0, |s| percent(s.hit_rate));
        let best = evaluation
            .scores
            .iter()
            .filter(|s| s.method != Method::Popularity)
            .max_by(|a, b| a.hit_rate.total_cmp(&b.hit_rate));
        match best {
            Some(best) => Headline {
                en: format!(
                    "The best method, {}, finds a next purchase for {}% of customers, against \
                     {popular}% by the most popular items.",
                    best.method.label(),
                    percent(best.hit_rate)
                ),
                zh: format!(
                    "最佳方法「{}」为 {}% 的客户猜中下一次购买，热门商品为 {popular}%。",
                    best.method.label(),
                    percent(best.hit_rate)
                ),
            },
            None => Headline {
                en: format!(
                    "The most popular items find a next purchase for {popular}% of customers."
                ),
                zh: format!("热门商品为 {popular}% 的客户猜中下一次购买。"),
            },
        }
    }
}
