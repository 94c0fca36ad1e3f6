//! Numbers as exports write them: `1,234.56`, `1.234,56`, `1 234,56`, `$12.50`,
//! `￥128`, `12,50 €`, `(5.00)`, `-3`, `128元`.

use serde::{Deserialize, Serialize};

/// Which character separates the decimals; the other one may group thousands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NumberStyle {
    /// `1,234.56`
    DecimalPoint,
    /// `1.234,56`
    DecimalComma,
}

const CURRENCY_SIGNS: &[char] = &[
    '$', '€', '£', '¥', '￥', '₹', '₩', '₽', '¢', '元', '円', '₺', '₫', '₱', '฿', '₪', '₴',
];
/// Dollars (and reais) written with their country, which the signs alone would leave
/// half-stripped.
const COUNTRY_DOLLARS: &[(&str, &str)] = &[
    ("US$", "USD"),
    ("HK$", "HKD"),
    ("NZ$", "NZD"),
    ("AU$", "AUD"),
    ("CA$", "CAD"),
    ("NT$", "TWD"),
    ("MX$", "MXN"),
    ("R$", "BRL"),
    ("A$", "AUD"),
    ("C$", "CAD"),
    ("S$", "SGD"),
];
const CURRENCY_CODES: &[&str] = &[
    "USD", "EUR", "GBP", "CNY", "RMB", "JPY", "HKD", "AUD", "CAD", "CHF", "INR", "KRW", "SGD",
    "NZD", "TWD", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "BRL", "MXN", "ZAR", "RUB", "TRY",
    "THB", "MYR", "IDR", "VND", "AED", "SAR", "ILS",
];
/// What each currency sign says: an ISO 4217 code, or the sign itself where several
/// currencies write it (`$`: US, Canadian, Australian dollars...; `¥`: yuan or yen).
const SIGN_MEANINGS: &[(&str, &str)] = &[
    ("€", "EUR"),
    ("£", "GBP"),
    ("元", "CNY"),
    ("円", "JPY"),
    ("₹", "INR"),
    ("₩", "KRW"),
    ("₽", "RUB"),
    ("₺", "TRY"),
    ("₫", "VND"),
    ("₱", "PHP"),
    ("฿", "THB"),
    ("₪", "ILS"),
    ("₴", "UAH"),
    ("￥", "¥"),
    ("¥", "¥"),
    ("$", "$"),
];

/// The currency written with an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CurrencyMark {
    /// An ISO 4217 code (`EUR` for `12,50 €` or `EUR 12.50`, `CNY` for `RMB 88` or
    /// `128元`), or the sign where the sign alone does not say (`$`, `¥`).
    pub meaning: &'static str,
    /// The sign as written (`€`, `US$`, `￥`), or `None` for a code in letters.
    pub sign: Option<&'static str>,
}

/// The currency written with an amount, if any. Plain numbers return at once.
pub fn currency_mark(text: &str) -> Option<CurrencyMark> {
    let text = text.trim();
    if text
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'-' | b'+' | b' ' | b'(' | b')'))
    {
        return None;
    }
    let mut signs = COUNTRY_DOLLARS.iter().chain(SIGN_MEANINGS);
    if let Some((sign, meaning)) = signs.find(|(sign, _)| text.contains(sign)) {
        return Some(CurrencyMark {
            meaning,
            sign: Some(sign),
        });
    }
    let bare =
        text.trim_matches(|c: char| matches!(c, '-' | '+' | '(' | ')' | '−') || c.is_whitespace());
    let head = bare.len()
        - bare
            .trim_start_matches(|c: char| c.is_ascii_alphabetic())
            .len();
    let tail = bare.len()
        - bare
            .trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .len();
    [&bare[..head], &bare[bare.len() - tail..]]
        .into_iter()
        .filter(|letters| letters.len() == 3)
        .find_map(|letters| {
            let code = CURRENCY_CODES
                .iter()
                .find(|code| code.eq_ignore_ascii_case(letters))?;
            Some(CurrencyMark {
                meaning: if *code == "RMB" { "CNY" } else { code },
                sign: None,
            })
        })
}

/// Characters that group thousands in either style.
const GROUP_SPACES: &[char] = &[' ', '\u{a0}', '\u{202f}', '\''];

/// Strips currency and sign; returns the bare number text and whether it is negative.
fn strip(text: &str) -> Option<(&str, bool)> {
    let mut s = text.trim();
    let mut negative = false;
    if let Some(inner) = s.strip_prefix('(').and_then(|rest| rest.strip_suffix(')')) {
        negative = true;
        s = inner.trim();
    }
    for _ in 0..2 {
        if s.contains('$') {
            for (dollar, _) in COUNTRY_DOLLARS {
                s = s.trim_start_matches(dollar).trim_end_matches(dollar).trim();
            }
        }
        s = s.trim_matches(CURRENCY_SIGNS).trim();
        let has_letters = s.bytes().any(|b| b.is_ascii_alphabetic());
        for code in CURRENCY_CODES.iter().filter(|_| has_letters) {
            let n = code.len();
            if s.len() <= n {
                continue;
            }
            if s.get(..n)
                .is_some_and(|head| head.eq_ignore_ascii_case(code))
            {
                s = s[n..].trim();
            } else if s
                .get(s.len() - n..)
                .is_some_and(|tail| tail.eq_ignore_ascii_case(code))
            {
                s = s[..s.len() - n].trim();
            }
        }
        if let Some(rest) = s.strip_prefix(['-', '−']) {
            negative = !negative;
            s = rest.trim();
        } else if let Some(rest) = s.strip_suffix('-') {
            negative = !negative;
            s = rest.trim();
        } else if let Some(rest) = s.strip_prefix('+') {
            s = rest.trim();
        }
    }
    (!s.is_empty()).then_some((s, negative))
}

/// Parses a number written in `style`. `None` if it is not one.
pub fn parse_number(text: &str, style: NumberStyle) -> Option<f64> {
    // Fast path for the common case: digits with at most one inner decimal point.
    let bytes = text.as_bytes();
    if style == NumberStyle::DecimalPoint
        && bytes.first().is_some_and(u8::is_ascii_digit)
        && bytes.last().is_some_and(u8::is_ascii_digit)
        && bytes.iter().all(|b| b.is_ascii_digit() || *b == b'.')
        && bytes.iter().filter(|b| **b == b'.').count() <= 1
    {
        return text.parse().ok().filter(|v: &f64| v.is_finite());
    }
    let (body, negative) = strip(text)?;
    let (group, decimal) = match style {
        NumberStyle::DecimalPoint => (',', '.'),
        NumberStyle::DecimalComma => ('.', ','),
    };
    let (integer, fraction) = match body.rsplit_once(decimal) {
        Some((integer, fraction)) => (integer, Some(fraction)),
        None => (body, None),
    };
    let mut digits = String::with_capacity(body.len());
    // Thousands groups, if any, must be three digits each after the first.
    let groups: Vec<&str> = integer
        .split(|c| c == group || GROUP_SPACES.contains(&c))
        .collect();
    for (i, part) in groups.iter().enumerate() {
        let valid_len = match i {
            0 => !part.is_empty() && (groups.len() == 1 || part.len() <= 3),
            _ => part.len() == 3,
        };
        if !valid_len || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.push_str(part);
    }
    if let Some(fraction) = fraction {
        if fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.push('.');
        digits.push_str(fraction);
    }
    let value: f64 = digits.parse().ok().filter(|v: &f64| v.is_finite())?;
    Some(if negative { -value } else { value })
}

/// Decides a column's style from its values: evidence of a decimal comma (`3,50`,
/// `1.234,5`) against evidence of a decimal point (`3.5`, `1,234.5`). Values such as
/// `1,234` read either way and do not count.
pub fn decide_style<'a>(
    values: impl IntoIterator<Item = &'a str>,
    otherwise: NumberStyle,
) -> NumberStyle {
    let (mut comma, mut point) = (0usize, 0usize);
    for value in values {
        let Some((body, _)) = strip(value) else {
            continue;
        };
        let commas = body.matches(',').count();
        let points = body.matches('.').count();
        let digits_after =
            |separator: char| body.len() - body.rfind(separator).map_or(0, |i| i + 1);
        match (commas, points) {
            (0, 0) => {}
            // Both: the last one is the decimal separator.
            (_, _) if commas > 0 && points > 0 => {
                if body.rfind(',') > body.rfind('.') {
                    comma += 1
                } else {
                    point += 1
                }
            }
            // Several of one kind group thousands.
            (c, 0) if c > 1 => point += 1,
            (0, p) if p > 1 => comma += 1,
            // One separator: a decimal unless followed by exactly three digits.
            (1, 0) if digits_after(',') != 3 => comma += 1,
            (0, 1) if digits_after('.') != 3 => point += 1,
            _ => {}
        }
    }
    match comma.cmp(&point) {
        std::cmp::Ordering::Greater => NumberStyle::DecimalComma,
        std::cmp::Ordering::Less => NumberStyle::DecimalPoint,
        std::cmp::Ordering::Equal => otherwise,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use NumberStyle::{DecimalComma as Comma, DecimalPoint as Point};

    #[test]
    fn parses_what_exports_write() {
        for (text, style, expected) in [
            ("0", Point, Some(0.0)),
            ("42", Point, Some(42.0)),
            ("-3", Point, Some(-3.0)),
            ("+3", Point, Some(3.0)),
            ("−3.5", Point, Some(-3.5)),
            ("1,234.56", Point, Some(1234.56)),
            ("1,234,567", Point, Some(1234567.0)),
            ("1.234,56", Comma, Some(1234.56)),
            ("1 234,56", Comma, Some(1234.56)),
            ("1\u{a0}234,56", Comma, Some(1234.56)),
            ("1'234.50", Point, Some(1234.5)),
            ("$12.50", Point, Some(12.5)),
            ("-$12.50", Point, Some(-12.5)),
            ("$-12.50", Point, Some(-12.5)),
            ("(5.00)", Point, Some(-5.0)),
            ("5.00-", Point, Some(-5.0)),
            ("12,50 €", Comma, Some(12.5)),
            ("€ 12,50", Comma, Some(12.5)),
            ("￥128", Point, Some(128.0)),
            ("¥1,280.00", Point, Some(1280.0)),
            ("128元", Point, Some(128.0)),
            ("USD 7.25", Point, Some(7.25)),
            ("7.25 usd", Point, Some(7.25)),
            ("CNY88.5", Point, Some(88.5)),
            ("R$ 12,50", Comma, Some(12.5)),
            ("US$7.25", Point, Some(7.25)),
            ("-HK$ 3", Point, Some(-3.0)),
            ("1.280円", Comma, Some(1280.0)),
            ("SEK 99", Point, Some(99.0)),
            (".5", Point, None),
            ("3.", Point, None),
            ("1,5", Point, None),
            ("1,23,456", Point, None),
            ("12a", Point, None),
            ("abc", Point, None),
            ("", Point, None),
            ("-", Point, None),
            ("$", Point, None),
            ("inf", Point, None),
            ("NaN", Point, None),
            ("1e5", Point, None),
            // Multi-byte text around where a currency code would be.
            ("#È»d", Point, None),
            ("ÈÈUSD", Point, None),
        ] {
            assert_eq!(parse_number(text, style), expected, "{text:?} in {style:?}");
        }
    }

    #[test]
    fn marks_say_the_currency_or_the_ambiguous_sign() {
        let sign = |meaning, sign| {
            Some(CurrencyMark {
                meaning,
                sign: Some(sign),
            })
        };
        let code = |meaning| {
            Some(CurrencyMark {
                meaning,
                sign: None,
            })
        };
        for (text, expected) in [
            ("12.50", None),
            ("-1,234.50", None),
            ("(5.00)", None),
            ("12,50 €", sign("EUR", "€")),
            ("€12", sign("EUR", "€")),
            ("£3", sign("GBP", "£")),
            ("128元", sign("CNY", "元")),
            ("₹ 450", sign("INR", "₹")),
            ("$12.50", sign("$", "$")),
            ("-$12.50", sign("$", "$")),
            ("¥1,280", sign("¥", "¥")),
            ("￥128", sign("¥", "￥")),
            ("US$7.25", sign("USD", "US$")),
            ("R$ 12,50", sign("BRL", "R$")),
            ("CA$5", sign("CAD", "CA$")),
            ("EUR 12.50", code("EUR")),
            ("12,50 eur", code("EUR")),
            ("CNY88.5", code("CNY")),
            ("RMB 88", code("CNY")),
            ("-USD 5", code("USD")),
            ("12 apples", None),
            ("ABC 12", None),
            ("12a", None),
        ] {
            assert_eq!(currency_mark(text), expected, "{text:?}");
        }
    }

    #[test]
    fn decides_the_style_from_evidence() {
        assert_eq!(decide_style(["3,50", "12,00", "1.234,56"], Point), Comma);
        assert_eq!(decide_style(["3.50", "12", "1,234.56"], Point), Point);
        assert_eq!(
            decide_style(["1,234", "2,000"], Point),
            Point,
            "no evidence: decimal point"
        );
        assert_eq!(decide_style(["1.234", "2.000", "0,5"], Point), Comma);
        assert_eq!(decide_style(["12,50 €", "3 €"], Point), Comma);
        assert_eq!(decide_style(Vec::<&str>::new(), Point), Point);
    }

    #[test]
    fn without_evidence_the_file_decides() {
        // In a semicolon file, 1.234 is more likely a thousand than one and a bit.
        assert_eq!(decide_style(["1.234", "500", "2.500"], Comma), Comma);
        assert_eq!(decide_style(["1.234", "500", "2.500"], Point), Point);
    }

    #[test]
    fn overflowing_numbers_are_not_numbers() {
        let huge = format!("1{}", "0".repeat(400));
        assert_eq!(parse_number(&huge, Point), None);
        assert_eq!(
            parse_number(&format!("$1,{}", "000,".repeat(140) + "000"), Point),
            None
        );
    }
}
