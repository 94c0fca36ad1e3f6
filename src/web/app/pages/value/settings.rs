//! The value analysis settings: time unit, holdout, horizon, discounting, regularisation
//! and what counts as valuable. Checked in the worker, which says what to change.

use crate::value::Valuing;
use crate::value::{Settings, TimeUnit};
use crate::web::app::pages::fields::number;
use crate::web::app::store::Store;
use leptos::prelude::*;

/// The settings, applied with "Fit models".
#[component]
pub fn SettingsForm() -> impl IntoView {
    let store = expect_context::<Store>();
    let draft = RwSignal::new(store.slot::<Valuing>().settings.get_untracked());
    let run = move |_| {
        store.slot::<Valuing>().settings.set(draft.get_untracked());
        store.run::<Valuing>();
    };
    let unit = move || match draft.with(|s| s.unit) {
        TimeUnit::Days => "days",
        TimeUnit::Weeks => "weeks",
        TimeUnit::Months => "months",
    };
    let set_unit = move |value: String| {
        draft.update(|s| {
            s.unit = match value.as_str() {
                "days" => TimeUnit::Days,
                "months" => TimeUnit::Months,
                _ => TimeUnit::Weeks,
            }
        });
    };
    view! {
        <details class="card settings" data-testid="value-settings">
            <summary>"Settings"</summary>
            <div class="fields">
                <label>
                    "Time unit "
                    <select data-testid="unit" prop:value=unit on:change=move |e| set_unit(event_target_value(&e))>
                        <option value="days">"days"</option>
                        <option value="weeks">"weeks"</option>
                        <option value="months">"months"</option>
                    </select>
                </label>
                {number("Held out at the end (periods)", "holdout", draft, (|s: &Settings| f64::from(s.holdout), |s, v| s.holdout = v as u32), 1.0)}
                {number("Predict ahead (periods)", "horizon", draft, (|s: &Settings| f64::from(s.horizon), |s, v| s.horizon = v as u32), 1.0)}
                {number("Yearly discount rate (%)", "discount", draft, (|s: &Settings| s.discount_rate, |s, v| s.discount_rate = v), 100.0)}
                {number("Regularisation (penalizer)", "penalizer", draft, (|s: &Settings| s.penalizer, |s, v| s.penalizer = v), 1.0)}
                {number("Valuable customers: top (%)", "valuable", draft, (|s: &Settings| s.valuable_share, |s, v| s.valuable_share = v), 100.0)}
            </div>
            <button type="button" class="primary" data-testid="run-value" on:click=run>
                "Fit models"
            </button>
        </details>
    }
}
