//! How the transaction log was read beyond its column roles: the platform recognised,
//! the order-level columns, the statuses, guests, pseudo-products, currency and workbook
//! sheet. Every choice here loads the file again with it (and the column roles it has).

use crate::ingest::LoadReport;
use crate::ingest::reading::{
    CurrencyReport, GuestPolicy, Interpretation, PlatformMatch, Reading, SheetReport, StatusKind,
};
use crate::ingest::roles::Role;
use crate::view::format;
use crate::web::app::store::Store;
use leptos::prelude::*;

/// The findings and choices of reading the transaction log shown.
#[component]
pub fn HowRead(report: LoadReport) -> impl IntoView {
    let names: Vec<String> = report.columns.iter().map(|c| c.name.clone()).collect();
    let name_of = move |column: usize| {
        names
            .get(column)
            .cloned()
            .unwrap_or_else(|| format!("column {}", column + 1))
    };
    let found = report.interpretation;
    let has = |role| report.mapping.column(role).is_some();
    let (email, phone) = (has(Role::Email), has(Role::Phone));
    let order_level = (!found.order_level.is_empty()).then(|| {
        let items = found
            .order_level
            .iter()
            .map(|column| {
                view! {
                    <li>
                        <strong>{name_of(column.column)}</strong>
                        {format!(": {}", column.reason)}
                    </li>
                }
            })
            .collect_view();
        view! {
            <div data-testid="order-level">
                <h4>"Order-level columns, never taken as a line's amount"</h4>
                <ul>{items}</ul>
            </div>
        }
    });
    view! {
        <section class="how-read" data-testid="how-read">
            <h3>"How the file was read"</h3>
            {platform(found.platform.as_ref())}
            <Choices />
            {order_level}
            {statuses(&found)}
            {guests(&found, email, phone)}
            {pseudo_products(&found)}
            {currency(&found.currency)}
            {found.sheet.as_ref().map(sheet)}
        </section>
    }
}

/// The platform whose export this is, and the headers that say so.
fn platform(found: Option<&PlatformMatch>) -> impl IntoView + use<> {
    let text = match found {
        Some(found) => {
            let article = match found.name.chars().next() {
                Some('A' | 'E' | 'I' | 'O') => "an",
                _ => "a",
            };
            let evidence = if found.evidence.is_empty() {
                String::new()
            } else {
                format!(" from its columns {}", quoted(&found.evidence))
            };
            format!(
                "Recognised as {article} {} {}{evidence}.",
                found.name, found.export
            )
        }
        None => "Not recognised as a known platform's export: the column roles were guessed \
                 from the column names and values."
            .to_owned(),
    };
    view! { <p data-testid="platform">{text}</p> }
}

/// Whether the user's own choices are applied, with a way back to the guesses.
#[component]
fn Choices() -> impl IntoView {
    let store = expect_context::<Store>();
    let choice = store.shown_choice();
    (!choice.is_default()).then(|| {
        let text = if store.shown_recalled() {
            "Read with the choices you made when you loaded a file of this name before."
        } else {
            "Read with your choices."
        };
        view! {
            <p class="choices" data-testid="own-choices">
                {text}
                " "
                <button
                    type="button"
                    data-testid="use-guesses"
                    on:click=move |_| store.load_with_guesses()
                >
                    "Use the guesses instead"
                </button>
            </p>
        }
    })
}

/// Names in quotes, joined.
fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|name| format!("\u{201c}{name}\u{201d}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn kind_name(kind: StatusKind) -> &'static str {
    match kind {
        StatusKind::Completed => "completed",
        StatusKind::Open => "open",
        StatusKind::PartlyRefunded => "partly refunded",
        StatusKind::Refunded => "refunded",
        StatusKind::Cancelled => "cancelled",
        StatusKind::Failed => "payment failed",
        StatusKind::Unpaid => "unpaid",
        StatusKind::Unknown => "not recognised",
    }
}

/// Loads the file shown again with `change` made to its reading choices.
fn reload(store: Store, change: impl FnOnce(&mut Reading)) {
    let mut reading = store.shown_reading();
    change(&mut reading);
    store.load_with_reading(reading);
}

/// Each status with its lines and whether they count as purchases, which the user
/// can change.
fn statuses(found: &Interpretation) -> Option<impl IntoView + use<>> {
    let store = expect_context::<Store>();
    if found.statuses.is_empty() {
        return None;
    }
    let counted: Vec<String> = found
        .statuses
        .iter()
        .filter(|status| status.counted)
        .map(|status| status.value.clone())
        .collect();
    let rows = found
        .statuses
        .iter()
        .map(|status| {
            let value = status.value.clone();
            let counted = counted.clone();
            let toggle = move |on: bool| {
                let mut counted = counted.clone();
                counted.retain(|v| *v != value);
                if on {
                    counted.push(value.clone());
                }
                reload(store, |reading| reading.counted_statuses = Some(counted));
            };
            view! {
                <tr data-status=status.value.clone()>
                    <td>{status.value.clone()}</td>
                    <td data-testid="status-kind">{kind_name(status.kind)}</td>
                    <td class="num">{format::count(status.lines)}</td>
                    <td>
                        <input
                            type="checkbox"
                            data-testid="status-counted"
                            aria-label=format!("Lines with status {} count as purchases", status.value)
                            prop:checked=status.counted
                            on:change=move |event| toggle(event_target_checked(&event))
                        />
                    </td>
                </tr>
            }
        })
        .collect_view();
    Some(view! {
        <div data-testid="statuses">
            <h4>"Order statuses"</h4>
            <p class="muted">
                "Lines of refunded, cancelled, failed or unpaid orders are not purchases. Tick \
                 the statuses whose lines you want counted."
            </p>
            <table class="grid">
                <thead>
                    <tr>
                        <th>"Status"</th>
                        <th>"Recognised as"</th>
                        <th class="num">"Lines"</th>
                        <th>"Counts as a purchase"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    })
}

/// Guests and walk-ins: how many, and what to do with them.
fn guests(found: &Interpretation, email: bool, phone: bool) -> Option<impl IntoView + use<>> {
    let store = expect_context::<Store>();
    let guests = &found.guests;
    if guests.lines == 0 && guests.ids.is_empty() {
        return None;
    }
    let ids = quoted(&guests.ids);
    let keyed = (guests.keyed > 0).then(|| {
        format!(
            " {} of them were given a customer by their contact.",
            format::count(guests.keyed)
        )
    });
    let option = |policy: GuestPolicy, value: &'static str, label: &'static str| {
        view! { <option value=value selected=guests.policy == policy>{label}</option> }
    };
    Some(view! {
        <div data-testid="guests">
            <h4>"Guests and walk-ins"</h4>
            <p>
                {format!(
                    "{} lines have a customer id that stands for a guest, not one customer ({ids}).",
                    format::count(guests.lines),
                )}
                {keyed}
            </p>
            <label>
                "Their orders: "
                <select
                    data-testid="guest-policy"
                    on:change=move |event| {
                        let policy = match event_target_value(&event).as_str() {
                            "email" => GuestPolicy::Email,
                            "phone" => GuestPolicy::Phone,
                            _ => GuestPolicy::LeaveOut,
                        };
                        reload(store, |reading| reading.guests = policy);
                    }
                >
                    {option(GuestPolicy::LeaveOut, "leave-out", "leave them out")}
                    {email.then(|| option(GuestPolicy::Email, "email", "a customer per email address"))}
                    {phone.then(|| option(GuestPolicy::Phone, "phone", "a customer per phone number"))}
                </select>
            </label>
        </div>
    })
}

/// Postage, fees and the like in the product column, and whether baskets and
/// recommendations keep them.
fn pseudo_products(found: &Interpretation) -> Option<impl IntoView + use<>> {
    let store = expect_context::<Store>();
    if found.pseudo_products.is_empty() {
        return None;
    }
    let items = found
        .pseudo_products
        .iter()
        .map(|p| format!("{} ({} lines)", p.name, format::count(p.lines)))
        .collect::<Vec<_>>()
        .join(", ");
    Some(view! {
        <div data-testid="pseudo-products">
            <h4>"Postage, fees and other non-products"</h4>
            <p>{items}</p>
            <label class="switch">
                <input
                    type="checkbox"
                    data-testid="keep-pseudo"
                    prop:checked=found.pseudo_products_kept
                    on:change=move |event| {
                        let keep = event_target_checked(&event);
                        reload(store, |reading| reading.keep_pseudo_products = keep);
                    }
                />
                " Keep them in baskets and recommendations"
            </label>
        </div>
    })
}

/// The money's currency, and each currency's share when the file mixes them.
fn currency(found: &CurrencyReport) -> Option<impl IntoView + use<>> {
    // A code, else the sign alone (`$` does not say which dollar).
    let code = found.code.as_ref().or(found.symbol.as_ref())?;
    let source = (!found.source.is_empty()).then(|| format!(" ({})", found.source));
    let mixed = (found.mixed.len() > 1).then(|| {
        let rows = found
            .mixed
            .iter()
            .map(|(code, lines, total)| {
                view! {
                    <tr>
                        <td>{code.clone()}</td>
                        <td class="num">{format::count(*lines)}</td>
                        <td class="num">{format::money(*total, &format::Currency::default())}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <p class="note">
                "The file mixes currencies; totals add them up as if they were one."
            </p>
            <table class="grid" data-testid="currencies">
                <thead>
                    <tr>
                        <th>"Currency"</th>
                        <th class="num">"Lines"</th>
                        <th class="num">"Purchases"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
    });
    Some(view! {
        <div data-testid="currency">
            <p>
                "Currency: " <strong>{code.clone()}</strong> {source}
            </p>
            {mixed}
        </div>
    })
}

/// The workbook sheet read, and the others to choose from.
fn sheet(found: &SheetReport) -> impl IntoView + use<> {
    let store = expect_context::<Store>();
    let choice = (found.sheets.len() > 1).then(|| {
        let options = found
            .sheets
            .iter()
            .map(|name| {
                view! { <option value=name.clone() selected=*name == found.name>{name.clone()}</option> }
            })
            .collect_view();
        view! {
            <label>
                " Read the sheet "
                <select
                    data-testid="sheet-select"
                    on:change=move |event| {
                        let sheet = event_target_value(&event);
                        reload(store, |reading| reading.sheet = Some(sheet));
                    }
                >
                    {options}
                </select>
            </label>
        }
    });
    view! {
        <p data-testid="sheet-choice">
            "Workbook sheet: " <strong>{found.name.clone()}</strong>
            {format!(" (of {})", found.sheets.len())}
            {choice}
        </p>
    }
}
