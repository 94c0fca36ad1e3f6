//! The Value page: what each customer is worth and who is slipping away. Settings, the
//! simple lifetime-value formula, the BG/NBD and Gamma-Gamma models with their matrices
//! and holdout check, the CLV distribution, churn models with the at-risk list, and the
//! loyalty score. The models are fitted in the worker; the page shows its summary.

mod churn;
mod models;
mod settings;

use super::outcome::outcome;
use crate::orders::DAY;
use crate::value::ValueSummary;
use crate::value::Valuing;
use crate::view::format;
use crate::web::app::store::Store;
use leptos::prelude::*;

/// Value.
#[component]
pub fn ValuePage() -> impl IntoView {
    let store = expect_context::<Store>();
    store.auto_run::<Valuing>();
    view! {
        <section class="page" data-testid="page-value">
            <h1>"Value"</h1>
            <p class="lead">
                "What each customer is worth and who is slipping away: lifetime value by the \
                 simple formula and by the BG/NBD and Gamma-Gamma models (as in the lifetimes \
                 library), the probability each customer is still active, churn risk from \
                 models tested on a later period, and a loyalty score."
            </p>
            <settings::SettingsForm />
            {outcome(
                store.slot::<Valuing>().error,
                "value-error",
                store.slot::<Valuing>().result,
                "Fitting the models…",
                |summary| view! { <Results summary /> }.into_any(),
            )}
        </section>
    }
}

/// One paragraph on the customers, how the models were checked and what they predict;
/// a figure is given only when the model behind it could be fitted, and "not available"
/// with the reason otherwise (never a 0.00 standing for a failed model).
fn headline(summary: &ValueSummary, currency: &format::Currency) -> String {
    let unit = summary.unit.label();
    let period = unit.trim_end_matches('s');
    let mut text = format!(
        "{} customers, {} of whom bought in more than one {period}.",
        format::count(summary.customers as u64),
        format::count(summary.repeat_customers as u64),
    );
    if summary.weeks == Some(crate::value::Weeks::SevenDays) {
        text.push_str(&format!(" Periods: {}.", summary.periods));
    }
    if !summary.holdout_check.is_empty() {
        text.push_str(&format!(
            " The models were checked by fitting them to the orders up to {} and predicting \
             those from then to {}.",
            format::day(summary.calibration_end * DAY),
            format::day(summary.observation_end * DAY),
        ));
    }
    let total = match (summary.total_clv, &summary.clv_missing) {
        (Some(total), _) if total.is_finite() => format::money(total, currency),
        (_, Some(reason)) => format!("not available — {reason}"),
        _ => "not available".to_owned(),
    };
    text.push_str(&format!(
        " Predicted value of all customers over the next {} {unit}: {total}.",
        summary.horizon,
    ));
    text
}

/// What the models found.
#[component]
fn Results(summary: ValueSummary) -> impl IntoView {
    let store = expect_context::<Store>();
    let headline = headline(&summary, &store.currency());
    let notes = summary.notes.clone();
    view! {
        <article class="card" data-testid="value">
            <div class="extra-head">
                <p class="headline" data-testid="value-headline">{headline}</p>
                <button type="button" data-testid="export-value" on:click=move |_| { store.export::<Valuing>() }>
                    "Export customers' value (CSV)"
                </button>
            </div>
            {(!notes.is_empty())
                .then(|| {
                    view! {
                        <ul class="notes" data-testid="value-notes">
                            {notes.into_iter().map(|note| view! { <li>{note}</li> }).collect_view()}
                        </ul>
                    }
                })}
            <models::Models summary=summary.clone() />
            <churn::Churn summary />
        </article>
    }
}
