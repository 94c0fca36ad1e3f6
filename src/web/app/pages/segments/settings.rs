//! The segmentation settings: features, scaling, method and its parameters.

use crate::segments::Segmenting;
use crate::segments::analysis::{KChoice, Method};
use crate::segments::params::{Distance, KRange};
use crate::segments::scaling::{LogColumns, Scale};
use crate::web::app::store::Store;
use leptos::prelude::*;

/// A whole number typed in a field, within `lo..=hi`.
fn whole(text: &str, lo: usize, hi: usize) -> Option<usize> {
    text.trim().parse().ok().filter(|n| (lo..=hi).contains(n))
}

/// The settings, applied with "Segment again".
#[component]
pub fn SettingsForm() -> impl IntoView {
    let store = expect_context::<Store>();
    let draft = RwSignal::new(store.slot::<Segmenting>().settings.get_untracked());
    let method = move || match draft.with(|s| s.method) {
        Method::KMeans(KChoice::Range(_)) => "range",
        Method::KMeans(KChoice::Fixed(_)) => "fixed",
        Method::Dbscan { .. } => "dbscan",
    };
    let set_method = move |value: String| {
        draft.update(|s| {
            s.method = match value.as_str() {
                "fixed" => Method::KMeans(KChoice::Fixed(4)),
                "dbscan" => Method::Dbscan {
                    eps: None,
                    min_points: 5,
                },
                _ => Method::KMeans(KChoice::Range(KRange { from: 2, to: 8 })),
            }
        });
    };
    let number = move |read: fn(&Method) -> Option<String>| {
        move || draft.with(|s| read(&s.method)).unwrap_or_default()
    };
    let features = move || {
        store.slot::<Segmenting>().result.with(|summary| {
            let Some(summary) = summary.as_ref().map(|c| &c.value) else {
                return Vec::new();
            };
            summary
                .features
                .iter()
                .enumerate()
                .map(|(j, info)| {
                    (
                        info.key.clone(),
                        info.label.clone(),
                        summary.selected.contains(&j),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    let toggle = move |key: String, on: bool| {
        draft.update(|s| {
            if s.features.is_empty()
                && let Some(summary) = store
                    .slot::<Segmenting>()
                    .result
                    .get_untracked()
                    .map(|c| c.value)
            {
                s.features = summary
                    .selected
                    .iter()
                    .filter_map(|&j| Some(summary.features.get(j)?.key.clone()))
                    .collect();
            }
            s.features.retain(|k| *k != key);
            if on {
                s.features.push(key);
            }
        });
    };
    let run = move |_| {
        store
            .slot::<Segmenting>()
            .settings
            .set(draft.get_untracked());
        store.run::<Segmenting>();
    };
    view! {
        <details class="card settings" data-testid="segment-settings">
            <summary>"Settings"</summary>
            <div class="fields">
                <label>
                    "Method "
                    <select data-testid="method" on:change=move |e| set_method(event_target_value(&e)) prop:value=method>
                        <option value="range">"k-means, best k of a range"</option>
                        <option value="fixed">"k-means, fixed k"</option>
                        <option value="dbscan">"DBSCAN"</option>
                    </select>
                </label>
                <Show when=move || method() == "range">
                    <label>
                        "k from "
                        <input type="number" min="2" max="30" data-testid="k-from"
                            prop:value=number(|m| match m { Method::KMeans(KChoice::Range(r)) => Some(r.from.to_string()), _ => None })
                            on:change=move |e| if let Some(n) = whole(&event_target_value(&e), 2, 30) {
                                draft.update(|s| if let Method::KMeans(KChoice::Range(r)) = &mut s.method { r.from = n });
                            }
                        />
                    </label>
                    <label>
                        "to "
                        <input type="number" min="2" max="30" data-testid="k-to"
                            prop:value=number(|m| match m { Method::KMeans(KChoice::Range(r)) => Some(r.to.to_string()), _ => None })
                            on:change=move |e| if let Some(n) = whole(&event_target_value(&e), 2, 30) {
                                draft.update(|s| if let Method::KMeans(KChoice::Range(r)) = &mut s.method { r.to = n });
                            }
                        />
                    </label>
                </Show>
                <Show when=move || method() == "fixed">
                    <label>
                        "k "
                        <input type="number" min="1" data-testid="k"
                            prop:value=number(|m| match m { Method::KMeans(KChoice::Fixed(k)) => Some(k.to_string()), _ => None })
                            on:change=move |e| if let Some(n) = whole(&event_target_value(&e), 1, 1_000_000) {
                                draft.update(|s| s.method = Method::KMeans(KChoice::Fixed(n)));
                            }
                        />
                    </label>
                </Show>
                <Show when=move || method() == "dbscan">
                    <label>
                        "eps (empty: the knee) "
                        <input type="text" inputmode="decimal" data-testid="eps"
                            prop:value=number(|m| match m { Method::Dbscan { eps, .. } => eps.map(|e| e.to_string()), _ => None })
                            on:change=move |e| {
                                let eps = event_target_value(&e).trim().parse::<f64>().ok();
                                draft.update(|s| if let Method::Dbscan { eps: old, .. } = &mut s.method { *old = eps });
                            }
                        />
                    </label>
                    <label>
                        "min points "
                        <input type="number" min="1" data-testid="min-points"
                            prop:value=number(|m| match m { Method::Dbscan { min_points, .. } => Some(min_points.to_string()), _ => None })
                            on:change=move |e| if let Some(n) = whole(&event_target_value(&e), 1, 100_000) {
                                draft.update(|s| if let Method::Dbscan { min_points, .. } = &mut s.method { *min_points = n });
                            }
                        />
                    </label>
                </Show>
                <label>
                    "Distance "
                    <select data-testid="distance" on:change=move |e| {
                        let manhattan = event_target_value(&e) == "manhattan";
                        draft.update(|s| s.distance = if manhattan { Distance::Manhattan } else { Distance::Euclidean });
                    }>
                        <option value="euclidean">"Euclidean"</option>
                        <option value="manhattan">"Manhattan (k-medians)"</option>
                    </select>
                </label>
                <label>
                    "Scale "
                    <select data-testid="scale" on:change=move |e| {
                        let scale = match event_target_value(&e).as_str() { "minmax" => Scale::MinMax, "none" => Scale::None, _ => Scale::ZScore };
                        draft.update(|s| s.scaling.scale = scale);
                    }>
                        <option value="zscore">"z-score"</option>
                        <option value="minmax">"min-max"</option>
                        <option value="none">"none"</option>
                    </select>
                </label>
                <label>
                    "Log first "
                    <select data-testid="log" on:change=move |e| {
                        let log = match event_target_value(&e).as_str() { "skewed" => LogColumns::Skewed, "none" => LogColumns::None, _ => LogColumns::Money };
                        draft.update(|s| s.scaling.log = log);
                    }>
                        <option value="money">"money columns"</option>
                        <option value="skewed">"skewed columns"</option>
                        <option value="none">"none"</option>
                    </select>
                </label>
            </div>
            <fieldset class="features" data-testid="features">
                <legend>"Features"</legend>
                {move || {
                    features()
                        .into_iter()
                        .map(|(key, label, on)| {
                            let name = key.clone();
                            view! {
                                <label>
                                    <input type="checkbox" data-feature=key.clone() prop:checked=on
                                        on:change=move |e| toggle(name.clone(), event_target_checked(&e)) />
                                    {format!(" {label}")}
                                </label>
                            }
                        })
                        .collect_view()
                }}
            </fieldset>
            <button type="button" class="primary" data-testid="run-segments" on:click=run>
                "Segment again"
            </button>
        </details>
    }
}
