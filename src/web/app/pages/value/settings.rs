//! The value analysis settings: time unit, holdout, horizon, discounting, regularisation
//! and what counts as valuable. Checked in the worker, which says what to change.

use crate::value::Valuing;
use crate::value::{Settings, TimeUnit, Weeks};
use crate::web::app::pages::fields::{Choice, choice, form, number};
use crate::web::app::store::Store;
use leptos::prelude::*;

/// The unit, and for weeks how they are counted.
const UNITS: &[Choice<(TimeUnit, Weeks)>] = &[
    Choice::new((TimeUnit::Days, Weeks::Calendar), "days", "days"),
    Choice::new((TimeUnit::Weeks, Weeks::Calendar), "weeks", "weeks"),
    Choice::new(
        (TimeUnit::Weeks, Weeks::SevenDays),
        "7-days",
        "weeks of 7 days from each customer's first purchase",
    ),
    Choice::new((TimeUnit::Months, Weeks::Calendar), "months", "months"),
];

/// The settings, applied with "Fit models".
#[component]
pub fn SettingsForm() -> impl IntoView {
    let store = expect_context::<Store>();
    form(
        "value-settings",
        store.slot::<Valuing>().settings,
        move || store.run::<Valuing>(),
        ["run-value", "Fit models"],
        |draft| {
            view! {
                <div class="fields">
                    {choice("Time unit", "unit", draft, (|s: &Settings| (s.unit, s.weeks), |s, (unit, weeks)| { s.unit = unit; s.weeks = weeks; }), UNITS)}
                    {number("Held out at the end (periods)", "holdout", draft, (|s: &Settings| f64::from(s.holdout), |s, v| s.holdout = v as u32), 1.0)}
                    {number("Predict ahead (periods)", "horizon", draft, (|s: &Settings| f64::from(s.horizon), |s, v| s.horizon = v as u32), 1.0)}
                    {number("Yearly discount rate (%)", "discount", draft, (|s: &Settings| s.discount_rate, |s, v| s.discount_rate = v), 100.0)}
                    {number("Regularisation (penalizer)", "penalizer", draft, (|s: &Settings| s.penalizer, |s, v| s.penalizer = v), 1.0)}
                    {number("Valuable customers: top (%)", "valuable", draft, (|s: &Settings| s.valuable_share, |s, v| s.valuable_share = v), 100.0)}
                </div>
            }
        },
    )
}
