//! A workbook cell as the text a CSV export of it would hold, so that the rest of the
//! loading reads it as it reads a CSV value: numbers as numbers (`1001`, not `1001.0`),
//! dates and times as ISO text (`2024-01-31`, `2024-01-31 14:30:00`), empty cells empty.

use calamine::{Data, ExcelDateTime};
use std::fmt::Write;

/// Whether a cell holds nothing (or only white space, which is nothing once trimmed).
pub(super) fn is_blank(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(text) => text.trim().is_empty(),
        _ => false,
    }
}

/// Appends the text of `cell` to `out`.
pub(super) fn write(cell: &Data, out: &mut String) {
    // Writing to a String cannot fail.
    let _ = match cell {
        Data::Empty => Ok(()),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => {
            out.push_str(text);
            Ok(())
        }
        Data::Int(value) => write!(out, "{value}"),
        Data::Float(value) => write_number(*value, out),
        Data::Bool(value) => {
            out.push_str(if *value { "TRUE" } else { "FALSE" });
            Ok(())
        }
        Data::DateTime(value) => write_date_time(value, out),
        // As Excel shows (and exports) them: `#N/A`, `#DIV/0!`.
        Data::Error(error) => write!(out, "{error}"),
    };
}

/// A number as Excel shows it in a General cell and writes it to CSV: an integer
/// without a decimal part, other values to 15 significant digits (so a sum such as
/// 0.1 + 0.2 reads `0.3`, not `0.30000000000000004`).
fn write_number(value: f64, out: &mut String) -> std::fmt::Result {
    // Rust writes a whole f64 without `.0` and never in exponent form.
    if value.fract() == 0.0 || !value.is_finite() {
        return write!(out, "{value}");
    }
    let rounded: f64 = format!("{value:.14e}").parse().unwrap_or(value);
    write!(out, "{rounded}")
}

/// A date as `YYYY-MM-DD`, a date and time as `YYYY-MM-DD HH:MM:SS`, a time of day
/// alone (a serial number below 1) as `HH:MM:SS`, and a duration as hours, minutes and
/// seconds (`[h]:mm:ss`, as Excel shows one).
fn write_date_time(value: &ExcelDateTime, out: &mut String) -> std::fmt::Result {
    let serial = value.as_f64();
    if value.is_duration() {
        let seconds = (serial * 86_400.0).round() as i64;
        let sign = if seconds < 0 { "-" } else { "" };
        let seconds = seconds.unsigned_abs();
        return write!(
            out,
            "{sign}{}:{:02}:{:02}",
            seconds / 3600,
            seconds / 60 % 60,
            seconds % 60
        );
    }
    let (year, month, day, hour, minute, second, _milli) = value.to_ymd_hms_milli();
    if (0.0..1.0).contains(&serial) {
        return write!(out, "{hour:02}:{minute:02}:{second:02}");
    }
    write!(out, "{year:04}-{month:02}-{day:02}")?;
    if (hour, minute, second) != (0, 0, 0) {
        write!(out, " {hour:02}:{minute:02}:{second:02}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{CellErrorType, ExcelDateTimeType};

    fn text(cell: Data) -> String {
        let mut out = String::new();
        write(&cell, &mut out);
        out
    }

    fn date(serial: f64) -> Data {
        Data::DateTime(ExcelDateTime::new(
            serial,
            ExcelDateTimeType::DateTime,
            false,
        ))
    }

    #[test]
    fn cells_read_as_a_csv_export_writes_them() {
        for (cell, expected) in [
            (Data::Float(1001.0), "1001"),
            (Data::Float(13_800_138_000.0), "13800138000"),
            (Data::Float(-2.0), "-2"),
            (Data::Float(19.9), "19.9"),
            (Data::Float(0.1 + 0.2), "0.3"),
            (Data::Float(1.0 / 3.0), "0.333333333333333"),
            (Data::Int(42), "42"),
            (Data::String(" 订单 ".into()), " 订单 "),
            (Data::Bool(true), "TRUE"),
            (Data::Empty, ""),
            (Data::Error(CellErrorType::NA), "#N/A"),
            (date(45_322.0), "2024-01-31"),
            (date(45_322.5), "2024-01-31 12:00:00"),
            (date(45_322.604_166_666_7), "2024-01-31 14:30:00"),
            (date(0.75), "18:00:00"),
            (
                Data::Float(45_322.0),
                "45322", // a date stored without a date format stays a number
            ),
            (
                Data::DateTime(ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false)),
                "36:00:00",
            ),
            (
                Data::DateTimeIso("2024-01-31T10:00:00".into()),
                "2024-01-31T10:00:00",
            ),
        ] {
            assert_eq!(text(cell.clone()), expected, "{cell:?}");
        }
    }

    #[test]
    fn the_1904_date_system_gives_the_same_dates() {
        let cell = Data::DateTime(ExcelDateTime::new(
            45_322.0 - 1462.0,
            ExcelDateTimeType::DateTime,
            true,
        ));
        assert_eq!(text(cell), "2024-01-31");
    }

    #[test]
    fn blank_cells() {
        assert!(is_blank(&Data::Empty));
        assert!(is_blank(&Data::String(" \u{3000}".into())));
        assert!(!is_blank(&Data::Float(0.0)));
        assert!(!is_blank(&Data::String("0".into())));
    }
}
