//! The recommendation settings: list length, neighbours, weighting and the blend.
//! Checked in the worker, which says what to change.

use crate::recommend::Recommending;
use crate::recommend::Settings;
use crate::web::app::pages::fields::{form, number, switch};
use crate::web::app::store::Store;
use leptos::prelude::*;

/// The settings, applied with "Recommend".
#[component]
pub fn SettingsForm() -> impl IntoView {
    let store = expect_context::<Store>();
    form(
        "recommend-settings",
        store.slot::<Recommending>().settings,
        move || store.run::<Recommending>(),
        ["run-recommend", "Recommend"],
        |draft| {
            view! {
                <div class="fields">
                    {number("Items per customer", "top-n", draft, (|s: &Settings| s.top_n as f64, |s, v| s.top_n = v as usize), 1.0)}
                    {number("Similar items kept per item", "item-neighbours", draft, (|s: &Settings| s.item_neighbours as f64, |s, v| s.item_neighbours = v as usize), 1.0)}
                    {number("Similar customers used", "user-neighbours", draft, (|s: &Settings| s.user_neighbours as f64, |s, v| s.user_neighbours = v as usize), 1.0)}
                    {switch("Weigh down popular items (IDF)", "idf", draft, (|s: &Settings| s.idf, |s, on| s.idf = on))}
                    {switch("Recommend items bought before (consumables)", "allow-repeats", draft, (|s: &Settings| s.allow_repeats, |s, on| s.allow_repeats = on))}
                </div>
                <fieldset class="fields" data-testid="weights">
                    <legend>"Blend weights"</legend>
                    {number("Similar items", "weight-item", draft, (|s: &Settings| s.weights.item, |s, v| s.weights.item = v), 1.0)}
                    {number("Similar customers", "weight-user", draft, (|s: &Settings| s.weights.user, |s, v| s.weights.user = v), 1.0)}
                    {number("Segment favourites", "weight-segment", draft, (|s: &Settings| s.weights.segment, |s, v| s.weights.segment = v), 1.0)}
                    {number("Bought together", "weight-rules", draft, (|s: &Settings| s.weights.rules, |s, v| s.weights.rules = v), 1.0)}
                </fieldset>
            }
        },
    )
}
