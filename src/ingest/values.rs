//! Each column's distinct values read once as numbers or dates, by value id, for the
//! checks, the profile and the analyses: a value repeated on a million rows is parsed
//! once.

use super::infer::ColumnType;
use super::table::{MISSING, TextColumn};
use chrono::NaiveDateTime;

/// A column's distinct values, read as its type.
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    /// A text column: the interned strings are the values.
    Text,
    /// A number column: the number of each value id (from 1), if it reads.
    Numbers(Vec<Option<f64>>),
    /// A date column: the date of each value id (from 1), if it reads.
    Dates(Vec<Option<NaiveDateTime>>),
}

impl Values {
    /// Reads the distinct values of `column` as `column_type`.
    pub fn read(column: &TextColumn, column_type: &ColumnType) -> Self {
        let texts = (1..=column.value_count()).map(|id| column.value(id).unwrap_or_default());
        match column_type {
            ColumnType::Text => Values::Text,
            ColumnType::Number { .. } => {
                Values::Numbers(texts.map(|t| column_type.number(t)).collect())
            }
            ColumnType::Date { .. } => Values::Dates(texts.map(|t| column_type.date(t)).collect()),
        }
    }

    /// The number of value id `id`, if this is a number column and it reads.
    pub fn number(&self, id: u32) -> Option<f64> {
        match self {
            Values::Numbers(numbers) if id != MISSING => *numbers.get(id as usize - 1)?,
            _ => None,
        }
    }

    /// The date of value id `id`, if this is a date column and it reads.
    pub fn date(&self, id: u32) -> Option<NaiveDateTime> {
        match self {
            Values::Dates(dates) if id != MISSING => *dates.get(id as usize - 1)?,
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::number::NumberStyle;

    #[test]
    fn reads_each_value_once_by_id() {
        let column = TextColumn::of(&["3,50", "", "x", "3,50"]);
        let values = Values::read(
            &column,
            &ColumnType::Number {
                style: NumberStyle::DecimalComma,
            },
        );
        let ids = column.cells();
        assert_eq!(values.number(ids[0]), Some(3.5));
        assert_eq!(values.number(ids[1]), None, "missing");
        assert_eq!(values.number(ids[2]), None, "unreadable");
        assert_eq!(values.number(ids[3]), Some(3.5));
        assert_eq!(values.date(ids[0]), None, "not a date column");
        assert_eq!(Values::read(&column, &ColumnType::Text), Values::Text);
    }
}
