//! Deciding what a column holds from its distinct values, each parsed once whatever
//! the number of rows.

use super::date::{DateReading, decide_format, parse_date};
use super::number::{NumberStyle, decide_style, parse_number};
use super::table::TextColumn;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// The share of a column's values that must read as a type for the column to have it.
pub const MIN_SHARE: f64 = 0.95;
/// The same for dates in a column whose name says it holds dates: there, a few bad
/// values should cost their rows, not the whole column.
pub const MIN_SHARE_NAMED_DATE: f64 = 0.5;
/// How many distinct values a first decision looks at.
const SAMPLE: usize = 1000;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ColumnType {
    /// Text, including identifiers.
    Text,
    /// Numbers written in one style.
    Number {
        /// Decimal point or comma.
        style: NumberStyle,
    },
    /// Dates in one format.
    Date {
        /// The format.
        reading: DateReading,
    },
}

impl ColumnType {
    /// Reads a value as a number, if this is a number column.
    pub fn number(&self, text: &str) -> Option<f64> {
        match self {
            ColumnType::Number { style } => parse_number(text, *style),
            _ => None,
        }
    }

    /// Reads a value as a date, if this is a date column.
    pub fn date(&self, text: &str) -> Option<NaiveDateTime> {
        match self {
            ColumnType::Date { reading } => parse_date(text, reading.format),
            _ => None,
        }
    }
}

/// Decides a column's type. `otherwise` is the number style to assume when the values
/// show neither (decimal comma in semicolon files). `named_as_date` lets plain numbers count as Excel serials
/// or Unix times, and lowers the share of dates needed (see [`MIN_SHARE_NAMED_DATE`]).
pub fn infer_type(column: &TextColumn, named_as_date: bool, otherwise: NumberStyle) -> ColumnType {
    if column.distinct().next().is_none() {
        return ColumnType::Text;
    }
    // Decide on the first distinct values, then confirm on all: a column of order ids
    // with 250,000 distinct values is known to be text after a thousand of them.
    let sample = column.distinct().take(SAMPLE);
    let date_share = if named_as_date {
        MIN_SHARE_NAMED_DATE
    } else {
        MIN_SHARE
    };
    if decide_format(sample.clone(), named_as_date, date_share).is_some()
        && let Some(reading) = decide_format(column.distinct(), named_as_date, date_share)
    {
        return ColumnType::Date { reading };
    }
    let mostly_numbers = |style, values: &mut dyn Iterator<Item = (&str, u64)>| {
        let (read, all) = values.fold((0u64, 0u64), |(read, all), (text, count)| {
            let parsed = parse_number(text, style).is_some();
            (read + if parsed { count } else { 0 }, all + count)
        });
        read as f64 >= MIN_SHARE * all as f64
    };
    let sample_style = decide_style(sample.clone().map(|(text, _)| text), otherwise);
    if !mostly_numbers(sample_style, &mut sample.clone()) {
        return ColumnType::Text;
    }
    let style = decide_style(column.distinct().map(|(text, _)| text), otherwise);
    if mostly_numbers(style, &mut column.distinct()) {
        ColumnType::Number { style }
    } else {
        ColumnType::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::date::DateFormat;

    #[test]
    fn infers_each_type() {
        assert_eq!(
            infer_type(
                &TextColumn::of(&["coffee", "tea"]),
                false,
                NumberStyle::DecimalPoint
            ),
            ColumnType::Text
        );
        assert_eq!(
            infer_type(&TextColumn::of(&["", ""]), false, NumberStyle::DecimalPoint),
            ColumnType::Text
        );
        assert_eq!(
            infer_type(
                &TextColumn::of(&["3,50", "12,00", ""]),
                false,
                NumberStyle::DecimalPoint
            ),
            ColumnType::Number {
                style: NumberStyle::DecimalComma
            }
        );
        assert_eq!(
            infer_type(
                &TextColumn::of(&["$1,200.00", "$3.5"]),
                false,
                NumberStyle::DecimalPoint
            ),
            ColumnType::Number {
                style: NumberStyle::DecimalPoint
            }
        );
        let date = |format, order_assumed| ColumnType::Date {
            reading: DateReading {
                format,
                order_assumed,
            },
        };
        assert_eq!(
            infer_type(
                &TextColumn::of(&["2024-01-05", "2024-02-01"]),
                false,
                NumberStyle::DecimalPoint
            ),
            date(DateFormat::YearMonthDay, false)
        );
        assert_eq!(
            infer_type(
                &TextColumn::of(&["45296", "45300"]),
                true,
                NumberStyle::DecimalPoint
            ),
            date(DateFormat::ExcelSerial, false)
        );
        assert_eq!(
            infer_type(
                &TextColumn::of(&["45296", "45300"]),
                false,
                NumberStyle::DecimalPoint
            ),
            ColumnType::Number {
                style: NumberStyle::DecimalPoint
            }
        );
    }

    #[test]
    fn a_few_bad_values_do_not_change_the_type() {
        let mut values = vec!["12.5"; 40];
        values.push("n/a");
        assert_eq!(
            infer_type(&TextColumn::of(&values), false, NumberStyle::DecimalPoint),
            ColumnType::Number {
                style: NumberStyle::DecimalPoint
            }
        );
        values.extend(["n/a"; 5]);
        assert_eq!(
            infer_type(&TextColumn::of(&values), false, NumberStyle::DecimalPoint),
            ColumnType::Text
        );
    }
}
