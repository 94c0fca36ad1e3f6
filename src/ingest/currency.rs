//! The currency of a transaction log's money: from a currency column (the one mapped to
//! [`Role::Currency`], else one named so), or from the signs and codes written with the
//! amounts (`€12`, `EUR 12.50`, `128元`), each distinct value looked at once. `$` and `¥`
//! alone do not say which dollar or which yen/yuan: a code in the file decides, Chinese
//! or Japanese headers decide `¥`, and otherwise the sign is reported without a code.
//!
//! A file that mixes currencies gets a note with each currency's lines and purchases.

use super::checks;
use super::infer::ColumnType;
use super::number::{CurrencyMark, currency_mark};
use super::reading::CurrencyReport;
use super::roles::{Mapping, Role, normalise};
use super::table::{MISSING, Table, TextColumn};
use super::values::Values;
use super::{Dataset, TableKind};
use crate::view::format;
use rustc_hash::FxHashMap;

/// Header names of a currency column (normalised), when none is mapped.
const COLUMN_NAMES: &[&str] = &[
    "currency",
    "currencycode",
    "currencyiso",
    "ordercurrency",
    "waehrung",
    "währung",
    "devise",
    "moneda",
    "valuta",
    "币种",
    "货币",
    "币别",
    "结算币种",
    "交易币种",
];

/// Currency names as Chinese exports write them in a currency column.
const CHINESE_NAMES: &[(&str, &str)] = &[
    ("人民币", "CNY"),
    ("美元", "USD"),
    ("欧元", "EUR"),
    ("英镑", "GBP"),
    ("日元", "JPY"),
    ("港币", "HKD"),
    ("港元", "HKD"),
    ("新台币", "TWD"),
    ("台币", "TWD"),
    ("韩元", "KRW"),
];

/// The currencies that write `$` and `¥`: a code of one of them in the file says which.
const DOLLARS: &[&str] = &["USD", "CAD", "AUD", "NZD", "HKD", "SGD", "TWD", "MXN"];
const YEN_YUAN: &[&str] = &["CNY", "JPY"];

/// Columns whose numbers are never money.
const NOT_MONEY: [Role; 4] = [
    Role::Quantity,
    Role::RefundedQuantity,
    Role::Customer,
    Role::Order,
];
/// Columns that hold money.
const MONEY: [Role; 4] = [
    Role::Amount,
    Role::UnitPrice,
    Role::OrderTotal,
    Role::RefundedAmount,
];

/// Finds the currency of a transaction log's money, and adds a note when it mixes
/// currencies. Extra tables get none: the analyses' money is the log's.
pub fn detect(
    kind: TableKind,
    table: &Table,
    types: &[ColumnType],
    values: &[Values],
    mapping: &Mapping,
    notes: &mut Vec<String>,
) -> CurrencyReport {
    if kind != TableKind::Transactions {
        return CurrencyReport::default();
    }
    let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    let report = currency_column(table, mapping)
        .and_then(|c| from_column(table, values, mapping, c, &names))
        .or_else(|| from_marks(table, types, values, mapping, &names))
        .unwrap_or_default();
    notes.extend(mixed_note(&report));
    report
}

/// The currency of a loaded transaction log's money (as its load report says it).
pub fn of_dataset(dataset: &Dataset) -> CurrencyReport {
    let (table, types, values) = (&dataset.table, &dataset.types, &dataset.values);
    let kind = TableKind::Transactions;
    detect(
        kind,
        table,
        types,
        values,
        &dataset.mapping,
        &mut Vec::new(),
    )
}

/// The mapped currency column, else the first named like one.
fn currency_column(table: &Table, mapping: &Mapping) -> Option<usize> {
    mapping.column(Role::Currency).or_else(|| {
        table
            .columns
            .iter()
            .position(|c| COLUMN_NAMES.contains(&normalise(&c.name).as_str()))
    })
}

/// A currency as a currency column writes it: `EUR`, `eur`, `人民币`, `€`; `None` when
/// empty.
fn written_currency(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Some((_, code)) = CHINESE_NAMES.iter().find(|(name, _)| text.contains(name)) {
        return Some((*code).to_owned());
    }
    if let Some(mark) = currency_mark(text) {
        return Some(mark.meaning.to_owned());
    }
    if text.len() == 3 && text.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Some(text.to_ascii_uppercase());
    }
    Some(text.to_owned())
}

/// Whether a currency is an ISO 4217 code (three capital letters).
fn is_code(currency: &str) -> bool {
    currency.len() == 3 && currency.bytes().all(|b| b.is_ascii_uppercase())
}

/// `¥` as the headers' language says it: yuan under Chinese headers, yen under
/// Japanese ones (kana); `None` when they do not say.
fn yen_or_yuan(names: &[&str]) -> Option<&'static str> {
    let any = |test: fn(char) -> bool| names.iter().any(|n| n.chars().any(test));
    if any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)) {
        Some("JPY")
    } else if any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        Some("CNY")
    } else {
        None
    }
}

/// The code and the sign a report gives for a currency as found: an ambiguous `¥`
/// decided by the headers (with the reason), `$` left as a sign.
fn code_and_sign(
    currency: &str,
    sign: Option<&str>,
    names: &[&str],
) -> (Option<String>, Option<String>, Option<String>) {
    let sign = sign.map(str::to_owned);
    match currency {
        "¥" => match yen_or_yuan(names) {
            Some(code) => {
                let why = format!("¥ read as {code} from the headers' language");
                (Some(code.to_owned()), sign, Some(why))
            }
            None => (None, sign, None),
        },
        _ if is_code(currency) => (Some(currency.to_owned()), sign, None),
        _ => (None, Some(currency.to_owned()), None),
    }
}

/// Each line's money as the orders read it (the amount, else unit price x quantity),
/// and whether it is a purchase (not a return or cancellation).
fn line_money(table: &Table, values: &[Values], mapping: &Mapping) -> (Vec<f64>, Vec<bool>) {
    let number = |role: Role, row: usize| {
        let c = mapping.column(role)?;
        values.get(c)?.number(table.columns.get(c)?.cells()[row])
    };
    let money = (0..table.rows())
        .map(|row| {
            number(Role::Amount, row)
                .or_else(|| {
                    Some(number(Role::UnitPrice, row)? * number(Role::Quantity, row).unwrap_or(1.0))
                })
                .unwrap_or(0.0)
        })
        .collect();
    let purchases = checks::return_rows(table, values, mapping)
        .into_iter()
        .map(|returned| !returned)
        .collect();
    (money, purchases)
}

/// Lines and purchases per currency, the lines' currencies given per value id of
/// `column` by `currency_of`; largest first.
fn per_currency(
    table: &Table,
    values: &[Values],
    mapping: &Mapping,
    column: &TextColumn,
    currency_of: &[Option<String>],
) -> Vec<(String, u64, f64)> {
    let (money, purchases) = line_money(table, values, mapping);
    let mut totals: FxHashMap<&str, (u64, f64)> = FxHashMap::default();
    for (row, &id) in column.cells().iter().enumerate() {
        let Some(Some(currency)) = (id != MISSING)
            .then(|| currency_of.get(id as usize - 1))
            .flatten()
        else {
            continue;
        };
        let entry = totals.entry(currency.as_str()).or_default();
        entry.0 += 1;
        if purchases[row] {
            entry.1 += money[row];
        }
    }
    let mut list: Vec<(String, u64, f64)> = totals
        .into_iter()
        .map(|(currency, (lines, total))| (currency.to_owned(), lines, total))
        .collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list
}

/// The currency from a currency column; `None` if it is empty.
fn from_column(
    table: &Table,
    values: &[Values],
    mapping: &Mapping,
    c: usize,
    names: &[&str],
) -> Option<CurrencyReport> {
    let column = table.columns.get(c)?;
    let currency_of: Vec<Option<String>> = (1..=column.value_count())
        .map(|id| column.value(id).and_then(written_currency))
        .collect();
    let list = per_currency(table, values, mapping, column, &currency_of);
    let (main, _, _) = list.first()?;
    let (code, symbol, why) = code_and_sign(main, None, names);
    let mut source = format!("currency column {:?}", column.name);
    if let Some(why) = why {
        source = format!("{source}; {why}");
    }
    Some(CurrencyReport {
        code,
        symbol,
        source,
        mixed: if list.len() > 1 { list } else { Vec::new() },
    })
}

/// The currency from the signs and codes written in the money columns: the money
/// column with the most marked lines, else any other number column with some.
fn from_marks(
    table: &Table,
    types: &[ColumnType],
    values: &[Values],
    mapping: &Mapping,
    names: &[&str],
) -> Option<CurrencyReport> {
    // Per candidate column, its marked lines per mark.
    let tallies = table.columns.iter().enumerate().filter_map(|(c, column)| {
        let role = mapping.role_of(c);
        if !matches!(types.get(c), Some(ColumnType::Number { .. }))
            || role.is_some_and(|r| NOT_MONEY.contains(&r))
        {
            return None;
        }
        let mut tally: FxHashMap<CurrencyMark, u64> = FxHashMap::default();
        for (id, count) in column.distinct_ids() {
            if let Some(mark) = column.value(id).and_then(currency_mark) {
                *tally.entry(mark).or_default() += count;
            }
        }
        let marked: u64 = tally.values().sum();
        let money = role.is_some_and(|r| MONEY.contains(&r));
        (marked > 0).then_some((money, marked, c, tally))
    });
    let (_, _, c, tally) =
        tallies.max_by_key(|(money, marked, c, _)| (*money, *marked, usize::MAX - c))?;
    let column = &table.columns[c];

    // `$` or `¥` is the currency of a code of the file that writes them.
    let codes: Vec<&str> = tally
        .keys()
        .map(|m| m.meaning)
        .filter(|m| is_code(m))
        .collect();
    let resolve = |meaning: &'static str| -> &'static str {
        let family = match meaning {
            "$" => DOLLARS,
            "¥" => YEN_YUAN,
            _ => return meaning,
        };
        let mut found = codes.iter().filter(|code| family.contains(code));
        match (found.next(), found.next()) {
            (Some(code), None) => code,
            _ => meaning,
        }
    };
    // Lines per currency, and the sign most written for each.
    let mut lines: FxHashMap<&str, u64> = FxHashMap::default();
    let mut signs: FxHashMap<(&str, &str), u64> = FxHashMap::default();
    for (mark, count) in &tally {
        let currency = resolve(mark.meaning);
        *lines.entry(currency).or_default() += count;
        if let Some(sign) = mark.sign {
            *signs.entry((currency, sign)).or_default() += count;
        }
    }
    let main = lines
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(currency, _)| *currency)?;
    let sign = signs
        .iter()
        .filter(|((currency, _), _)| *currency == main)
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|((_, sign), _)| *sign);
    let (code, symbol, why) = code_and_sign(main, sign, names);
    let written = match (
        tally.keys().any(|m| m.sign.is_some()),
        tally.keys().any(|m| m.sign.is_none()),
    ) {
        (true, true) => "symbols and codes",
        (false, _) => "codes",
        (true, false) => "symbols",
    };
    let mut source = format!("{written} in {:?}", column.name);
    if let Some(why) = why {
        source = format!("{source}; {why}");
    }
    let mixed = if lines.len() > 1 {
        let currency_of: Vec<Option<String>> = (1..=column.value_count())
            .map(|id| {
                let mark = column.value(id).and_then(currency_mark)?;
                Some(resolve(mark.meaning).to_owned())
            })
            .collect();
        per_currency(table, values, mapping, column, &currency_of)
    } else {
        Vec::new()
    };
    Some(CurrencyReport {
        code,
        symbol,
        source,
        mixed,
    })
}

/// The note for a file that mixes currencies, with each one's lines and purchases.
pub fn mixed_note(report: &CurrencyReport) -> Option<String> {
    if report.mixed.len() < 2 {
        return None;
    }
    let each = report
        .mixed
        .iter()
        .map(|(currency, lines, total)| {
            format!(
                "{currency} on {} lines ({} in purchases)",
                format::count(*lines),
                format::money(*total, &format::Currency::default())
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    Some(format!(
        "The file mixes currencies ({}): {each}. Money figures add them up as one currency; \
         load one currency at a time for figures that compare.",
        report.source
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{TableKind, load_text};

    fn currency(csv: &str) -> (CurrencyReport, Vec<String>) {
        let loaded = load_text(csv, TableKind::Transactions);
        (loaded.report.interpretation.currency, loaded.report.notes)
    }

    fn check(csv: &str, code: Option<&str>, symbol: Option<&str>, source: &str) {
        let (report, _) = currency(csv);
        assert_eq!(
            (
                report.code.as_deref(),
                report.symbol.as_deref(),
                report.source.as_str()
            ),
            (code, symbol, source),
            "{csv}"
        );
        assert!(report.mixed.is_empty(), "{csv}");
    }

    #[test]
    fn signs_in_the_amounts_say_the_currency() {
        check(
            "customer;date;amount\na;2024-01-02;12,50 €\nb;2024-01-03;3 €\n",
            Some("EUR"),
            Some("€"),
            "symbols in \"amount\"",
        );
        check(
            "customer,date,price\na,2024-01-02,£3.50\n",
            Some("GBP"),
            Some("£"),
            "symbols in \"price\"",
        );
        check(
            "customer,date,amount\na,2024-01-02,R$ 12.50\n",
            Some("BRL"),
            Some("R$"),
            "symbols in \"amount\"",
        );
    }

    #[test]
    fn a_dollar_alone_claims_no_country() {
        check(
            "customer,date,amount\na,2024-01-02,$12.50\nb,2024-01-03,$3\n",
            None,
            Some("$"),
            "symbols in \"amount\"",
        );
        // A code elsewhere in the column says which dollar.
        check(
            "customer,date,amount\na,2024-01-02,$12.50\nb,2024-01-03,CAD 3\n",
            Some("CAD"),
            Some("$"),
            "symbols and codes in \"amount\"",
        );
    }

    #[test]
    fn yen_or_yuan_by_the_headers() {
        check(
            "客户,日期,金额\na,2024-01-02,¥12.50\n",
            Some("CNY"),
            Some("¥"),
            "symbols in \"金额\"; ¥ read as CNY from the headers' language",
        );
        check(
            "customer,date,amount\na,2024-01-02,¥1280\n",
            None,
            Some("¥"),
            "symbols in \"amount\"",
        );
        check(
            "客户,日期,金额\na,2024-01-02,128元\n",
            Some("CNY"),
            Some("元"),
            "symbols in \"金额\"",
        );
    }

    #[test]
    fn codes_written_with_the_amounts() {
        check(
            "customer,date,amount\na,2024-01-02,EUR 12.50\nb,2024-01-03,EUR 3\n",
            Some("EUR"),
            None,
            "codes in \"amount\"",
        );
        check(
            "customer;date;amount\na;2024-01-02;12,50 EUR\n",
            Some("EUR"),
            None,
            "codes in \"amount\"",
        );
    }

    #[test]
    fn a_currency_column_says_it() {
        check(
            "customer,date,amount,Currency\na,2024-01-02,12.5,eur\nb,2024-01-03,3,EUR\n",
            Some("EUR"),
            None,
            "currency column \"Currency\"",
        );
        check(
            "客户,日期,金额,币种\na,2024-01-02,12.5,人民币\n",
            Some("CNY"),
            None,
            "currency column \"币种\"",
        );
    }

    #[test]
    fn nothing_says_no_currency() {
        let (report, notes) = currency("customer,date,amount\na,2024-01-02,12.5\n");
        assert_eq!(report, CurrencyReport::default());
        assert!(!notes.iter().any(|n| n.contains("currenc")));
        // Quantities and ids are not money, whatever they hold.
        check("customer,date,qty\na,2024-01-02,3\n", None, None, "");
    }

    #[test]
    fn extra_tables_have_no_currency_of_their_own() {
        let loaded = load_text(
            "customer,spend,currency\na,€3,EUR\nb,$4,USD\n",
            TableKind::Extra,
        );
        assert_eq!(
            loaded.report.interpretation.currency,
            CurrencyReport::default()
        );
        assert!(loaded.report.notes.is_empty());
    }

    #[test]
    fn a_currency_column_with_several_values_is_mixed() {
        let (report, notes) = currency(
            "customer,order,date,amount,currency\n\
             a,1,2024-01-02,10,EUR\n\
             a,1,2024-01-02,5,EUR\n\
             b,2,2024-01-03,7,USD\n\
             b,C3,2024-01-04,-7,USD\n\
             c,4,2024-01-05,100,EUR\n",
        );
        assert_eq!(report.code.as_deref(), Some("EUR"));
        assert_eq!(
            report.mixed,
            [("EUR".to_owned(), 3, 115.0), ("USD".to_owned(), 2, 7.0)],
            "returns are lines, not purchases"
        );
        let note = notes
            .iter()
            .find(|n| n.starts_with("The file mixes currencies"))
            .expect("a note");
        assert_eq!(
            note,
            "The file mixes currencies (currency column \"currency\"): EUR on 3 lines (115.00 \
             in purchases), USD on 2 lines (7.00 in purchases). Money figures add them up as \
             one currency; load one currency at a time for figures that compare."
        );
    }

    #[test]
    fn signs_of_several_currencies_are_mixed() {
        let (report, notes) = currency(
            "customer,date,price,qty\na,2024-01-02,€10,2\nb,2024-01-03,£4,1\nc,2024-01-04,€1,1\n",
        );
        assert_eq!(report.code.as_deref(), Some("EUR"));
        assert_eq!(report.symbol.as_deref(), Some("€"));
        assert_eq!(
            report.mixed,
            [("EUR".to_owned(), 2, 21.0), ("GBP".to_owned(), 1, 4.0)]
        );
        assert!(
            notes
                .iter()
                .any(|n| n.starts_with("The file mixes currencies (symbols"))
        );
    }
}
