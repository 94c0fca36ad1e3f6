//! The customer view: search a customer, see their history, segment and
//! recommendations with reasons. Each search is a request to the worker, which holds
//! the data.

use crate::recommend::{CustomerView as View, HistoryLine, Recommended};
use crate::view::format;
use crate::web::app::store::Store;
use leptos::prelude::*;

/// The search box, its matches and the customer found.
#[component]
pub fn CustomerView() -> impl IntoView {
    let store = expect_context::<Store>();
    let query = RwSignal::new(String::new());
    let search = move |text: String| {
        let text = text.trim().to_owned();
        if !text.is_empty() {
            query.set(text.clone());
            store.lookup_customer(text);
        }
    };
    view! {
        <section class="customer" data-testid="customer-view">
            <h2>"One customer"</h2>
            <form
                class="search"
                on:submit=move |e| {
                    e.prevent_default();
                    search(query.get_untracked());
                }
            >
                <label>
                    "Customer id "
                    <input
                        type="search"
                        data-testid="customer-search"
                        placeholder="such as C0001"
                        prop:value=move || query.get()
                        on:input=move |e| query.set(event_target_value(&e))
                    />
                </label>
                <button type="submit" data-testid="customer-find">"Show"</button>
            </form>
            {move || {
                store
                    .customer
                    .get()
                    .map(|found| {
                        let matches = found
                            .matches
                            .iter()
                            .filter(|id| found.view.as_ref().is_none_or(|v| v.id != **id))
                            .cloned()
                            .map(|id| {
                                let pick = id.clone();
                                view! {
                                    <li>
                                        <button type="button" class="link" on:click=move |_| search(pick.clone())>
                                            {id}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view();
                        let none = (found.matches.is_empty() && found.view.is_none())
                            .then(|| {
                                view! {
                                    <p class="muted" data-testid="customer-none">
                                        {format!("No customer id contains \"{}\".", found.query)}
                                    </p>
                                }
                            });
                        view! {
                            {none}
                            <ul class="matches" data-testid="customer-matches">{matches}</ul>
                            {found.view.map(|customer| view! { <Customer customer /> })}
                        }
                    })
            }}
        </section>
    }
}

/// One customer's recommendations and history.
#[component]
fn Customer(customer: View) -> impl IntoView {
    let currency = expect_context::<Store>().currency();
    let segment = customer
        .segment
        .clone()
        .map_or_else(String::new, |s| format!(", segment {s}"));
    let shown = customer.history.len();
    let more = (customer.history_lines > shown).then(|| {
        format!(
            "The latest {shown} of {} lines.",
            format::count(customer.history_lines as u64)
        )
    });
    let cold = customer.cold_start.then(|| {
        view! {
            <p class="notice" data-testid="cold-start">
                "Nothing personal to go on yet: these are the most popular items."
            </p>
        }
    });
    view! {
        <article class="card" data-testid="customer">
            <p class="headline" data-testid="customer-headline">
                {format!(
                    "Customer {}: {} orders{segment}.",
                    customer.id,
                    format::count(customer.orders as u64)
                )}
            </p>
            {cold}
            <div class="scroll">
                <table class="grid" data-testid="customer-recommendations">
                    <thead>
                        <tr>
                            <th class="num">"#"</th>
                            <th>"Recommended"</th>
                            <th>"Why"</th>
                            <th class="num">"Score"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {customer.items.into_iter().enumerate().map(|(rank, item)| row(rank, item)).collect_view()}
                    </tbody>
                </table>
            </div>
            <h3>"History"</h3>
            <div class="scroll short">
                <table class="grid" data-testid="customer-history">
                    <thead>
                        <tr>
                            <th>"Date"</th>
                            <th>"Item"</th>
                            <th class="num">"Quantity"</th>
                            <th class="num">"Amount"</th>
                        </tr>
                    </thead>
                    <tbody>{customer.history.into_iter().map(|line| history(line, &currency)).collect_view()}</tbody>
                </table>
            </div>
            {more.map(|more| view! { <p class="muted">{more}</p> })}
        </article>
    }
}

fn row(rank: usize, item: Recommended) -> impl IntoView {
    // The two strongest reasons; all of them on hover.
    let all = item
        .reasons
        .iter()
        .map(|reason| reason.text())
        .collect::<Vec<_>>();
    let reasons = all.iter().take(2).cloned().collect::<Vec<_>>().join("; ");
    let every = all.join("; ");
    view! {
        <tr>
            <td class="num">{rank + 1}</td>
            <td data-testid="recommended-item">{item.item}</td>
            <td data-testid="reason" title=every>{reasons}</td>
            <td class="num">{format!("{:.3}", item.score)}</td>
        </tr>
    }
}

fn history(line: HistoryLine, currency: &format::Currency) -> impl IntoView {
    let returned = if line.returned { " (returned)" } else { "" };
    view! {
        <tr class:returned=line.returned>
            <td>{format::day(line.date)}</td>
            <td>{format!("{}{returned}", line.item)}</td>
            <td class="num">{format!("{}", line.quantity)}</td>
            <td class="num">{format::money(line.amount, currency)}</td>
        </tr>
    }
}
