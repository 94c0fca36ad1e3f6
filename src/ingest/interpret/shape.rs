//! What a column's values say about its role, beyond its name: order-level figures
//! (the same on every line of an order, or on its first line only), times of day, order
//! names such as `#1001`, emails, and columns with too few values to be the product.

use crate::ingest::table::{MISSING, TextColumn};
use crate::ingest::values::Values;

/// Multi-line orders needed before a column is judged order-level.
const MIN_MULTI_LINE_ORDERS: usize = 3;
/// Multi-line orders needed before the same figure on every line of each order says
/// the figure is the order's (lines of equal price repeat by chance in a few orders).
const MIN_REPEATED_ORDERS: usize = 20;

/// How a numeric column lies over the lines of the orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spread {
    /// It differs between the lines of some order: a line figure.
    PerLine,
    /// The same on every line of each order with more than one line.
    Repeated,
    /// Filled on each order's first line only.
    FirstLineOnly,
    /// Too few orders with several lines to tell.
    Unknown,
}

/// How `numbers` (a number column) lies over the orders of `orders` (the order column).
///
/// One pass over the rows with a slot per order value id: O(rows) time, O(orders) memory.
pub fn spread(orders: &TextColumn, numbers: &TextColumn, values: &Values) -> Spread {
    #[derive(Clone, Copy)]
    struct Seen {
        first: u32,
        lines: u32,
        same: bool,
        rest_missing: bool,
    }
    let mut seen: Vec<Option<Seen>> = vec![None; orders.value_count() as usize + 1];
    for (&order, &cell) in orders.cells().iter().zip(numbers.cells()) {
        if order == MISSING {
            continue;
        }
        match &mut seen[order as usize] {
            slot @ None => {
                *slot = Some(Seen {
                    first: cell,
                    lines: 1,
                    same: true,
                    rest_missing: true,
                });
            }
            Some(s) => {
                s.lines += 1;
                // The same value id is the same text; texts that read as the same number
                // (`5` and `5.00`) are the same too.
                if cell != s.first && values.number(cell) != values.number(s.first) {
                    s.same = false;
                }
                if cell != MISSING {
                    s.rest_missing = false;
                }
            }
        }
    }
    let multi: Vec<Seen> = seen.into_iter().flatten().filter(|s| s.lines > 1).collect();
    if multi.len() < MIN_MULTI_LINE_ORDERS {
        return Spread::Unknown;
    }
    // Filled on the first line and empty after it, in nine orders of ten at least (an
    // order of one product repeated may fill every line).
    let first_only = multi
        .iter()
        .filter(|s| s.first != MISSING && s.rest_missing)
        .count();
    if first_only * 10 >= multi.len() * 9 {
        return Spread::FirstLineOnly;
    }
    if multi.len() >= MIN_REPEATED_ORDERS && multi.iter().all(|s| s.same) {
        Spread::Repeated
    } else {
        Spread::PerLine
    }
}

/// Seconds since midnight of a time of day written as `14:05`, `14:05:33`, `2:05 PM`
/// or `14:05:33.250`.
pub fn time_of_day(text: &str) -> Option<i64> {
    let text = text.trim();
    // The last two bytes, if they are ASCII (a CJK time such as `14时05分` is not read).
    let suffix = text
        .len()
        .checked_sub(2)
        .and_then(|i| text.get(i..).map(|s| (i, s)));
    let (clock, pm) = match suffix {
        Some((i, s)) if s.eq_ignore_ascii_case("am") => (text[..i].trim_end(), false),
        Some((i, s)) if s.eq_ignore_ascii_case("pm") => (text[..i].trim_end(), true),
        _ => (text, false),
    };
    let twelve_hour = clock.len() != text.len();
    let mut parts = clock.split(':');
    let hours: i64 = parts.next()?.parse().ok()?;
    let minutes: i64 = parts.next()?.parse().ok()?;
    let seconds: f64 = match parts.next() {
        Some(s) => s.parse().ok()?,
        None => 0.0,
    };
    if parts.next().is_some() || !(0..60).contains(&minutes) || !(0.0..61.0).contains(&seconds) {
        return None;
    }
    let hours = match (twelve_hour, pm) {
        (true, _) if !(1..=12).contains(&hours) => return None,
        (true, false) => hours % 12,
        (true, true) => hours % 12 + 12,
        (false, _) if !(0..24).contains(&hours) => return None,
        (false, _) => hours,
    };
    Some(hours * 3600 + minutes * 60 + seconds as i64)
}

/// The share of a column's rows (missing cells aside) whose value passes `test`, judged
/// once per distinct value.
pub fn share(column: &TextColumn, test: impl Fn(&str) -> bool) -> f64 {
    let (passed, all) = column
        .distinct()
        .fold((0u64, 0u64), |(passed, all), (text, count)| {
            (passed + if test(text) { count } else { 0 }, all + count)
        });
    if all == 0 {
        0.0
    } else {
        passed as f64 / all as f64
    }
}

/// Whether a value is an order name as Shopify writes them: `#1001`.
pub fn is_order_name(text: &str) -> bool {
    text.strip_prefix('#').is_some_and(|rest| {
        let colour = matches!(rest.len(), 3 | 6)
            && rest.bytes().all(|b| b.is_ascii_hexdigit())
            && rest.bytes().any(|b| b.is_ascii_alphabetic());
        !colour
            && rest.bytes().any(|b| b.is_ascii_digit())
            && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    })
}

/// Whether a value looks like an email address.
pub fn is_email(text: &str) -> bool {
    text.split_once('@')
        .is_some_and(|(user, domain)| !user.is_empty() && domain.contains('.'))
}

/// Whether a column has so few distinct values over so many rows that it cannot be the
/// product (a status, a channel, a flag).
pub fn too_few_to_be_products(column: &TextColumn) -> bool {
    let distinct = column.distinct_count();
    let rows = column.len() as u64 - column.missing();
    distinct <= 5 && rows >= 100 * distinct as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::infer::ColumnType;
    use crate::ingest::number::NumberStyle;

    fn numbers(cells: &[&str]) -> (TextColumn, Values) {
        let column = TextColumn::of(cells);
        let values = Values::read(
            &column,
            &ColumnType::Number {
                style: NumberStyle::DecimalPoint,
            },
        );
        (column, values)
    }

    #[test]
    fn tells_order_level_columns_from_line_columns() {
        let orders = TextColumn::of(&["1", "1", "2", "2", "2", "3", "3", "4"]);
        let (total, v) = numbers(&["30", "30", "12", "12", "12.00", "8", "8", "5"]);
        // Three orders of lines at one price may be chance.
        assert_eq!(spread(&orders, &total, &v), Spread::PerLine);
        let ids: Vec<String> = (0..40).map(|i| (i / 2).to_string()).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let totals: Vec<String> = (0..40).map(|i| (10 + i / 2).to_string()).collect();
        let totals: Vec<&str> = totals.iter().map(String::as_str).collect();
        let (total, v) = numbers(&totals);
        assert_eq!(spread(&TextColumn::of(&ids), &total, &v), Spread::Repeated);
        let (first, v) = numbers(&["30", "", "12", "", "", "8", "", "5"]);
        assert_eq!(spread(&orders, &first, &v), Spread::FirstLineOnly);
        let (line, v) = numbers(&["10", "20", "4", "4", "4", "3", "5", "5"]);
        assert_eq!(spread(&orders, &line, &v), Spread::PerLine);
        let few = TextColumn::of(&["1", "1", "2", "3"]);
        let (line, v) = numbers(&["1", "2", "3", "4"]);
        assert_eq!(spread(&few, &line, &v), Spread::Unknown);
    }

    #[test]
    fn reads_times_of_day() {
        assert_eq!(time_of_day("14:05"), Some(14 * 3600 + 5 * 60));
        assert_eq!(time_of_day("14:05:33"), Some(14 * 3600 + 5 * 60 + 33));
        assert_eq!(time_of_day("2:05 PM"), Some(14 * 3600 + 5 * 60));
        assert_eq!(time_of_day("12:30 am"), Some(30 * 60));
        assert_eq!(time_of_day("09:15:00.250"), Some(9 * 3600 + 15 * 60));
        for bad in [
            "",
            "25:00",
            "12",
            "2024-01-01",
            "13:00 PM",
            "ab:cd",
            "14时05分",
            "午後2時",
        ] {
            assert_eq!(time_of_day(bad), None, "{bad}");
        }
    }

    #[test]
    fn recognises_order_names_and_emails() {
        assert!(is_order_name("#1001") && !is_order_name("1001") && !is_order_name("#"));
        assert!(!is_order_name("#FF0000") && !is_order_name("#abc") && is_order_name("#SO-1001"));
        assert!(is_email("a@b.com") && !is_email("@b.com") && !is_email("ab.com"));
    }
}
