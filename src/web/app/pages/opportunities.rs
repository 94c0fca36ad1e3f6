//! The Opportunities page: where a group of customers buys a category or product far
//! less often than its peers, which is where outreach pays off. Settings, a heat map of
//! group x item coloured by the penetration index (a cell opens its opportunity), the
//! top opportunities by their value, the ranked list in words with figures and
//! significance, and an opportunity's customers to contact. The gaps are found in the
//! worker; the page shows its summary.

mod settings;

use super::outcome::outcome;
use crate::export::{Cell, CsvFile};
use crate::opportunities::{Finding, Level, Opportunity, OpportunitySummary};
use crate::view::chart::{Bars, Heatmap};
use crate::view::format;
use crate::web::app::charts::Chart;
use crate::web::app::store::Store;
use leptos::prelude::*;

/// Opportunities.
#[component]
pub fn OpportunitiesPage() -> impl IntoView {
    let store = expect_context::<Store>();
    store.auto_run::<Finding>();
    let slot = store.slot::<Finding>();
    view! {
        <section class="page" data-testid="page-opportunities">
            <h1>"Opportunities"</h1>
            <p class="lead">
                "Where outreach pays off: categories and products a group of customers buys \
                 far less often than customers like them do, how many customers that is and \
                 what it is worth, with the customers to contact first."
            </p>
            <settings::SettingsForm />
            {outcome(
                slot.error,
                "opportunities-error",
                slot.result,
                "Comparing the groups…",
                |summary| view! { <Results summary /> }.into_any(),
            )}
        </section>
    }
}

/// What the comparison found.
#[component]
fn Results(summary: OpportunitySummary) -> impl IntoView {
    let store = expect_context::<Store>();
    let currency = store.currency();
    let headline = headline(&summary);
    let chosen = RwSignal::new(0_usize);
    let opportunities = StoredValue::new(summary.opportunities.clone());
    let money = summary.money;
    let heatmap = heatmap(&summary);
    // A heat-map cell opens its opportunity, when it is one of those listed.
    let names = StoredValue::new((
        summary
            .groups
            .iter()
            .map(|g| g.name.clone())
            .collect::<Vec<_>>(),
        summary.grid.items.clone(),
    ));
    let open_cell = move |event: leptos::ev::MouseEvent| {
        let Some((row, column)) = clicked_cell(&event) else {
            return;
        };
        let found = names.with_value(|(groups, items)| {
            let (group, item) = (groups.get(row)?, items.get(column)?);
            opportunities.with_value(|list| {
                list.iter()
                    .position(|o| o.group == *group && o.item == *item)
            })
        });
        if let Some(rank) = found {
            chosen.set(rank);
        }
    };
    let bars = bars(&summary);
    let notes = summary.notes.clone();
    let export_list = move |_| {
        opportunities.with_value(|list| store.save_csv("opportunities.csv", &list_csv(list)));
    };
    let rows = summary
        .opportunities
        .iter()
        .enumerate()
        .map(|(rank, o)| {
            let value = match (money, o.gap.expected_revenue) {
                (true, Some(revenue)) => format::money(revenue, &currency),
                _ => format!("{:.0} buyers", o.gap.expected_converts),
            };
            view! {
                <tr
                    data-testid="opportunity"
                    data-group=o.group.clone()
                    data-item=o.item.clone()
                    class="clickable"
                    class:selected=move || chosen.get() == rank
                    on:click=move |_| chosen.set(rank)
                >
                    <td>{rank + 1}</td>
                    <td data-testid="opportunity-words">{o.words.en.clone()}</td>
                    <td>{percent(o.gap.group_penetration)}</td>
                    <td>{percent(o.gap.peer_penetration)}</td>
                    <td data-testid="opportunity-index">{format!("{:.0}", o.gap.index)}</td>
                    <td>{format::count(o.gap.customers_affected)}</td>
                    <td>{value}</td>
                    <td data-testid="opportunity-q">{p_value(o.gap.q_value)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <article class="card" data-testid="opportunities">
            <div class="extra-head">
                <p class="headline" data-testid="opportunities-headline">{headline}</p>
                <button type="button" data-testid="export-opportunities" on:click=export_list>
                    "Export the opportunities (CSV)"
                </button>
                <button
                    type="button"
                    data-testid="export-contacts"
                    on:click=move |_| { store.export::<Finding>() }
                >
                    "Export every contact list (CSV)"
                </button>
            </div>
            {heatmap
                .map(|svg| {
                    view! {
                        <div class="clickable wide-chart" on:click=open_cell>
                            <Chart testid="gap-heatmap" title="Index by group and item (100 = as often as peers); a listed gap's cell opens it".to_owned() svg />
                        </div>
                    }
                })}
            {bars
                .map(|svg| {
                    let title = if money { "The largest opportunities: expected revenue" } else { "The largest opportunities: expected new buyers" };
                    view! { <Chart testid="gap-bars" title=title.to_owned() svg /> }
                })}
            <table class="data" data-testid="opportunity-table">
                <thead>
                    <tr>
                        <th>"#"</th>
                        <th>"Opportunity"</th>
                        <th>"Group buys"</th>
                        <th>"Peers buy"</th>
                        <th>"Index"</th>
                        <th>"Customers"</th>
                        <th>{if money { "Expected revenue" } else { "Expected buyers" }}</th>
                        <th title="The p-value adjusted for the many comparisons (Benjamini-Hochberg)">"q"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            {move || {
                opportunities
                    .with_value(|list| list.get(chosen.get()).cloned())
                    .map(|opportunity| view! { <Contacts opportunity /> })
            }}
            {(!notes.is_empty())
                .then(|| {
                    view! {
                        <ul class="notes" data-testid="opportunities-notes">
                            {notes.into_iter().map(|note| view! { <li>{note}</li> }).collect_view()}
                        </ul>
                    }
                })}
        </article>
    }
}

/// An opportunity's first customers to contact, most likely buyers first.
#[component]
fn Contacts(opportunity: Opportunity) -> impl IntoView {
    let heading = format!(
        "{} without {}: the {} most likely to buy it, of {}",
        opportunity.group,
        opportunity.item,
        opportunity.contacts.len(),
        format::count(opportunity.gap.customers_affected)
    );
    let rows = opportunity
        .contacts
        .iter()
        .map(|c| {
            view! {
                <tr>
                    <td data-testid="contact-id">{c.customer.clone()}</td>
                    <td>{format!("{:.3}", c.score)}</td>
                    <td>{c.next_best.clone().unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section data-testid="opportunity-contacts">
            <h3>{heading}</h3>
            <table class="data">
                <thead>
                    <tr>
                        <th>"Customer"</th>
                        <th>"Likelihood score"</th>
                        <th>"Next best item"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

/// The row and column of the heat-map cell under a click, from its `data-row` and
/// `data-column` attributes.
fn clicked_cell(event: &leptos::ev::MouseEvent) -> Option<(usize, usize)> {
    use wasm_bindgen::JsCast;
    let target: web_sys::Element = event.target()?.dyn_into().ok()?;
    let cell = target.closest("g.cell").ok()??;
    let index = |name: &str| cell.get_attribute(name)?.parse().ok();
    Some((index("data-row")?, index("data-column")?))
}

/// One sentence on what was compared and found.
fn headline(summary: &OpportunitySummary) -> String {
    let items = match summary.level {
        Level::Category => "categories",
        Level::Product => "products",
    };
    let shown = summary.opportunities.len() as u64;
    let shown = if shown < summary.listed {
        format!(", the {shown} largest shown")
    } else {
        String::new()
    };
    let peers = match summary.look_alikes {
        Some(k) => format!("look-alikes ({k} per customer)"),
        None => "everyone else".to_owned(),
    };
    format!(
        "{} groups ({}) compared with {peers} on {} {items} over {} days: {} of {} gaps \
         significant at a false discovery rate of {}; {} listed{shown}.",
        summary.groups.len(),
        summary.groups_from.describe(),
        format::count(summary.items),
        summary.period.last - summary.period.first + 1,
        format::count(summary.significant),
        format::count(summary.tested),
        percent(summary.alpha),
        format::count(summary.listed),
    )
}

/// The heat map of the grid; `None` when it is empty.
fn heatmap(summary: &OpportunitySummary) -> Option<String> {
    let grid = &summary.grid;
    if grid.items.is_empty() || summary.groups.is_empty() {
        return None;
    }
    let chart = Heatmap {
        row_label: "group".to_owned(),
        column_label: summary.level.noun().to_owned(),
        rows: summary.groups.iter().map(|g| g.name.clone()).collect(),
        columns: grid.items.clone(),
        values: grid
            .index
            .iter()
            .map(|row| row.iter().map(|v| v.unwrap_or(f64::NAN)).collect())
            .collect(),
        label: |v| format!("{v:.0}"),
    };
    Some(chart.svg())
}

/// The ten largest opportunities by value; `None` when there are none.
fn bars(summary: &OpportunitySummary) -> Option<String> {
    let mut bars: Vec<(String, f64)> = summary
        .opportunities
        .iter()
        .map(|o| {
            let value = match summary.money {
                true => o.gap.expected_revenue.unwrap_or(f64::NAN),
                false => o.gap.expected_converts,
            };
            (format!("{}: {}", o.group, o.item), value)
        })
        .collect();
    bars.sort_by(|a, b| b.1.total_cmp(&a.1));
    bars.truncate(10);
    (!bars.is_empty()).then(|| {
        Bars {
            bars,
            label: |v| format::count(v.max(0.0).round() as u64),
        }
        .svg()
    })
}

/// The opportunities shown, as a CSV file.
fn list_csv(list: &[Opportunity]) -> String {
    let mut file = CsvFile::new(&[
        "group",
        "item",
        "group_penetration",
        "peer_penetration",
        "index",
        "customers_affected",
        "expected_converts",
        "expected_revenue",
        "p_value",
        "q_value",
        "in_words",
        "in_chinese",
    ]);
    for o in list {
        let g = &o.gap;
        file.row(&[
            Cell::Text(&o.group),
            Cell::Text(&o.item),
            Cell::Number(g.group_penetration),
            Cell::Number(g.peer_penetration),
            Cell::Number(g.index),
            Cell::Integer(g.customers_affected as i64),
            Cell::Number(g.expected_converts),
            Cell::Number(g.expected_revenue.unwrap_or(f64::NAN)),
            Cell::Number(g.p_value),
            Cell::Number(g.q_value),
            Cell::Text(&o.words.en),
            Cell::Text(&o.words.zh),
        ]);
    }
    file.finish()
}

/// A share as a percentage.
fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// A p-value, small ones in scientific notation.
fn p_value(p: f64) -> String {
    if p < 0.001 {
        format!("{p:.1e}")
    } else {
        format!("{p:.3}")
    }
}
