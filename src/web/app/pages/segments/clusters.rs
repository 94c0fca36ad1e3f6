//! The clusters: a map of customers, each cluster's profile, and its biggest spenders
//! (click a cluster to see them).

use crate::segments::summary::SegmentSummary;
use crate::view::chart::{Dot, Scatter, colour};
use crate::view::format;
use crate::web::app::charts::{Chart, Swatch};
use crate::web::app::store::Store;
use leptos::prelude::*;

/// The name of cluster `id` (noise has its own).
fn name_of(summary: &SegmentSummary, id: i32) -> String {
    summary
        .profiles
        .clusters
        .iter()
        .find(|c| c.cluster == id)
        .map_or_else(|| format!("cluster {id}"), |c| c.name.clone())
}

/// A value as the profile table shows it.
fn value(v: f64) -> String {
    if v.abs() >= 100.0 {
        format::count(v.round().max(0.0) as u64)
    } else {
        format!("{v:.2}")
    }
}

/// The map, the profiles and the selected cluster's customers.
#[component]
pub fn Clusters(summary: SegmentSummary) -> impl IntoView {
    let currency = expect_context::<Store>().currency();
    let clusters: Vec<i32> = summary
        .profiles
        .clusters
        .iter()
        .map(|c| c.cluster)
        .collect();
    let index = move |id: i32| clusters.iter().position(|&c| c == id).unwrap_or(0);
    let map = Scatter {
        x_label: format!(
            "first component ({:.0}% of variance)",
            summary.map.explained.first().copied().unwrap_or(0.0) * 100.0
        ),
        y_label: format!(
            "second component ({:.0}%)",
            summary.map.explained.get(1).copied().unwrap_or(0.0) * 100.0
        ),
        dots: summary
            .map
            .points
            .iter()
            .map(|p| Dot {
                x: p.x,
                y: p.y,
                group: index(p.cluster),
                label: format!("{}: {}", p.id, name_of(&summary, p.cluster)),
            })
            .collect(),
        groups: summary
            .profiles
            .clusters
            .iter()
            .map(|c| c.name.clone())
            .collect(),
        centres: summary
            .profiles
            .clusters
            .iter()
            .map(|c| {
                summary
                    .map
                    .centroids
                    .iter()
                    .find(|(id, _)| *id == c.cluster)
                    .map_or((f64::NAN, f64::NAN), |(_, [x, y])| (*x, *y))
            })
            .collect(),
    };
    let shown = summary.map.points.len() as u64;
    let map_title = if shown < summary.map.of {
        format!(
            "Map of customers ({} of {} drawn, a seeded sample)",
            format::count(shown),
            format::count(summary.map.of)
        )
    } else {
        "Map of customers".to_owned()
    };

    let selected = RwSignal::new(summary.profiles.clusters.first().map(|c| c.cluster));
    let features: Vec<(usize, String)> = summary
        .selected
        .iter()
        .filter_map(|&j| Some((j, summary.features.get(j)?.label.clone())))
        .collect();
    let heads = features
        .iter()
        .map(|(_, label)| view! { <th class="num">{label.clone()}</th> })
        .collect_view();
    let base = summary.profiles.base.mean.clone();
    let rows = summary
        .profiles
        .clusters
        .iter()
        .enumerate()
        .map(|(i, cluster)| {
            let id = cluster.cluster;
            let cells = features
                .iter()
                .map(|&(j, _)| {
                    let stats = cluster.features.get(j);
                    let mean = stats.map_or(f64::NAN, |s| s.mean);
                    let relative = stats
                        .and_then(|s| s.relative)
                        .map_or_else(String::new, |r| format!(" ({:+.0}%)", r * 100.0));
                    let title = format!(
                        "median {}; all customers {}",
                        value(stats.map_or(f64::NAN, |s| s.median)),
                        value(base.get(j).copied().unwrap_or(f64::NAN))
                    );
                    view! {
                        <td class="num" title=title>
                            {value(mean)}
                            <span class="muted">{relative}</span>
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr
                    class="clickable"
                    class:selected=move || selected.get() == Some(id)
                    data-cluster=id
                    on:click=move |_| selected.set(Some(id))
                >
                    <td>
                        <Swatch colour=colour(i) />
                        " "
                        <span data-testid="cluster-name">{cluster.name.clone()}</span>
                    </td>
                    <td class="num">{format::count(cluster.size)}</td>
                    <td class="num">{format!("{:.1}%", cluster.share * 100.0)}</td>
                    <td class="num">{format!("{:.1}%", cluster.revenue_share * 100.0)}</td>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let top = summary.top.clone();
    let names = summary.clone();
    view! {
        <h3>"Segments and their profiles"</h3>
        <p class="muted">
            "Means per segment, with the difference from all customers. Click a segment to see \
             its biggest spenders."
        </p>
        <div class="scroll">
            <table class="grid" data-testid="profiles">
                <thead>
                    <tr>
                        <th>"Segment"</th>
                        <th class="num">"Customers"</th>
                        <th class="num">"Share"</th>
                        <th class="num">"Revenue share"</th>
                        {heads}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {move || {
            let id = selected.get()?;
            let customers = top.iter().find(|(c, _)| *c == id)?.1.clone();
            Some(view! {
                <h3 data-testid="top-title">{format!("Biggest spenders: {}", name_of(&names, id))}</h3>
                <table class="grid compact" data-testid="top-customers">
                    <thead>
                        <tr>
                            <th>"Customer"</th>
                            <th class="num">"Spent"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {customers
                            .into_iter()
                            .map(|(customer, spent)| {
                                view! {
                                    <tr>
                                        <td>{customer}</td>
                                        <td class="num">{format::money(spent, &currency)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            })
        }}
        <div class="charts">
            <Chart testid="customer-map" title=map_title svg=map.svg() />
        </div>
    }
}
