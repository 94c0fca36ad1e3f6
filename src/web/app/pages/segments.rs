//! The Segments page: who the customers are. Settings, the clusters with their
//! profiles and a map, how k was chosen, and the RFM grid. Everything is computed in the
//! worker; the page shows its summary.

mod clusters;
mod rfm;
mod settings;

use super::outcome::outcome;
use crate::segments::Segmenting;
use crate::segments::summary::{MethodSummary, SegmentSummary};
use crate::view::chart::LineChart;
use crate::view::format;
use crate::web::app::charts::Chart;
use crate::web::app::store::Store;
use leptos::prelude::*;

/// Segments.
#[component]
pub fn SegmentsPage() -> impl IntoView {
    let store = expect_context::<Store>();
    // Data shown and no segmentation of it yet: make one with the current settings.
    store.auto_run::<Segmenting>();
    view! {
        <section class="page" data-testid="page-segments">
            <h1>"Segments"</h1>
            <p class="lead">
                "Who your customers are: groups found in their buying behaviour (k-means or \
                 DBSCAN on recency, frequency, spending and more), each with a plain-language \
                 name and profile, a map of customers, and the RFM segments CRM tools use."
            </p>
            <settings::SettingsForm />
            {outcome(
                store.slot::<Segmenting>().error,
                "segments-error",
                store.slot::<Segmenting>().result,
                "Segmenting…",
                |summary| view! { <Results summary /> }.into_any(),
            )}
        </section>
    }
}

/// What a segmentation found.
#[component]
fn Results(summary: SegmentSummary) -> impl IntoView {
    let store = expect_context::<Store>();
    let headline = headline(&summary);
    let choice = choice_charts(&summary.method);
    let notes = summary.notes.clone();
    view! {
        <article class="card" data-testid="segments">
            <div class="extra-head">
                <p class="headline" data-testid="segments-headline">{headline}</p>
                <button type="button" data-testid="export-segments" on:click=move |_| { store.export::<Segmenting>() }>
                    "Export customers (CSV)"
                </button>
            </div>
            <div class="charts">{choice}</div>
            <clusters::Clusters summary=summary.clone() />
            <rfm::RfmGrid summary=summary.clone() />
            {(!notes.is_empty())
                .then(|| {
                    view! {
                        <ul class="notes" data-testid="segments-notes">
                            {notes.into_iter().map(|note| view! { <li>{note}</li> }).collect_view()}
                        </ul>
                    }
                })}
        </article>
    }
}

/// One sentence on what was found and how.
fn headline(summary: &SegmentSummary) -> String {
    let customers = format::count(summary.customers);
    let silhouette = summary.silhouette.map_or_else(String::new, |s| {
        let sampled = if summary.silhouette_sampled {
            ", on a sample"
        } else {
            ""
        };
        format!("; silhouette {s:.2}{sampled}")
    });
    match &summary.method {
        MethodSummary::KMeans {
            k,
            curve: Some(curve),
            ..
        } => format!(
            "{customers} customers in {k} segments by k-means; k = {k} has the best silhouette of \
             k = {} to {}{silhouette}.",
            curve.ks.first().copied().unwrap_or(*k),
            curve.ks.last().copied().unwrap_or(*k),
        ),
        MethodSummary::KMeans { k, .. } => {
            format!("{customers} customers in {k} segments by k-means{silhouette}.")
        }
        MethodSummary::Dbscan {
            clusters,
            noise,
            eps,
            min_points,
            ..
        } => format!(
            "{customers} customers in {clusters} dense groups by DBSCAN (eps {eps:.3}, at least \
             {min_points} points), {} in none (noise){silhouette}.",
            format::count(*noise)
        ),
    }
}

/// The curves that choose the parameters: elbow and silhouette for k-means over a range,
/// the k-distance curve for DBSCAN.
fn choice_charts(method: &MethodSummary) -> Vec<AnyView> {
    match method {
        MethodSummary::KMeans {
            curve: Some(curve),
            k,
            ..
        } => {
            let ks = || curve.ks.iter().map(|&k| k as f64);
            let elbow = LineChart {
                x_label: "k".into(),
                y_label: "inertia".into(),
                points: ks().zip(curve.inertia.iter().copied()).collect(),
                mark: Some(curve.elbow as f64),
                x_names: Vec::new(),
                ..LineChart::default()
            };
            let silhouette = LineChart {
                x_label: "k".into(),
                y_label: "silhouette".into(),
                points: ks()
                    .zip(&curve.silhouette)
                    .filter_map(|(k, s)| Some((k, (*s)?)))
                    .collect(),
                mark: Some(*k as f64),
                x_names: Vec::new(),
                ..LineChart::default()
            };
            let sampled = if curve.sampled {
                format!(
                    " (on a seeded sample of {} customers)",
                    format::count(curve.silhouette_points as u64)
                )
            } else {
                String::new()
            };
            vec![
                view! {
                    <Chart
                        testid="elbow"
                        title=format!("Elbow: inertia by k (bend at k = {})", curve.elbow)
                        svg=elbow.svg()
                    />
                }
                .into_any(),
                view! {
                    <Chart
                        testid="silhouette"
                        title=format!("Silhouette by k{sampled}; highest at k = {k}")
                        svg=silhouette.svg()
                    />
                }
                .into_any(),
            ]
        }
        MethodSummary::Dbscan {
            k_distance,
            suggested_eps,
            min_points,
            ..
        } => {
            let chart = LineChart {
                x_label: "customers, by distance".into(),
                y_label: format!("distance to neighbour {min_points}"),
                points: (0..)
                    .zip(k_distance)
                    .map(|(i, d)| (f64::from(i), *d))
                    .collect(),
                mark: None,
                x_names: Vec::new(),
                ..LineChart::default()
            };
            vec![
                view! {
                    <Chart
                        testid="k-distance"
                        title=format!("k-distance curve: the knee suggests eps = {suggested_eps:.3}")
                        svg=chart.svg()
                    />
                }
                    .into_any(),
            ]
        }
        MethodSummary::KMeans { curve: None, .. } => Vec::new(),
    }
}
