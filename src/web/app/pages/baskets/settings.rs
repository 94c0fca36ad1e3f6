//! The basket analysis settings: what a basket and an item are, thresholds, limits and
//! the algorithm. Checked in the worker, which says what to change.

use crate::baskets::FindingRules;
use crate::baskets::RulesRequest;
use crate::baskets::{Algorithm, Level, MinSupport, Per};
use crate::segments::Segmenting;
use crate::web::app::pages::fields::{
    Choice, Unit, choice, choice_of, form, list, number, number_with_unit, optional_whole,
};
use crate::web::app::store::Store;
use leptos::prelude::*;

const PERS: &[Choice<Per>] = &[
    Choice::new(Per::Order, "order", "an order"),
    Choice::new(Per::Customer, "customer", "all a customer bought"),
];

const LEVELS: &[Choice<Level>] = &[
    Choice::new(Level::Product, "product", "products"),
    Choice::new(Level::Category, "category", "categories"),
];

/// The minimum support as a share of the baskets (in percent) or a number of them.
const SUPPORT_UNITS: &[Unit<MinSupport>] = &[
    Unit {
        key: "share",
        label: "% of baskets",
        scale: 100.0,
        read: |support| match *support {
            MinSupport::Share(share) => Some(share),
            MinSupport::Count(_) => None,
        },
        make: MinSupport::Share,
        start: 0.01,
    },
    Unit {
        key: "count",
        label: "baskets",
        scale: 1.0,
        read: |support| match *support {
            MinSupport::Count(count) => Some(f64::from(count)),
            MinSupport::Share(_) => None,
        },
        make: |count| MinSupport::Count(count.max(0.0) as u32),
        start: 10.0,
    },
];

const ALGORITHMS: &[Choice<Algorithm>] = &[
    Choice::new(Algorithm::FpGrowth, "fp-growth", "FP-growth (faster)"),
    Choice::new(Algorithm::Apriori, "apriori", "Apriori"),
];

/// The settings, applied with "Find rules".
#[component]
pub fn SettingsForm() -> impl IntoView {
    let store = expect_context::<Store>();
    // All customers, or the customers of a segment of the latest segmentation.
    let segments = move || {
        let mut options = vec![Choice::new(None, "all", "all")];
        store.slot::<Segmenting>().result.with(|summary| {
            options.extend(
                summary
                    .iter()
                    .flat_map(|s| &s.value.profiles.clusters)
                    .map(|c| Choice {
                        value: Some(c.cluster),
                        key: c.cluster.to_string().into(),
                        label: format!("segment: {}", c.name).into(),
                    }),
            );
        });
        options
    };
    form(
        "rules-settings",
        store.slot::<FindingRules>().settings,
        move || store.run::<FindingRules>(),
        ["run-rules", "Find rules"],
        move |draft| {
            view! {
                <div class="fields">
                    {choice("A basket is", "per", draft, (|d: &RulesRequest| d.options.per, |d, v| d.options.per = v), PERS)}
                    {choice("Items are", "level", draft, (|d: &RulesRequest| d.options.level, |d, v| d.options.level = v), LEVELS)}
                    {number_with_unit("Minimum support", ["min-support", "support-unit"], draft, (|d: &RulesRequest| d.params.min_support, |d, v| d.params.min_support = v), SUPPORT_UNITS)}
                    {number("Minimum confidence (%)", "min-confidence", draft, (|d: &RulesRequest| d.params.min_confidence, |d, v| d.params.min_confidence = v), 100.0)}
                    {number("Minimum lift", "min-lift", draft, (|d: &RulesRequest| d.params.min_lift, |d, v| d.params.min_lift = v), 1.0)}
                    {optional_whole("Longest itemset", "max-len", draft, (|d: &RulesRequest| d.params.max_len, |d, v| d.params.max_len = v), 2..)}
                    {optional_whole(("Keep the strongest", "rules"), "max-rules", draft, (|d: &RulesRequest| d.params.max_rules, |d, v| d.params.max_rules = v), 1..)}
                    {choice_of("Customers", "segment", draft, (|d: &RulesRequest| d.segment, |d, v| d.segment = v), segments)}
                    {list("If bought includes", "if-items", draft, (|d: &RulesRequest| d.params.antecedent_items.clone(), |d, v| d.params.antecedent_items = v), "any item")}
                    {list("Then also includes", "then-items", draft, (|d: &RulesRequest| d.params.consequent_items.clone(), |d, v| d.params.consequent_items = v), "any item")}
                    {choice("Algorithm", "algorithm", draft, (|d: &RulesRequest| d.params.algorithm, |d, v| d.params.algorithm = v), ALGORITHMS)}
                </div>
                <p class="muted">
                    "Segments come from the Segments page; item filters take exact names, \
                     separated by commas."
                </p>
            }
        },
    )
}
