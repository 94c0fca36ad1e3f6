//! Extra tables (customer attributes, events, feedback, items): adding them, how their
//! rows join the transaction log on the customer id (or the order id), and the ids that
//! do not match.

use super::DropZone;
use super::report::QualityReport;
use crate::ingest::TableKind;
use crate::ingest::join::{JoinKey, JoinReport};
use crate::view::format;
use crate::web::app::store::{RolesFor, Store};
use crate::workspace::ExtraSummary;
use leptos::prelude::*;
use web_sys::FileList;

/// The extra tables section of the Data page.
#[component]
pub fn ExtraTables() -> impl IntoView {
    let store = expect_context::<Store>();
    // Each file is its own job; extra tables do not replace each other.
    let take = move |files: Option<FileList>| {
        let Some(files) = files else { return };
        for index in 0..files.length() {
            if let Some(file) = files.get(index) {
                store.load_file(file, TableKind::Extra);
            }
        }
    };
    view! {
        <section class="extras" data-testid="extras">
            <h2>"Extra tables"</h2>
            <p class="muted">
                "Customer attributes, events or feedback: any table with a customer id column, \
                 one or many rows per customer. It is joined to the orders on that id; a table \
                 loaded again under the same name replaces the old one."
            </p>
            <DropZone testid="extra-dropzone" input="extra-input" multiple=true take>
                <strong>"Drop extra tables here"</strong>
                " or click to choose them"
            </DropZone>
            {move || {
                store
                    .extras
                    .get()
                    .into_iter()
                    .map(|extra| view! { <ExtraTable extra /> })
                    .collect_view()
            }}
        </section>
    }
}

/// One extra table: its join, its unmatched ids and its quality report.
#[component]
fn ExtraTable(extra: ExtraSummary) -> impl IntoView {
    let store = expect_context::<Store>();
    let ExtraSummary {
        name,
        report,
        join,
        demo,
    } = extra;
    let roles = (!demo).then(|| RolesFor::Extra(name.clone()));
    let remove = name.clone();
    view! {
        <article class="card extra" data-testid="extra-table" data-name=name.clone()>
            <header class="extra-head">
                <h3>{name.clone()}</h3>
                <button
                    type="button"
                    data-testid="remove-extra"
                    on:click=move |_| store.remove_extra(remove.clone())
                >
                    "Remove"
                </button>
            </header>
            <p class="muted">
                {format!(
                    "{} rows kept of {} read · {} columns",
                    format::count(report.kept),
                    format::count(report.read),
                    report.columns.len(),
                )}
            </p>
            {match join {
                Some(join) => view! { <JoinSummary join /> }.into_any(),
                None => {
                    view! {
                        <p data-testid="join-pending">
                            "It will be joined when an order history is loaded."
                        </p>
                    }
                        .into_any()
                }
            }}
            <details data-testid="extra-report">
                <summary>"Quality report"</summary>
                <QualityReport name=name.clone() report=*report roles />
            </details>
        </article>
    }
}

/// Matched rows and customers, and the ids that match no customer, with their lines.
#[component]
fn JoinSummary(join: JoinReport) -> impl IntoView {
    let share = |part: u64, whole: u64| {
        if whole == 0 {
            String::new()
        } else {
            format!(" ({:.1}%)", part as f64 / whole as f64 * 100.0)
        }
    };
    let listed = join.unmatched_examples.len() as u64;
    let more = join.unmatched_ids.saturating_sub(listed);
    // What the rows were matched on, in the words of each sentence below.
    let (key, a_match, per_id, no_match, header) = match join.key {
        JoinKey::Customer => (
            "Joined on the customer id.",
            "a customer",
            [
                "several rows per customer (events or feedback)",
                "one row per customer",
            ],
            " ids match no customer in the orders",
            "Customer id not in the orders",
        ),
        JoinKey::Order => (
            "Joined on the order id (no customer column): each row belongs to the customer \
             who placed its order.",
            "an order",
            ["several rows per order (items)", "one row per order"],
            " order ids match no order in the orders",
            "Order id not in the orders",
        ),
    };
    let per_customer = per_id[usize::from(join.repeated_ids == 0)];
    view! {
        <p data-testid="join-key">{key}</p>
        <ul class="counts" data-testid="join">
            <li data-testid="join-matched-rows">
                <strong>{format::count(join.matched_rows)}</strong>
                {format!(
                    " of {} rows match {a_match} in the orders{}",
                    format::count(join.rows),
                    share(join.matched_rows, join.rows),
                )}
            </li>
            <li data-testid="join-customers">
                <strong>{format::count(join.customers_matched)}</strong>
                {format!(
                    " of {} customers who ordered have a row here{}",
                    format::count(join.customers),
                    share(join.customers_matched, join.customers),
                )}
            </li>
            <li data-testid="join-unmatched">
                <strong>{format::count(join.unmatched_ids)}</strong>
                {no_match}
            </li>
            <li class="muted">{per_customer}</li>
        </ul>
        {(!join.unmatched_examples.is_empty())
            .then(|| {
                view! {
                    <table class="grid" data-testid="unmatched-table">
                        <thead>
                            <tr>
                                <th>{header}</th>
                                <th class="num">"First on line"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {join
                                .unmatched_examples
                                .into_iter()
                                .map(|(id, line)| {
                                    view! {
                                        <tr>
                                            <td>{id}</td>
                                            <td class="num">{line}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                    {(more > 0)
                        .then(|| {
                            view! {
                                <p class="muted">
                                    {format!("and {} more not listed", format::count(more))}
                                </p>
                            }
                        })}
                }
            })}
    }
}
