//! The Opportunities settings: which groups are compared (segments, RFM segments, or an
//! attribute of an extra table), categories or products, whom with, over which period,
//! at which level of significance. Checked in the worker, which says what to change.

use crate::opportunities::params::MAX_GROUPS;
use crate::opportunities::{Benchmark, Finding, GroupBy, Level, Settings};
use crate::web::app::pages::fields::{
    Choice, choice, choice_of, form, number, optional_whole, switch, whole,
};
use crate::web::app::store::Store;
use leptos::prelude::*;
use std::borrow::Cow;

const LEVELS: &[Choice<Level>] = &[
    Choice::new(Level::Category, "category", "categories"),
    Choice::new(Level::Product, "product", "products"),
];

const PEERS: &[Choice<Benchmark>] = &[
    Choice::new(Benchmark::Everyone, "everyone", "everyone else"),
    Choice::new(
        Benchmark::LookAlikes { neighbours: 20 },
        "look-alikes",
        "look-alikes (20 per customer)",
    ),
];

/// The groups that can be compared: the latest segments, the RFM segments, and each
/// column of an extra table with a few values (a region, a gender, a level).
fn groups(store: Store) -> Vec<Choice<GroupBy>> {
    let mut choices = vec![
        Choice::new(GroupBy::Segments, "segments", "the latest segments"),
        Choice::new(GroupBy::Rfm, "rfm", "the RFM segments"),
    ];
    store.extras.with(|extras| {
        for extra in extras {
            for column in &extra.report.columns {
                let few = (2..=MAX_GROUPS as u64).contains(&column.distinct);
                if column.role.is_none() && few {
                    choices.push(Choice {
                        value: GroupBy::Attribute {
                            table: extra.name.clone(),
                            column: column.name.clone(),
                        },
                        key: Cow::Owned(format!("extra:{}:{}", extra.name, column.name)),
                        label: Cow::Owned(format!("{} in {}", column.name, extra.name)),
                    });
                }
            }
        }
    });
    choices
}

/// The settings, applied with "Find opportunities".
#[component]
pub fn SettingsForm() -> impl IntoView {
    let store = expect_context::<Store>();
    form(
        "opportunities-settings",
        store.slot::<Finding>().settings,
        move || store.run::<Finding>(),
        ["run-opportunities", "Find opportunities"],
        move |draft| {
            view! {
                <div class="fields">
                    {choice_of("Groups", "groups", draft, (|s: &Settings| s.groups.clone(), |s, v| s.groups = v), move || groups(store))}
                    {choice("Compare", "level", draft, (|s: &Settings| s.level, |s, v| s.level = v), LEVELS)}
                    {choice("With", "peers", draft, (|s: &Settings| s.benchmark, |s, v| s.benchmark = v), PEERS)}
                    {optional_whole(("The last", "days (empty: the whole history)"), "period", draft, (|s: &Settings| s.period_days, |s, v| s.period_days = v), 1..)}
                    {number("False discovery rate (%)", "alpha", draft, (|s: &Settings| s.alpha, |s, v| s.alpha = v), 100.0)}
                    {whole("Opportunities shown", "top", draft, (|s: &Settings| s.top, |s, v| s.top = v), 1..)}
                    {whole("Contacts previewed", "contacts", draft, (|s: &Settings| s.contacts, |s, v| s.contacts = v), 1..)}
                    {switch("Also gaps that are not significant", "show-all", draft, (|s: &Settings| s.show_all, |s, v| s.show_all = v))}
                </div>
                <p class="muted">
                    "A gap is significant when it is unlikely to be chance after allowing for \
                     the many groups and items compared (the p-value adjusted by \
                     Benjamini-Hochberg)."
                </p>
            }
        },
    )
}
