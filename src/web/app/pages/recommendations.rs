//! The Recommendations page: what to offer each customer next. Settings, the offline
//! evaluation of every method next to the popularity baseline, a customer view with
//! history and reasons, and a CSV export of every customer's list. The lists stay in the
//! worker; the page gets the evaluation and one customer at a time.

mod customer;
mod settings;

use super::outcome::outcome;
use crate::recommend::Recommending;
use crate::recommend::{Evaluation, Method, MethodScore, RecommendSummary};
use crate::view::chart::Bars;
use crate::view::format;
use crate::web::app::charts::Chart;
use crate::web::app::store::Store;
use leptos::prelude::*;

/// Recommendations.
#[component]
pub fn RecommendationsPage() -> impl IntoView {
    let store = expect_context::<Store>();
    store.auto_run::<Recommending>();
    view! {
        <section class="page" data-testid="page-recommendations">
            <h1>"Recommendations"</h1>
            <p class="lead">
                "What to offer each customer next: items similar to what they bought, what \
                 customers like them bought, their segment's favourites and what is often \
                 bought together, blended, each with its reason; and a test on your own data \
                 of whether this beats simply offering the most popular items."
            </p>
            <settings::SettingsForm />
            {outcome(
                store.slot::<Recommending>().error,
                "recommendations-error",
                store.slot::<Recommending>().result,
                "Recommending…",
                |summary| view! { <Results summary /> }.into_any(),
            )}
        </section>
    }
}

/// What the recommendations found.
#[component]
fn Results(summary: RecommendSummary) -> impl IntoView {
    let store = expect_context::<Store>();
    let headline = headline(&summary);
    let notes = summary.notes.clone();
    let popular = summary
        .popular
        .iter()
        .map(|item| {
            format!(
                "{} ({})",
                item.name,
                format::count(u64::from(item.customers))
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <article class="card" data-testid="recommendations">
            <div class="extra-head">
                <p class="headline" data-testid="recommendations-headline">{headline}</p>
                <button
                    type="button"
                    data-testid="export-recommendations"
                    on:click=move |_| { store.export::<Recommending>() }
                >
                    "Export all recommendations (CSV)"
                </button>
            </div>
            {summary.evaluation.map(|evaluation| view! { <EvaluationTable evaluation /> })}
            <customer::CustomerView />
            <p class="muted" data-testid="popular">{format!("Most popular (customers who bought): {popular}.")}</p>
            {(!notes.is_empty())
                .then(|| {
                    view! {
                        <ul class="notes" data-testid="recommendations-notes">
                            {notes.into_iter().map(|note| view! { <li>{note}</li> }).collect_view()}
                        </ul>
                    }
                })}
        </article>
    }
}

/// One sentence on what was recommended.
fn headline(summary: &RecommendSummary) -> String {
    let cold = if summary.cold_start == 0 {
        String::new()
    } else {
        format!(
            " {} with nothing personal to go on get the most popular items, labelled so.",
            format::count(summary.cold_start as u64)
        )
    };
    format!(
        "Up to {} items recommended to each of {} customers, from {} items and {} \
         customer-item purchases; segments from {}.{cold}",
        summary.top_n,
        format::count(summary.customers as u64),
        format::count(summary.items as u64),
        format::count(summary.purchases as u64),
        summary.segments_from,
    )
}

/// A share as a percentage.
fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// The verdict: does the blend beat the baseline on hit rate?
fn verdict(evaluation: &Evaluation) -> String {
    let score = |method| evaluation.scores.iter().find(|s| s.method == method);
    let (Some(blend), Some(baseline)) = (score(Method::Blend), score(Method::Popularity)) else {
        return String::new();
    };
    let best = evaluation
        .scores
        .iter()
        .filter(|s| s.method != Method::Popularity)
        .max_by(|a, b| a.hit_rate.total_cmp(&b.hit_rate))
        .unwrap_or(blend);
    let verdict = if blend.hit_rate > baseline.hit_rate {
        "personalisation helps"
    } else {
        "personalisation does not beat the most popular items on this data"
    };
    format!(
        "The blend's top {k} contained an item of the held-out order for {} of customers, \
         the most popular items for {}: {verdict}. Best: {} ({}).",
        percent(blend.hit_rate),
        percent(baseline.hit_rate),
        best.method.label(),
        percent(best.hit_rate),
        k = evaluation.k,
    )
}

/// The offline evaluation: one row per method, the baseline last.
#[component]
fn EvaluationTable(evaluation: Evaluation) -> AnyView {
    let k = evaluation.k;
    if evaluation.customers == 0 {
        return view! {
            <section data-testid="evaluation">
                <h2>"Does it work?"</h2>
                <p class="muted" data-testid="verdict">
                    {format!(
                        "Nothing to test yet: no customer's last order holds an item they had \
                         not bought before ({} customers have one order only or nothing new in \
                         the last). The test needs customers with two orders or more.",
                        format::count(evaluation.skipped as u64),
                    )}
                </p>
            </section>
        }
        .into_any();
    }
    let verdict = verdict(&evaluation);
    let bars = Bars {
        bars: evaluation
            .scores
            .iter()
            .map(|s| (s.method.label().to_owned(), s.hit_rate))
            .collect(),
        label: |v| format!("{:.1}%", v * 100.0),
    };
    let rows = evaluation
        .scores
        .iter()
        .map(|score: &MethodScore| {
            let baseline = score.method == Method::Popularity;
            view! {
                <tr class:baseline=baseline data-method=format!("{:?}", score.method)>
                    <th scope="row">{score.method.label()}</th>
                    <td class="num">{percent(score.precision)}</td>
                    <td class="num">{percent(score.recall)}</td>
                    <td class="num" data-testid="hit-rate">{percent(score.hit_rate)}</td>
                    <td class="num">{format!("{:.3}", score.ndcg)}</td>
                    <td class="num">{percent(score.coverage)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section data-testid="evaluation">
            <h2>"Does it work? Each customer's last order, held out"</h2>
            <p class="muted">
                {format!(
                    "Recommendations were made from everything but each customer's last order and \
                     compared with what that order held: {} customers tested, {} left out (one \
                     order only, or nothing new in the last).",
                    format::count(evaluation.customers as u64),
                    format::count(evaluation.skipped as u64),
                )}
            </p>
            <p class="headline" data-testid="verdict">{verdict}</p>
            <div class="scroll">
                <table class="grid" data-testid="evaluation-table">
                    <thead>
                        <tr>
                            <th>"Method"</th>
                            <th class="num" title="Share of the top k that was in the held-out order">{format!("Precision@{k}")}</th>
                            <th class="num" title="Share of the held-out order's items found in the top k">{format!("Recall@{k}")}</th>
                            <th class="num" title="Share of customers with at least one hit in the top k">"Hit rate"</th>
                            <th class="num" title="Normalised discounted cumulative gain: hits near the top count more">{format!("NDCG@{k}")}</th>
                            <th class="num" title="Share of the catalogue recommended to someone">"Coverage"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <div class="charts">
                <Chart testid="hit-rates" title=format!("Hit rate at {k} by method") svg=bars.svg() />
            </div>
        </section>
    }
    .into_any()
}
