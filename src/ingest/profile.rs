//! Per-column summaries for the quality report: type, missing and distinct values, and
//! a distribution (numbers: quartiles, outliers and a histogram; dates: first, last and
//! rows per month; text: the most frequent values). Computed from distinct values and
//! their counts, so the cost does not grow with the number of rows.

use super::infer::ColumnType;
use super::roles::Role;
use super::table::TextColumn;
use super::values::Values;
use chrono::Datelike;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How many bins a number histogram has.
pub const HISTOGRAM_BINS: usize = 20;
/// How many frequent values a text column lists.
pub const TOP_VALUES: usize = 10;

/// The summary of one column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnProfile {
    /// The column's name.
    pub name: String,
    /// Its role, if it has one.
    pub role: Option<Role>,
    /// What it holds.
    pub column_type: ColumnType,
    /// Empty cells.
    pub missing: u64,
    /// Cells whose value could not be read as the column's type.
    pub unreadable: u64,
    /// Distinct values.
    pub distinct: u64,
    /// The distribution.
    pub summary: Summary,
}

/// The distribution of a column's values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Summary {
    /// No readable value.
    Empty,
    /// Numbers.
    Numbers {
        /// Smallest.
        min: f64,
        /// Largest.
        max: f64,
        /// Mean.
        mean: f64,
        /// 25th, 50th and 75th percentiles (linear interpolation, as numpy's default).
        quartiles: [f64; 3],
        /// Values beyond 1.5 interquartile ranges from the quartiles (none counted when the
        /// quartiles are equal).
        outliers: u64,
        /// Counts in equal-width bins from `min` to `max`.
        histogram: Vec<u64>,
    },
    /// Dates.
    Dates {
        /// Earliest, as `YYYY-MM-DD HH:MM:SS`.
        first: String,
        /// Latest.
        last: String,
        /// Rows per month (`YYYY-MM`), in order.
        per_month: Vec<(String, u64)>,
    },
    /// Text.
    Text {
        /// The most frequent values with their counts.
        top: Vec<(String, u64)>,
    },
}

/// Summarises a column whose distinct values were read as `values`.
pub fn profile(
    column: &TextColumn,
    column_type: ColumnType,
    values: &Values,
    role: Option<Role>,
) -> ColumnProfile {
    let missing = column.missing();
    let distinct = column.distinct_count() as u64;
    let (summary, unreadable) = match values {
        Values::Text => (text_summary(column), 0),
        Values::Numbers(_) => {
            let mut numbers = Vec::new();
            let mut unreadable = 0;
            for (id, count) in column.distinct_ids() {
                match values.number(id) {
                    Some(value) => numbers.push((value, count)),
                    None => unreadable += count,
                }
            }
            (number_summary(numbers), unreadable)
        }
        Values::Dates(_) => {
            let mut first: Option<chrono::NaiveDateTime> = None;
            let mut last = first;
            let mut per_month: BTreeMap<(i32, u32), u64> = BTreeMap::new();
            let mut unreadable = 0;
            for (id, count) in column.distinct_ids() {
                let Some(date) = values.date(id) else {
                    unreadable += count;
                    continue;
                };
                first = Some(first.map_or(date, |f| f.min(date)));
                last = Some(last.map_or(date, |l| l.max(date)));
                *per_month.entry((date.year(), date.month())).or_default() += count;
            }
            let summary = match (first, last) {
                (Some(first), Some(last)) => Summary::Dates {
                    first: first.format("%Y-%m-%d %H:%M:%S").to_string(),
                    last: last.format("%Y-%m-%d %H:%M:%S").to_string(),
                    per_month: per_month
                        .into_iter()
                        .map(|((year, month), count)| (format!("{year:04}-{month:02}"), count))
                        .collect(),
                },
                _ => Summary::Empty,
            };
            (summary, unreadable)
        }
    };
    ColumnProfile {
        name: column.name.clone(),
        role,
        column_type,
        missing,
        unreadable,
        distinct,
        summary,
    }
}

fn text_summary(column: &TextColumn) -> Summary {
    let mut top: Vec<(&str, u64)> = column.distinct().collect();
    if top.is_empty() {
        return Summary::Empty;
    }
    top.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    top.truncate(TOP_VALUES);
    Summary::Text {
        top: top.into_iter().map(|(v, c)| (v.to_owned(), c)).collect(),
    }
}

/// The value at quantile `q` of sorted, counted values, interpolating linearly between
/// neighbours as numpy's default method does.
fn quantile(sorted: &[(f64, u64)], total: u64, q: f64) -> f64 {
    let position = q * (total - 1) as f64;
    let below = position.floor() as u64;
    let fraction = position - below as f64;
    let at = |index: u64| {
        let mut seen = 0;
        for &(value, count) in sorted {
            seen += count;
            if index < seen {
                return value;
            }
        }
        sorted.last().map_or(f64::NAN, |&(value, _)| value)
    };
    let low = at(below);
    if fraction == 0.0 {
        low
    } else {
        low + (at(below + 1) - low) * fraction
    }
}

fn number_summary(mut values: Vec<(f64, u64)>) -> Summary {
    let total: u64 = values.iter().map(|(_, count)| count).sum();
    if total == 0 {
        return Summary::Empty;
    }
    values.sort_by(|a, b| a.0.total_cmp(&b.0));
    let min = values[0].0;
    let max = values[values.len() - 1].0;
    let mean = values.iter().map(|(v, c)| v * *c as f64).sum::<f64>() / total as f64;
    let quartiles = [0.25, 0.5, 0.75].map(|q| quantile(&values, total, q));
    let iqr = quartiles[2] - quartiles[0];
    let (low, high) = (quartiles[0] - 1.5 * iqr, quartiles[2] + 1.5 * iqr);
    // Without spread between the quartiles (most quantities are 1) the rule would call
    // every other value an outlier: it says nothing then.
    let outliers = if iqr > 0.0 {
        values
            .iter()
            .filter(|(v, _)| *v < low || *v > high)
            .map(|(_, c)| c)
            .sum()
    } else {
        0
    };
    let mut histogram = vec![0; HISTOGRAM_BINS];
    let width = (max - min) / HISTOGRAM_BINS as f64;
    for &(value, count) in &values {
        let bin = if width > 0.0 {
            ((value - min) / width) as usize
        } else {
            0
        };
        histogram[bin.min(HISTOGRAM_BINS - 1)] += count;
    }
    Summary::Numbers {
        min,
        max,
        mean,
        quartiles,
        outliers,
        histogram,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::number::NumberStyle;

    fn summarise(c: &TextColumn, t: ColumnType, role: Option<Role>) -> ColumnProfile {
        profile(c, t, &Values::read(c, &t), role)
    }

    #[test]
    fn numbers_match_numpy() {
        // numpy.percentile([1, 2, 2, 3, 4, 100], [25, 50, 75]) == [2.0, 2.5, 3.75]
        let c = TextColumn::of(&["1", "2", "2", "3", "4", "100", "", "x"]);
        let p = summarise(
            &c,
            ColumnType::Number {
                style: NumberStyle::DecimalPoint,
            },
            None,
        );
        assert_eq!((p.missing, p.unreadable, p.distinct), (1, 1, 6));
        let Summary::Numbers {
            min,
            max,
            mean,
            quartiles,
            outliers,
            histogram,
        } = p.summary
        else {
            panic!("numbers expected");
        };
        assert_eq!((min, max), (1.0, 100.0));
        assert!((mean - 112.0 / 6.0).abs() < 1e-12);
        assert_eq!(quartiles, [2.0, 2.5, 3.75]);
        assert_eq!(outliers, 1, "100 is beyond 3.75 + 1.5 * 1.75");
        assert_eq!(histogram.iter().sum::<u64>(), 6);
        assert_eq!((histogram[0], histogram[HISTOGRAM_BINS - 1]), (5, 1));
    }

    #[test]
    fn no_spread_means_no_outliers() {
        let c = TextColumn::of(&["1", "1", "1", "1", "1", "1", "1", "2", "5"]);
        let p = summarise(
            &c,
            ColumnType::Number {
                style: NumberStyle::DecimalPoint,
            },
            None,
        );
        assert!(
            matches!(p.summary, Summary::Numbers { outliers: 0, .. }),
            "{:?}",
            p.summary
        );
    }

    #[test]
    fn dates_by_month_and_text_by_frequency() {
        let reading = crate::ingest::date::DateReading {
            format: crate::ingest::date::DateFormat::YearMonthDay,
            order_assumed: false,
        };
        let c = TextColumn::of(&["2024-01-05", "2024-01-20 10:00", "2024-03-01", "bad"]);
        let p = summarise(&c, ColumnType::Date { reading }, Some(Role::Date));
        assert_eq!(p.unreadable, 1);
        assert_eq!(
            p.summary,
            Summary::Dates {
                first: "2024-01-05 00:00:00".into(),
                last: "2024-03-01 00:00:00".into(),
                per_month: vec![("2024-01".into(), 2), ("2024-03".into(), 1)],
            }
        );
        let p = summarise(
            &TextColumn::of(&["tea", "coffee", "tea"]),
            ColumnType::Text,
            None,
        );
        assert_eq!(
            p.summary,
            Summary::Text {
                top: vec![("tea".into(), 2), ("coffee".into(), 1)]
            }
        );
        assert_eq!(
            summarise(&TextColumn::of(&["", ""]), ColumnType::Text, None).summary,
            Summary::Empty
        );
    }
}
