//! Dates and times as exports write them, and deciding a column's format from its
//! values: `2024-01-05`, `2024-01-05T14:30:00Z`, `05/01/2024` or `01/05/2024` (which of
//! day and month comes first is decided from the data), `5.1.2024 14:30`,
//! `1/5/2024 2:30 PM`, `2024年1月5日`, Excel serial numbers and Unix timestamps.
//!
//! Times are kept as written: a zone suffix (`Z`, `+08:00`) is accepted and ignored, as
//! order dates are read in the shop's own time.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

/// How a column writes its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateFormat {
    /// Year first: `2024-01-05`, `2024/1/5`, `2024.01.05`.
    YearMonthDay,
    /// `05/01/2024`: day, month, year.
    DayMonthYear,
    /// `01/05/2024`: month, day, year.
    MonthDayYear,
    /// `2024年1月5日`.
    Chinese,
    /// Days since 1899-12-30, as Excel stores dates.
    ExcelSerial,
    /// Seconds since 1970-01-01.
    UnixSeconds,
    /// Milliseconds since 1970-01-01.
    UnixMillis,
    /// The month by its English name, before or after the day: `5 Jan 2024`,
    /// `05-Jan-24` (Excel's `d-mmm-yy`), `Jan 5, 2024`, `January 5 2024 2:30 PM`.
    MonthName,
}

/// A column's date format, and whether the order of day and month was a guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateReading {
    /// The format.
    pub format: DateFormat,
    /// True when every value had day and month of 12 or less, so either order reads;
    /// day first was assumed.
    pub order_assumed: bool,
}

/// The parts of a written date, before the order of its numbers is known.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    /// Year first.
    YearFirst {
        year: i32,
        month: u32,
        day: u32,
        time: NaiveTime,
    },
    /// Year last: `a/b/year`.
    YearLast {
        a: u32,
        b: u32,
        year: i32,
        time: NaiveTime,
    },
    /// `2024年1月5日`.
    Chinese {
        year: i32,
        month: u32,
        day: u32,
        time: NaiveTime,
    },
    /// The month by its name.
    Named {
        year: i32,
        month: u32,
        day: u32,
        time: NaiveTime,
    },
    /// A plain number.
    Number(f64),
}

/// The month an English month name or its abbreviation (three letters or more, `Sept`
/// too) names.
fn month_named(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    if word.len() < 3 || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    (1u32..)
        .zip(MONTHS)
        .find(|(_, name)| name.starts_with(&word))
        .map(|(month, _)| month)
}

/// `5 Jan 2024`, `05-Jan-24`, `Jan 5, 2024`, `January 5 2024 14:30`: a day, a month
/// name and a year (the month first or second), then an optional time.
fn named_shape(text: &str) -> Option<Shape> {
    let mut words = text
        .split([' ', '-', '/', ','])
        .filter(|word| !word.is_empty());
    let (first, second, third) = (words.next()?, words.next()?, words.next()?);
    // A day may end in a dot, as in German (`5. Jan. 2024`).
    let day = |word: &str| number(word.trim_end_matches('.'));
    let (month, day) = match (month_named(first), month_named(second)) {
        (Some(month), None) => (month, day(second)?),
        (None, Some(month)) => (month, day(first)?),
        _ => return None,
    };
    let rest: Vec<&str> = words.collect();
    Some(Shape::Named {
        year: year(third)?,
        month,
        day,
        time: time(&rest.join(" "))?,
    })
}

fn number(text: &str) -> Option<u32> {
    (!text.is_empty() && text.len() <= 4 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

fn year(text: &str) -> Option<i32> {
    let value = number(text)? as i32;
    match text.len() {
        4 => Some(value),
        // Two-digit years: 00-69 are 2000-2069, 70-99 are 1970-1999.
        2 => Some(if value < 70 {
            2000 + value
        } else {
            1900 + value
        }),
        _ => None,
    }
}

/// Reads `14:30`, `14:30:05`, `14:30:05.123`, `2:30 PM`, with an optional zone suffix.
fn time(text: &str) -> Option<NaiveTime> {
    let mut text = text.trim();
    if text.is_empty() {
        return Some(NaiveTime::MIN);
    }
    let mut meridiem = None;
    for (suffix, pm) in [("AM", false), ("PM", true), ("am", false), ("pm", true)] {
        if let Some(rest) = text.strip_suffix(suffix) {
            meridiem = Some(pm);
            text = rest.trim_end();
        }
    }
    let text = text.trim_end_matches('Z');
    let text = ["UTC", "GMT"]
        .iter()
        .fold(text, |t, zone| t.strip_suffix(zone).unwrap_or(t));
    let text = text.trim_end();
    // A zone offset such as +08:00 or -0500 after the seconds (Shopify writes
    // `10:00:00 -0500`).
    let text = match text.rfind(['+', '-']) {
        Some(i) if i >= 5 => text[..i].trim_end(),
        _ => text,
    };
    let mut parts = text.split(':');
    let hour = number(parts.next()?)?;
    let minute = number(parts.next()?)?;
    let (second, nanos) = match parts.next() {
        Some(seconds) => {
            let (whole, fraction) = seconds.split_once('.').unwrap_or((seconds, ""));
            let nanos = if fraction.is_empty() {
                0
            } else if fraction.len() <= 9 && fraction.bytes().all(|b| b.is_ascii_digit()) {
                fraction.parse::<u32>().ok()? * 10u32.pow(9 - fraction.len() as u32)
            } else {
                return None;
            };
            (number(whole)?, nanos)
        }
        None => (0, 0),
    };
    if parts.next().is_some() {
        return None;
    }
    let hour = match meridiem {
        Some(pm) if (1..=12).contains(&hour) => hour % 12 + if pm { 12 } else { 0 },
        Some(_) => return None,
        None => hour,
    };
    NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)
}

/// Digits at `bytes[range]` as a number, if they are all digits.
fn digits(bytes: &[u8], range: std::ops::Range<usize>) -> Option<u32> {
    bytes.get(range)?.iter().try_fold(0u32, |value, &b| {
        b.is_ascii_digit().then(|| value * 10 + u32::from(b - b'0'))
    })
}

/// The most common layout, `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` or `YYYY-MM-DD HH:MM:SS`
/// (or with `T`, `/`, `.`), read byte by byte; anything else is left to [`shape`].
fn iso_shape(bytes: &[u8]) -> Option<Shape> {
    let separator = *bytes.get(4)?;
    if !matches!(separator, b'-' | b'/' | b'.') || bytes.get(7) != Some(&separator) {
        return None;
    }
    let year = digits(bytes, 0..4)? as i32;
    let (month, day) = (digits(bytes, 5..7)?, digits(bytes, 8..10)?);
    let time = match bytes.len() {
        10 => NaiveTime::MIN,
        16 | 19 if matches!(bytes[10], b' ' | b'T') && bytes[13] == b':' => {
            let second = if bytes.len() == 19 {
                (bytes[16] == b':').then(|| digits(bytes, 17..19))??
            } else {
                0
            };
            NaiveTime::from_hms_opt(digits(bytes, 11..13)?, digits(bytes, 14..16)?, second)?
        }
        _ => return None,
    };
    Some(Shape::YearFirst {
        year,
        month,
        day,
        time,
    })
}

fn shape(text: &str) -> Option<Shape> {
    let text = text.trim();
    if let Some(shape) = iso_shape(text.as_bytes()) {
        return Some(shape);
    }
    if let Some((year_part, rest)) = text.split_once('年') {
        let (month, rest) = rest.split_once('月')?;
        let (day, rest) = rest.split_once('日').unwrap_or((rest, ""));
        return Some(Shape::Chinese {
            year: year(year_part.trim()).filter(|_| year_part.trim().len() == 4)?,
            month: number(month.trim())?,
            day: number(day.trim())?,
            time: time(rest)?,
        });
    }
    if text.bytes().any(|b| b.is_ascii_alphabetic())
        && let Some(shape) = named_shape(text)
    {
        return Some(shape);
    }
    let (date, rest) = match text.find(['T', ' ']) {
        Some(i) => (&text[..i], &text[i + 1..]),
        None => (text, ""),
    };
    // A plain number (Excel serial, Unix time), without a time part. `45296.75` is one;
    // `2024.01.05` is not, having two separators.
    if let Ok(value) = date.parse::<f64>() {
        return (rest.is_empty() && value.is_finite()).then_some(Shape::Number(value));
    }
    let separator = date.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let parts: Vec<&str> = date.split(separator).collect();
    let [first, second, third] = parts[..] else {
        return None;
    };
    let time = time(rest)?;
    if first.len() == 4 {
        Some(Shape::YearFirst {
            year: year(first)?,
            month: number(second)?,
            day: number(third)?,
            time,
        })
    } else if first.len() <= 2 && second.len() <= 2 {
        Some(Shape::YearLast {
            a: number(first)?,
            b: number(second)?,
            year: year(third)?,
            time,
        })
    } else {
        None
    }
}

fn ymd(year: i32, month: u32, day: u32, time: NaiveTime) -> Option<NaiveDateTime> {
    Some(NaiveDate::from_ymd_opt(year, month, day)?.and_time(time))
}

fn epoch() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .unwrap_or_default()
        .and_time(NaiveTime::MIN)
}

/// Reads one value in `format`. `None` if it is not a valid date in that format.
pub fn parse_date(text: &str, format: DateFormat) -> Option<NaiveDateTime> {
    match (format, shape(text)?) {
        (
            DateFormat::YearMonthDay,
            Shape::YearFirst {
                year,
                month,
                day,
                time,
            },
        )
        | (
            DateFormat::Chinese,
            Shape::Chinese {
                year,
                month,
                day,
                time,
            },
        )
        | (
            DateFormat::MonthName,
            Shape::Named {
                year,
                month,
                day,
                time,
            },
        )
        | (
            DateFormat::DayMonthYear,
            Shape::YearLast {
                a: day,
                b: month,
                year,
                time,
            },
        )
        | (
            DateFormat::MonthDayYear,
            Shape::YearLast {
                a: month,
                b: day,
                year,
                time,
            },
        ) => ymd(year, month, day, time),
        (DateFormat::ExcelSerial, Shape::Number(days)) if (1.0..2_958_466.0).contains(&days) => {
            let base = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_time(NaiveTime::MIN);
            base.checked_add_signed(Duration::milliseconds((days * 86_400_000.0).round() as i64))
        }
        (DateFormat::UnixSeconds, Shape::Number(seconds)) if seconds.fract() == 0.0 => {
            epoch().checked_add_signed(Duration::try_seconds(seconds as i64)?)
        }
        (DateFormat::UnixMillis, Shape::Number(millis)) if millis.fract() == 0.0 => {
            epoch().checked_add_signed(Duration::try_milliseconds(millis as i64)?)
        }
        _ => None,
    }
}

/// Decides a column's date format from its values (distinct values with their counts).
/// Plain numbers count as dates only if `named_as_date` (the column's name says so) and
/// they fit one range: Excel serials of 1954-2119, or Unix times of 2001-2286.
///
/// Returns `None` unless at least `min_share` of the counted values read as dates.
pub fn decide_format<'a>(
    values: impl IntoIterator<Item = (&'a str, u64)>,
    named_as_date: bool,
    min_share: f64,
) -> Option<DateReading> {
    // One pass: how many values have each shape, and how many of them are valid dates
    // under each format that shape allows.
    let mut total = 0u64;
    let mut seen = [0u64; 5]; // year first, Chinese, year last, numbers, month names
    let mut valid = [0u64; 8]; // by DateFormat, in declaration order
    // Values that read only day first, or only month first.
    let (mut day_first_only, mut month_first_only) = (0u64, 0u64);
    for (text, count) in values {
        total += count;
        match shape(text) {
            Some(Shape::YearFirst {
                year,
                month,
                day,
                time,
            }) => {
                seen[0] += count;
                valid[0] += count * u64::from(ymd(year, month, day, time).is_some());
            }
            Some(Shape::Chinese {
                year,
                month,
                day,
                time,
            }) => {
                seen[1] += count;
                valid[3] += count * u64::from(ymd(year, month, day, time).is_some());
            }
            Some(Shape::YearLast { a, b, year, time }) => {
                seen[2] += count;
                day_first_only += count * u64::from(a > 12 && b <= 12);
                month_first_only += count * u64::from(b > 12 && a <= 12);
                valid[1] += count * u64::from(ymd(year, b, a, time).is_some());
                valid[2] += count * u64::from(ymd(year, a, b, time).is_some());
            }
            Some(Shape::Named {
                year,
                month,
                day,
                time,
            }) => {
                seen[4] += count;
                valid[7] += count * u64::from(ymd(year, month, day, time).is_some());
            }
            Some(Shape::Number(value)) => {
                seen[3] += count;
                for (slot, range) in [(4, 20_000.0..80_000.0), (5, 1e9..1e10), (6, 1e12..1e13)] {
                    valid[slot] += count * u64::from(range.contains(&value));
                }
            }
            None => {}
        }
    }
    if total == 0 {
        return None;
    }
    let most = seen.iter().copied().max().unwrap_or(0);
    let mut order_assumed = false;
    let (format, slot) = if most == seen[0] {
        (DateFormat::YearMonthDay, 0)
    } else if most == seen[1] {
        (DateFormat::Chinese, 3)
    } else if most == seen[4] {
        (DateFormat::MonthName, 7)
    } else if most == seen[2] {
        // A few values in the other order (typing mistakes, a merged file) do not
        // decide; they are rejected row by row. Evenly mixed orders cannot be read.
        let (day, month) = (day_first_only, month_first_only);
        if day == 0 && month == 0 {
            order_assumed = true;
            (DateFormat::DayMonthYear, 1)
        } else if month * 20 <= day {
            (DateFormat::DayMonthYear, 1)
        } else if day * 20 <= month {
            (DateFormat::MonthDayYear, 2)
        } else {
            return None;
        }
    } else if named_as_date {
        // Plain numbers are dates only if nearly all fall in one format's range.
        [
            (DateFormat::ExcelSerial, 4),
            (DateFormat::UnixSeconds, 5),
            (DateFormat::UnixMillis, 6),
        ]
        .into_iter()
        .find(|&(_, slot)| valid[slot] * 10 >= seen[3] * 9)?
    } else {
        return None;
    };
    (valid[slot] as f64 >= min_share * total as f64).then_some(DateReading {
        format,
        order_assumed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use DateFormat::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> Option<NaiveDateTime> {
        NaiveDate::from_ymd_opt(y, m, d)?.and_hms_opt(h, min, s)
    }

    #[test]
    fn reads_each_format() {
        for (text, format, expected) in [
            ("2024-01-05", YearMonthDay, at(2024, 1, 5, 0, 0, 0)),
            ("2024/1/5", YearMonthDay, at(2024, 1, 5, 0, 0, 0)),
            ("2024.01.05", YearMonthDay, at(2024, 1, 5, 0, 0, 0)),
            ("2024-01-05 14:30", YearMonthDay, at(2024, 1, 5, 14, 30, 0)),
            (
                "2024-01-05T14:30:05Z",
                YearMonthDay,
                at(2024, 1, 5, 14, 30, 5),
            ),
            (
                "2024-01-05T14:30:05+08:00",
                YearMonthDay,
                at(2024, 1, 5, 14, 30, 5),
            ),
            (
                "2024-01-05 14:30:05.250",
                YearMonthDay,
                NaiveDate::from_ymd_opt(2024, 1, 5)
                    .and_then(|d| d.and_hms_milli_opt(14, 30, 5, 250)),
            ),
            ("05/01/2024", DayMonthYear, at(2024, 1, 5, 0, 0, 0)),
            ("5.1.2024 14:30", DayMonthYear, at(2024, 1, 5, 14, 30, 0)),
            ("05-01-24", DayMonthYear, at(2024, 1, 5, 0, 0, 0)),
            ("01/05/2024", MonthDayYear, at(2024, 1, 5, 0, 0, 0)),
            ("1/5/2024 2:30 PM", MonthDayYear, at(2024, 1, 5, 14, 30, 0)),
            ("12/1/2010 8:26", MonthDayYear, at(2010, 12, 1, 8, 26, 0)),
            ("1/5/2024 12:15 AM", MonthDayYear, at(2024, 1, 5, 0, 15, 0)),
            ("2024年1月5日", Chinese, at(2024, 1, 5, 0, 0, 0)),
            ("2024年01月05日 14:30", Chinese, at(2024, 1, 5, 14, 30, 0)),
            ("45296", ExcelSerial, at(2024, 1, 5, 0, 0, 0)),
            ("45296.75", ExcelSerial, at(2024, 1, 5, 18, 0, 0)),
            ("1704412800", UnixSeconds, at(2024, 1, 5, 0, 0, 0)),
            ("1704412800000", UnixMillis, at(2024, 1, 5, 0, 0, 0)),
            // Invalid dates are not dates.
            ("2024-02-30", YearMonthDay, None),
            ("31/02/2024", DayMonthYear, None),
            ("2024-13-01", YearMonthDay, None),
            ("2024-01-05 25:00", YearMonthDay, None),
            ("1/5/2024 13:00 PM", MonthDayYear, None),
            ("2024年13月5日", Chinese, None),
            ("05/01/2024", YearMonthDay, None),
            ("yesterday", YearMonthDay, None),
            ("", YearMonthDay, None),
        ] {
            assert_eq!(parse_date(text, format), expected, "{text:?} as {format:?}");
        }
    }

    fn decide(values: &[&str], named: bool) -> Option<DateReading> {
        decide_format(values.iter().map(|v| (*v, 1)), named, 0.9)
    }

    fn reading(format: DateFormat, order_assumed: bool) -> Option<DateReading> {
        Some(DateReading {
            format,
            order_assumed,
        })
    }

    #[test]
    fn decides_day_or_month_first_from_the_data() {
        assert_eq!(
            decide(&["05/01/2024", "25/01/2024"], false),
            reading(DayMonthYear, false)
        );
        assert_eq!(
            decide(&["01/05/2024", "01/25/2024"], false),
            reading(MonthDayYear, false)
        );
        assert_eq!(
            decide(&["05/01/2024", "06/02/2024"], false),
            reading(DayMonthYear, true)
        );
        assert_eq!(
            decide(&["25/01/2024", "01/25/2024"], false),
            None,
            "both orders at once"
        );
    }

    #[test]
    fn reads_month_names_before_or_after_the_day() {
        for text in [
            "5 Jan 2024",
            "05-Jan-2024",
            "05-jan-24",
            "Jan 5, 2024",
            "January 5 2024",
            "5. Jan. 2024",
        ] {
            assert_eq!(
                parse_date(text, MonthName),
                at(2024, 1, 5, 0, 0, 0),
                "{text:?}"
            );
        }
        assert_eq!(
            parse_date("Sept 30, 2024 2:30 PM", MonthName),
            at(2024, 9, 30, 14, 30, 0)
        );
        assert_eq!(
            parse_date("05-Mar-2024 14:30:05", MonthName),
            at(2024, 3, 5, 14, 30, 5)
        );
        for text in [
            "31 Feb 2024",
            "Jan 2024",
            "Ja 5 2024",
            "Mon 5 2024",
            "5 Jan",
        ] {
            assert_eq!(parse_date(text, MonthName), None, "{text:?}");
        }
        assert_eq!(
            decide(&["05-Jan-2024", "17-Feb-2024", "3-Mar-24"], false),
            reading(MonthName, false)
        );
        assert_eq!(decide(&["Coffee beans", "Green tea"], false), None);
    }

    #[test]
    fn decides_other_formats() {
        assert_eq!(
            decide(&["2024-01-05", "2024-01-06 10:00"], false),
            reading(YearMonthDay, false)
        );
        assert_eq!(
            decide(&["2024年1月5日", "2024年1月6日"], false),
            reading(Chinese, false)
        );
        assert_eq!(
            decide(&["45296", "45297"], true),
            reading(ExcelSerial, false)
        );
        assert_eq!(
            decide(&["45296", "45297"], false),
            None,
            "numbers need a date-like name"
        );
        assert_eq!(
            decide(&["1704412800", "1704499200"], true),
            reading(UnixSeconds, false)
        );
        assert_eq!(decide(&["1704412800000"], true), reading(UnixMillis, false));
        assert_eq!(
            decide(&["3", "7", "12"], true),
            None,
            "small numbers are not dates"
        );
        assert_eq!(decide(&["coffee", "tea"], false), None);
        // A few bad values do not hide a date column; many do.
        let mostly: Vec<&str> = std::iter::repeat_n("2024-01-05", 19)
            .chain(["n/a"])
            .collect();
        assert_eq!(decide(&mostly, false), reading(YearMonthDay, false));
        assert_eq!(decide(&["2024-01-05", "n/a", "?"], false), None);
    }

    #[test]
    fn a_few_dates_in_the_other_order_do_not_sink_the_column() {
        let mut us: Vec<&str> = std::iter::repeat_n("12/25/2024", 40).collect();
        us.push("25/12/2024");
        assert_eq!(decide(&us, false), reading(MonthDayYear, false));
        assert_eq!(
            parse_date("25/12/2024", MonthDayYear),
            None,
            "the slip is rejected"
        );
    }

    #[test]
    fn zone_suffixes_are_read() {
        for text in [
            "2024-01-05 10:00:00 -0500",
            "2024-01-05 10:00:00 UTC",
            "2024-01-05 10:00:00 GMT",
        ] {
            assert_eq!(
                parse_date(text, YearMonthDay),
                at(2024, 1, 5, 10, 0, 0),
                "{text}"
            );
        }
    }
}
