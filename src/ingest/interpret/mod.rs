//! Reading a transaction log as a person would: column roles from names and values
//! together, the platform whose export it is, order-level columns, statuses that say an
//! order was refunded or cancelled, guests, and pseudo-products.
//!
//! [`guess`] decides the roles (with a reason for each); [`report`] says what the file
//! holds under a mapping; [`line_kinds`] is the one rule that says which lines are
//! purchases, which the orders view, the baskets and the load report all use.

pub mod guests;
pub mod platform;
pub mod pseudo;
pub mod shape;
pub mod status;

#[cfg(test)]
mod tests;

use super::infer::ColumnType;
use super::reading::{
    GuestPolicy, GuestReport, OrderLevelColumn, PlatformMatch, PseudoProduct, Reading, RoleReason,
    StatusCount, StatusKind,
};
use super::roles::{self, Candidate, Mapping, Role, normalise};
use super::table::{MISSING, Table, TextColumn};
use super::values::Values;
use super::{Dataset, checks};
use shape::Spread;

/// Most distinct values a status column has.
const MAX_STATUSES: usize = 40;
/// Share of a column's rows whose values must read as statuses for it to be the status.
const MIN_STATUS_SHARE: f64 = 0.6;
/// How many guest ids the report lists.
const GUEST_EXAMPLES: usize = 20;

/// The roles every log may have, guessed in any layout.
const BASIC_ROLES: [Role; 8] = [
    Role::Customer,
    Role::Date,
    Role::Order,
    Role::Product,
    Role::Quantity,
    Role::UnitPrice,
    Role::Amount,
    Role::Category,
];

/// Scores above any name's: a role the recognised layout names.
const PLATFORM_SCORE: u32 = 5000;
/// A role seen in the values of a column whose name says nothing.
const VALUES_SCORE: u32 = 1500;

/// The roles guessed for a table, and why.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Guess {
    /// Which column plays which role.
    pub mapping: Mapping,
    /// Why each role was given.
    pub reasons: Vec<RoleReason>,
    /// The layout recognised.
    pub platform: Option<PlatformMatch>,
    /// Status values that mean something of their own on that platform.
    pub status_meanings: &'static [(&'static str, StatusKind)],
    /// The platform's currency, when its exports do not say.
    pub currency: Option<&'static str>,
}

/// Whether `column`'s values are mostly order statuses.
fn holds_statuses(column: &TextColumn) -> bool {
    column.distinct_count() <= MAX_STATUSES
        && shape::share(column, |v| status::classify(v).is_some()) >= MIN_STATUS_SHARE
}

/// Whether a candidate's column fits the role by its values (names can mislead: a
/// `state` column of US states is no status, and a status is never the product).
fn fits(candidate: &Candidate, column: &TextColumn, statuses: bool) -> bool {
    match candidate.role {
        // A shop may sell four products; a column named otherwise with a handful of
        // values over thousands of rows is a channel or a flag, not the product.
        Role::Product | Role::Customer | Role::Order | Role::Category | Role::ProductCode => {
            !statuses
                && (candidate.role != Role::Product
                    || candidate.exact
                    || !shape::too_few_to_be_products(column))
        }
        Role::Amount | Role::UnitPrice | Role::Quantity => {
            let name = normalise(&column.name);
            !NOT_THE_LINES_VALUE.iter().any(|w| name.contains(w))
        }
        Role::Status => statuses,
        Role::Time => shape::share(column, |v| shape::time_of_day(v).is_some()) >= 0.9,
        Role::Email | Role::Phone => {
            let name = normalise(&column.name);
            let someone_elses = NOT_THE_BUYERS.iter().any(|w| name.contains(w));
            // A masked phone (`138****1234`) keys nobody.
            let usable = match candidate.role {
                Role::Email => shape::share(column, shape::is_email) >= 0.5,
                _ => shape::share(column, |v| !v.contains('*')) >= 0.9,
            };
            usable && !someone_elses
        }
        _ => true,
    }
}

/// Words in a header that say a money column is not the line's value: `Discount Amount`,
/// `Shipping Total`, `Tax`, `Refunded Amount` are no line amounts.
const NOT_THE_LINES_VALUE: &[&str] = &[
    "discount",
    "coupon",
    "shipping",
    "postage",
    "tax",
    "vat",
    "fee",
    "refund",
    "commission",
    "balance",
    "运费",
    "邮费",
    "优惠",
    "折扣",
    "税",
    "退款",
    "手续费",
    "rabatt",
    "versand",
    "steuer",
];

/// Words in a header that say a phone or email is someone else's than the buyer's: the
/// recipient's (`收货人手机号`) or the shop's (`To Email Address`).
const NOT_THE_BUYERS: &[&str] = &[
    "recipient",
    "receiver",
    "shipping",
    "toemail",
    "收货人",
    "提货人",
    "收件人",
];

/// Guesses the roles of a table's columns from their names and values, and the platform
/// whose export it is.
pub fn guess(table: &Table, types: &[ColumnType], values: &[Values]) -> Guess {
    let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    let normalised: Vec<String> = names.iter().map(|n| normalise(n)).collect();
    let statuses: Vec<bool> = table.columns.iter().map(holds_statuses).collect();
    let mut candidates: Vec<Candidate> = roles::candidates(&names, types)
        .into_iter()
        .filter(|c| fits(c, &table.columns[c.column], statuses[c.column]))
        .collect();
    // Roles read from the values of columns whose names say nothing of them.
    for (column, text) in table.columns.iter().enumerate() {
        let mut add = |role: Role, score: u32| {
            candidates.push(Candidate {
                score,
                role,
                column,
                exact: false,
            });
        };
        if statuses[column] {
            add(Role::Status, VALUES_SCORE);
        }
        // Order names (`#1001`) below an exact order name, and only where they are many.
        if types[column] == ColumnType::Text
            && text.distinct_count() * 4 >= text.len()
            && shape::share(text, shape::is_order_name) >= 0.9
        {
            add(Role::Order, VALUES_SCORE + 400);
        }
        if shape::share(text, shape::is_email) >= 0.9 {
            add(Role::Email, VALUES_SCORE);
        }
    }
    let recognised = platform::recognise(&names);
    if let Some(recognised) = &recognised {
        // A layout says which of the finer roles it has: no others are guessed in it.
        // A column named exactly for a finer role keeps it.
        let named = |role: Role| recognised.layout.roles.iter().any(|(r, _)| *r == role);
        candidates.retain(|c| BASIC_ROLES.contains(&c.role) || named(c.role) || c.exact);
        for &(role, _) in recognised.layout.roles {
            if let Some(column) = recognised.layout.column(role, &normalised)
                && role.accepts(&types[column])
            {
                candidates.push(Candidate {
                    score: PLATFORM_SCORE,
                    role,
                    column,
                    exact: true,
                });
            }
        }
    }
    candidates.sort_by(|a, b| b.score.cmp(&a.score).then(a.column.cmp(&b.column)));
    let mut mapping = roles::assign(&candidates, types);
    let mut notes: Vec<(Role, usize, String)> = Vec::new();
    demote_order_level_amount(table, values, &candidates, &mut mapping, &mut notes);

    let platform_name = recognised
        .as_ref()
        .map(|r| format!("{} {}", r.layout.name, r.layout.export));
    let reasons = mapping
        .columns
        .iter()
        .map(|&(role, column)| {
            let reason = notes
                .iter()
                .find(|(r, c, _)| *r == role && *c == column)
                .map(|(_, _, reason)| reason.clone())
                .unwrap_or_else(|| {
                    reason(role, column, &names, &candidates, platform_name.as_deref())
                });
            RoleReason {
                role,
                column,
                reason,
            }
        })
        .collect();
    Guess {
        mapping,
        reasons,
        status_meanings: recognised.as_ref().map_or(&[], |r| r.layout.statuses),
        currency: recognised.as_ref().and_then(|r| r.layout.currency),
        platform: recognised.map(|r| PlatformMatch {
            name: r.layout.name.to_owned(),
            export: r.layout.export.to_owned(),
            evidence: r.evidence.iter().map(|e| (*e).to_owned()).collect(),
        }),
    }
}

/// Why `column` got `role`, from the strongest candidate that gave it.
fn reason(
    role: Role,
    column: usize,
    names: &[&str],
    candidates: &[Candidate],
    platform: Option<&str>,
) -> String {
    let name = names[column];
    let best = candidates
        .iter()
        .find(|c| c.role == role && c.column == column);
    match best {
        Some(c) if c.score >= PLATFORM_SCORE => {
            format!("the {role} of a {}", platform.unwrap_or("known layout"))
        }
        Some(c) if c.score >= VALUES_SCORE && !c.exact && role == Role::Order => {
            "its values are order names such as #1001".to_owned()
        }
        Some(c) if c.exact => format!("its name {name:?} names the {role}"),
        Some(c) if c.score == VALUES_SCORE => match role {
            Role::Status => "its values are order statuses".to_owned(),
            Role::Email => "its values are email addresses".to_owned(),
            _ => format!("its values are the {role}'s"),
        },
        Some(_) => format!("its name {name:?} contains a name for the {role}"),
        None => match role {
            Role::Customer => {
                "there is no customer id, so the email (or phone) keys the customer".to_owned()
            }
            Role::Product => "there is no product name, so the code is the product".to_owned(),
            Role::Date => "the only column of dates".to_owned(),
            _ => format!("chosen as the {role}"),
        },
    }
}

/// A money column that repeats the order's figure on every line, or writes it on the
/// first line only, is no line amount: it becomes the order total, and the next line
/// figure (or quantity x unit price) is used instead.
fn demote_order_level_amount(
    table: &Table,
    values: &[Values],
    candidates: &[Candidate],
    mapping: &mut Mapping,
    notes: &mut Vec<(Role, usize, String)>,
) {
    let Some(order) = mapping.column(Role::Order) else {
        return;
    };
    let orders = &table.columns[order];
    let level = |column: usize| shape::spread(orders, &table.columns[column], &values[column]);
    let Some(amount) = mapping.column(Role::Amount) else {
        return;
    };
    // Another figure that varies within orders, or a name that says "order total".
    let per_line = |c: usize| matches!(level(c), Spread::PerLine);
    let alternative = mapping.column(Role::UnitPrice).is_some_and(per_line)
        || candidates
            .iter()
            .any(|c| c.role == Role::Amount && c.column != amount && per_line(c.column));
    let named_total = candidates
        .iter()
        .any(|c| c.role == Role::OrderTotal && c.column == amount);
    let why = match level(amount) {
        Spread::Repeated if alternative || named_total => "the same on every line of each order",
        Spread::FirstLineOnly => "filled on each order's first line only",
        Spread::Repeated | Spread::PerLine | Spread::Unknown => return,
    };
    mapping.columns.retain(|&(r, _)| r != Role::Amount);
    if mapping.column(Role::OrderTotal).is_none() {
        mapping.columns.push((Role::OrderTotal, amount));
        notes.push((
            Role::OrderTotal,
            amount,
            format!("an order-level figure: {why}, so it is no line amount"),
        ));
    }
    // The next line figure, if any, is the amount.
    if let Some(next) = candidates
        .iter()
        .filter(|c| c.role == Role::Amount && c.column != amount)
        .find(|c| {
            mapping.role_of(c.column).is_none()
                && matches!(level(c.column), Spread::PerLine | Spread::Unknown)
        })
    {
        mapping.columns.push((Role::Amount, next.column));
    }
    mapping.columns.sort();
}

/// The numeric columns of a table with an order column that hold order-level figures.
pub fn order_level_columns(
    table: &Table,
    values: &[Values],
    mapping: &Mapping,
) -> Vec<OrderLevelColumn> {
    let Some(order) = mapping.column(Role::Order) else {
        return Vec::new();
    };
    let orders = &table.columns[order];
    (0..table.columns.len())
        .filter(|&c| c != order && matches!(values[c], Values::Numbers(_)))
        // Money columns only: ids and quantities repeat within orders by nature.
        .filter(|&c| {
            mapping.role_of(c).is_none_or(|r| {
                matches!(
                    r,
                    Role::Amount | Role::UnitPrice | Role::OrderTotal | Role::RefundedAmount
                )
            })
        })
        .filter_map(|c| {
            let reason = match shape::spread(orders, &table.columns[c], &values[c]) {
                Spread::Repeated => "the same on every line of each order",
                Spread::FirstLineOnly => "filled on each order's first line only",
                Spread::PerLine | Spread::Unknown => return None,
            };
            Some(OrderLevelColumn {
                column: c,
                reason: reason.to_owned(),
            })
        })
        .collect()
}

/// What a line of the transaction log is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// A purchase.
    Purchase,
    /// A return or cancellation line (negative quantity or amount, a cancelled invoice).
    Return,
    /// A line of an order whose status does not count (refunded, cancelled, failed...).
    NotCounted,
    /// A guest's line, left out.
    Guest,
    /// Postage, a fee, a discount or a gift card, left out of baskets and
    /// recommendations.
    Pseudo,
}

impl LineKind {
    /// Whether the line is a purchase.
    pub fn is_purchase(self) -> bool {
        self == LineKind::Purchase
    }
}

/// For each value id of `column` (index `id`, 0 unused), whether `test` holds.
fn flags(column: &TextColumn, test: impl Fn(&str) -> bool) -> Vec<bool> {
    std::iter::once(false)
        .chain((1..=column.value_count()).map(|id| column.value(id).is_some_and(&test)))
        .collect()
}

/// What a status value means in a dataset: the platform's own meaning first.
fn status_kind(dataset: &Dataset, value: &str) -> StatusKind {
    let normalised = normalise(value);
    dataset
        .status_meanings
        .iter()
        .find(|(known, _)| *known == normalised)
        .map(|(_, kind)| *kind)
        .or_else(|| status::classify(value))
        .unwrap_or(StatusKind::Unknown)
}

/// The status values whose lines count, per value id of the status column.
fn counted_statuses(dataset: &Dataset, column: &TextColumn, reading: &Reading) -> Vec<bool> {
    flags(column, |value| match &reading.counted_statuses {
        Some(chosen) => {
            let value = normalise(value);
            chosen.iter().any(|c| normalise(c) == value)
        }
        None => status_kind(dataset, value).counted_by_default(),
    })
}

/// Whether each row's customer is a guest (an id such as `0` or `guest`, or none).
pub fn guest_rows(dataset: &Dataset) -> Vec<bool> {
    let Some(c) = dataset.mapping.column(Role::Customer) else {
        return vec![false; dataset.table.rows()];
    };
    let column = &dataset.table.columns[c];
    let guest = guest_values(dataset, column);
    column
        .cells()
        .iter()
        .map(|&id| id == MISSING || guest[id as usize])
        .collect()
}

/// For each value id of the customer column `column` (index `id`, 0 unused), whether
/// it stands for guests.
fn guest_values(dataset: &Dataset, column: &TextColumn) -> Vec<bool> {
    // `0` is a guest where it has far more lines than a customer has, or more than one
    // email (WooCommerce's guests), not where a shop's customer ids start at 0.
    let customers = column.distinct_count().max(1) as u64;
    let typical = (column.len() as u64 - column.missing()) / customers;
    let emails = dataset
        .mapping
        .column(Role::Email)
        .map(|e| dataset.table.columns[e].cells());
    let mut guest = flags(column, guests::is_guest);
    for (id, lines) in column.distinct_ids() {
        if !column.value(id).is_some_and(guests::is_zero) || lines >= 5 * typical.max(1) {
            continue;
        }
        let mut seen = emails.into_iter().flat_map(|cells| {
            column
                .cells()
                .iter()
                .zip(cells)
                .filter(move |(c, e)| **c == id && **e != MISSING)
                .map(|(_, e)| *e)
        });
        let first = seen.next();
        let shared = first.is_some_and(|first| seen.any(|e| e != first));
        if !shared {
            guest[id as usize] = false;
        }
    }
    guest
}

/// Each row's status value id, where the status column has a value on an order's first
/// line only (Shopify) taken from the order's line that has one.
fn row_statuses(table: &Table, mapping: &Mapping) -> Option<Vec<u32>> {
    let status = &table.columns[mapping.column(Role::Status)?];
    let mut cells = status.cells().to_vec();
    if let Some(o) = mapping.column(Role::Order) {
        let orders = table.columns[o].cells();
        let mut of_order = vec![MISSING; table.columns[o].value_count() as usize + 1];
        for (&order, &cell) in orders.iter().zip(&cells) {
            if cell != MISSING && of_order[order as usize] == MISSING {
                of_order[order as usize] = cell;
            }
        }
        for (cell, &order) in cells.iter_mut().zip(orders) {
            if *cell == MISSING && order != MISSING {
                *cell = of_order[order as usize];
            }
        }
    }
    Some(cells)
}

/// The column that keys guests under `policy`, if the file has it.
pub fn guest_key(mapping: &Mapping, policy: GuestPolicy) -> Option<usize> {
    match policy {
        GuestPolicy::LeaveOut => None,
        GuestPolicy::Email => mapping.column(Role::Email),
        GuestPolicy::Phone => mapping.column(Role::Phone),
    }
}

/// What each line of a transaction log is: the one rule the orders view, the baskets
/// and the load report use. A guest keyed by email or phone is a purchase.
pub fn line_kinds(dataset: &Dataset) -> Vec<LineKind> {
    let table = &dataset.table;
    let mapping = &dataset.mapping;
    let reading = &dataset.reading;
    let returns = checks::return_rows(table, &dataset.values, mapping);
    let guest = guest_rows(dataset);
    let key = guest_key(mapping, reading.guests).map(|c| table.columns[c].cells());
    // A line with no status (nor one on its order) counts.
    let status = row_statuses(table, mapping)
        .zip(mapping.column(Role::Status))
        .map(|(cells, c)| {
            let mut counted = counted_statuses(dataset, &table.columns[c], reading);
            counted[MISSING as usize] = true;
            (cells, counted)
        });
    let pseudo: Vec<(&[u32], Vec<bool>)> = if reading.keep_pseudo_products {
        Vec::new()
    } else {
        [
            (Role::Product, pseudo::is_pseudo as fn(&str) -> bool),
            (Role::ProductCode, pseudo::is_pseudo_code),
        ]
        .into_iter()
        .filter_map(|(role, test)| mapping.column(role).map(|c| (c, test)))
        .map(|(c, test)| {
            let column = &table.columns[c];
            (column.cells(), flags(column, test))
        })
        .collect()
    };
    (0..table.rows())
        .map(|row| {
            if guest[row] && key.is_none_or(|cells| cells[row] == MISSING) {
                LineKind::Guest
            } else if status
                .as_ref()
                .is_some_and(|(cells, counted)| !counted[cells[row] as usize])
            {
                LineKind::NotCounted
            } else if returns[row] {
                LineKind::Return
            } else if pseudo.iter().any(|(cells, p)| p[cells[row] as usize]) {
                LineKind::Pseudo
            } else {
                LineKind::Purchase
            }
        })
        .collect()
}

/// The statuses, guests and pseudo-products of a transaction log, for the report.
pub fn findings(dataset: &Dataset) -> (Vec<StatusCount>, GuestReport, Vec<PseudoProduct>) {
    let table = &dataset.table;
    let mapping = &dataset.mapping;
    let reading = &dataset.reading;
    let statuses = mapping
        .column(Role::Status)
        .map(|c| {
            let column = &table.columns[c];
            let counted = counted_statuses(dataset, column, reading);
            let mut lines = vec![0u64; column.value_count() as usize + 1];
            for cell in row_statuses(table, mapping).unwrap_or_default() {
                lines[cell as usize] += 1;
            }
            let mut list: Vec<StatusCount> = (1..=column.value_count())
                .map(|id| (id, lines[id as usize]))
                .filter(|(_, lines)| *lines > 0)
                .map(|(id, lines)| {
                    let value = column.value(id).unwrap_or_default();
                    StatusCount {
                        value: value.to_owned(),
                        kind: status_kind(dataset, value),
                        lines,
                        counted: counted[id as usize],
                    }
                })
                .collect();
            list.sort_by(|a, b| b.lines.cmp(&a.lines).then(a.value.cmp(&b.value)));
            list
        })
        .unwrap_or_default();

    let mut guest_report = GuestReport {
        policy: reading.guests,
        ..GuestReport::default()
    };
    if let Some(c) = mapping.column(Role::Customer) {
        let column = &table.columns[c];
        let guest = guest_values(dataset, column);
        let key = guest_key(mapping, reading.guests).map(|k| table.columns[k].cells());
        for (row, &id) in column.cells().iter().enumerate() {
            if id == MISSING || guest[id as usize] {
                guest_report.lines += 1;
                if key.is_some_and(|cells| cells[row] != MISSING) {
                    guest_report.keyed += 1;
                }
            }
        }
        guest_report.ids = column
            .distinct_ids()
            .filter(|(id, _)| guest[*id as usize])
            .filter_map(|(id, _)| column.value(id).map(str::to_owned))
            .take(GUEST_EXAMPLES)
            .collect();
        if column.missing() > 0 && guest_report.ids.len() < GUEST_EXAMPLES {
            guest_report.ids.push(String::new());
        }
    }

    let pseudo_products = mapping
        .column(Role::Product)
        .map(|c| {
            let column = &table.columns[c];
            let code = mapping.column(Role::ProductCode).map(|k| &table.columns[k]);
            let code_pseudo = code.map(|k| flags(k, pseudo::is_pseudo_code));
            // A product is a pseudo-product by its name, or by the code on its lines.
            let mut lines = vec![0u64; column.value_count() as usize + 1];
            let name_pseudo = flags(column, pseudo::is_pseudo);
            for (row, &id) in column.cells().iter().enumerate() {
                let by_code = code
                    .zip(code_pseudo.as_ref())
                    .is_some_and(|(k, p)| p[k.cells()[row] as usize]);
                if id != MISSING && (name_pseudo[id as usize] || by_code) {
                    lines[id as usize] += 1;
                }
            }
            let mut list: Vec<PseudoProduct> = lines
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(id, &n)| PseudoProduct {
                    name: column.value(id as u32).unwrap_or_default().to_owned(),
                    lines: n,
                })
                .collect();
            list.sort_by(|a, b| b.lines.cmp(&a.lines).then(a.name.cmp(&b.name)));
            list
        })
        .unwrap_or_default();
    (statuses, guest_report, pseudo_products)
}
