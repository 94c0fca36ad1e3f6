//! Numbers, money and dates as people read them.

use crate::ingest::reading::CurrencyReport;

/// A byte count with a binary unit: `1.5 MB`, `980 bytes`.
pub fn bytes(count: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if count < 1024 {
        return format!("{count} bytes");
    }
    let mut value = count as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// An integer with thousands separators: `1,234,567`.
pub fn count(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// The calendar day of a time in seconds since 1970-01-01: `2024-12-30`.
pub fn day(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds, 0)
        .map(|date| date.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// How money figures are written: the data's currency sign before the number
/// (`€1,234.50`), else its code after it (`1,234.50 CNY`), else the bare number (no
/// currency found, or several mixed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Currency {
    /// Written before the number.
    prefix: Option<String>,
    /// Written after the number, after a space.
    suffix: Option<String>,
}

impl Currency {
    /// The currency a load report found.
    pub fn of(report: &CurrencyReport) -> Self {
        if !report.mixed.is_empty() {
            return Self::default();
        }
        // Signs written after the number (`128元`) give way to the code.
        let prefix = match report.symbol.as_deref() {
            Some("元" | "円") | None => None,
            Some("￥") => Some("¥".to_owned()),
            Some(sign) => Some(sign.to_owned()),
        };
        let suffix = prefix.is_none().then(|| report.code.clone()).flatten();
        Self { prefix, suffix }
    }
}

/// Money with two decimals and thousands separators, in `currency`: `€1,234.50`,
/// `1,234.50 CNY`, `1,234.50`; "–" for none (not a number, as when a log has no money
/// column).
pub fn money(value: f64, currency: &Currency) -> String {
    if !value.is_finite() {
        return "–".to_owned();
    }
    // Whole cents first, so 1.999 is 2.00, not 1.99.
    let cents = (value.abs() * 100.0).round() as u64;
    let sign = if value < 0.0 && cents > 0 { "-" } else { "" };
    let prefix = currency.prefix.as_deref().unwrap_or_default();
    let suffix = currency
        .suffix
        .as_deref()
        .map(|code| format!(" {code}"))
        .unwrap_or_default();
    format!(
        "{sign}{prefix}{}.{:02}{suffix}",
        count(cents / 100),
        cents % 100
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_use_binary_units() {
        assert_eq!(bytes(0), "0 bytes");
        assert_eq!(bytes(1023), "1023 bytes");
        assert_eq!(bytes(1536), "1.5 KB");
        assert_eq!(bytes(50 * 1024 * 1024), "50.0 MB");
        assert_eq!(bytes(u64::MAX), "16777216.0 TB");
    }

    #[test]
    fn counts_get_thousands_separators() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(1234567), "1,234,567");
    }

    #[test]
    fn money_rounds_to_whole_cents_and_has_no_minus_zero() {
        let none = Currency::default();
        assert_eq!(money(1234.5, &none), "1,234.50");
        assert_eq!(money(1.999, &none), "2.00");
        assert_eq!(money(-0.001, &none), "0.00");
        assert_eq!(money(-12.345, &none), "-12.35");
        assert_eq!(money(f64::NAN, &none), "–");
    }

    #[test]
    fn money_is_written_in_the_datas_currency() {
        let of = |code: Option<&str>, symbol: Option<&str>| {
            Currency::of(&CurrencyReport {
                code: code.map(str::to_owned),
                symbol: symbol.map(str::to_owned),
                ..CurrencyReport::default()
            })
        };
        for (currency, value, expected) in [
            (of(Some("EUR"), Some("€")), 1234.5, "€1,234.50"),
            (of(Some("EUR"), Some("€")), -12.345, "-€12.35"),
            (of(Some("CNY"), None), 1234.5, "1,234.50 CNY"),
            (of(Some("CNY"), Some("¥")), 1234.5, "¥1,234.50"),
            (of(Some("CNY"), Some("￥")), 8.0, "¥8.00"),
            (of(Some("CNY"), Some("元")), 8.0, "8.00 CNY"),
            (of(None, Some("$")), 3.5, "$3.50"),
            (of(Some("BRL"), Some("R$")), 3.5, "R$3.50"),
            (of(None, None), 3.5, "3.50"),
            (of(Some("EUR"), Some("€")), f64::INFINITY, "–"),
        ] {
            assert_eq!(money(value, &currency), expected, "{currency:?}");
        }
        let mixed = CurrencyReport {
            code: Some("EUR".into()),
            symbol: Some("€".into()),
            mixed: vec![("EUR".into(), 2, 3.0), ("USD".into(), 1, 1.0)],
            ..CurrencyReport::default()
        };
        assert_eq!(money(3.5, &Currency::of(&mixed)), "3.50", "no one currency");
    }

    #[test]
    fn days_are_calendar_dates() {
        assert_eq!(day(0), "1970-01-01");
        assert_eq!(day(19_722 * 86_400 + 3_600), "2023-12-31");
    }
}
