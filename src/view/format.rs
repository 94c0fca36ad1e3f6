//! Numbers, money and dates as people read them.

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

/// Money with two decimals and thousands separators: `1,234.50`; "–" for none (not a
/// number, as when a log has no money column).
pub fn money(value: f64) -> String {
    if !value.is_finite() {
        return "–".to_owned();
    }
    // Whole cents first, so 1.999 is 2.00, not 1.99.
    let cents = (value.abs() * 100.0).round() as u64;
    let sign = if value < 0.0 && cents > 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", count(cents / 100), cents % 100)
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
        assert_eq!(money(1234.5), "1,234.50");
        assert_eq!(money(1.999), "2.00");
        assert_eq!(money(-0.001), "0.00");
        assert_eq!(money(-12.345), "-12.35");
        assert_eq!(money(f64::NAN), "–");
    }

    #[test]
    fn days_are_calendar_dates() {
        assert_eq!(day(0), "1970-01-01");
        assert_eq!(day(19_722 * 86_400 + 3_600), "2023-12-31");
    }
}
