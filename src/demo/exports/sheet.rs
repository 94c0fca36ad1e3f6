//! Writing an export down: fields quoted as the platform quotes them, rows counted into
//! the truth as they are written, money and text encoded as the platform writes them.

use super::shop::{Fate, Order, cents};
use encoding_rs::{GBK, WINDOWS_1252};

/// Date and time as most exports write them: `2024-03-05 14:22:10`.
pub(crate) const TIME: &str = "%Y-%m-%d %H:%M:%S";

/// What one written row is, for the truth.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct RowTruth {
    /// Not a purchase: a line of a refunded, cancelled, voided, failed or unpaid order,
    /// or a return written as a line of its own.
    pub refunded: bool,
    /// A guest's or walk-in's row.
    pub guest: bool,
    /// Postage, a fee or a top-up: not merchandise.
    pub pseudo: bool,
    /// The purchase revenue the row carries (0 unless counted, identified, merchandise).
    pub revenue: f64,
}

impl RowTruth {
    /// A row of `order` carrying `money` as written (before any refund).
    fn of(order: &Order, money: f64, refunded_here: f64, pseudo: bool) -> Self {
        let counted = order.fate.counted();
        let revenue = if counted && !order.guest() && !pseudo {
            cents(money - refunded_here)
        } else {
            0.0
        };
        Self {
            refunded: !counted,
            guest: order.guest(),
            pseudo,
            revenue,
        }
    }

    /// The row of line `index` of `order`: its amount less what was refunded of it.
    pub fn line(order: &Order, index: usize) -> Self {
        let line = &order.lines[index];
        Self::of(order, line.amount(), line.refunded_amount(), false)
    }

    /// The one row of a whole order whose money column holds `money` (with postage if the
    /// platform folds it in), less the order's partial refund.
    pub fn order(order: &Order, money: f64) -> Self {
        let refunded = if order.fate == Fate::PartlyRefunded {
            order.refunded()
        } else {
            0.0
        };
        Self::of(order, money, refunded, false)
    }

    /// A postage or fee row of `order`.
    pub fn pseudo(order: &Order) -> Self {
        Self::of(order, 0.0, 0.0, true)
    }

    /// A return or refund written as a row of its own (negative quantity or money).
    pub fn returned(order: &Order) -> Self {
        Self {
            refunded: true,
            guest: order.guest(),
            pseudo: false,
            revenue: 0.0,
        }
    }
}

/// The counts the truth is made of.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Tally {
    pub lines: u64,
    pub refunded: u64,
    pub guests: u64,
    pub pseudo: u64,
    pub revenue: f64,
}

/// How the bytes are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// UTF-8 without a byte order mark.
    Utf8,
    /// UTF-8 with a byte order mark (as Excel and many plugins write it).
    Utf8Bom,
    /// GBK (Chinese Excel's "CSV").
    Gbk,
    /// windows-1252 (Western European Excel's "CSV").
    Windows1252,
}

/// A CSV file being written.
pub(crate) struct Sheet {
    delimiter: char,
    newline: &'static str,
    quote_all: bool,
    text: String,
    tally: Tally,
}

impl Sheet {
    /// A file with this delimiter, CRLF line ends or not, every field quoted or only those
    /// that need it, and its header.
    pub fn new(delimiter: char, crlf: bool, quote_all: bool, header: &[&str]) -> Self {
        let mut sheet = Self {
            delimiter,
            newline: if crlf { "\r\n" } else { "\n" },
            quote_all,
            text: String::new(),
            tally: Tally::default(),
        };
        sheet.write(header.iter().copied());
        sheet
    }

    fn write<'a>(&mut self, fields: impl Iterator<Item = &'a str>) {
        for (i, field) in fields.enumerate() {
            if i > 0 {
                self.text.push(self.delimiter);
            }
            let needs = field.contains([self.delimiter, '"', '\n', '\r']);
            if self.quote_all || needs {
                self.text.push('"');
                self.text.push_str(&field.replace('"', "\"\""));
                self.text.push('"');
            } else {
                self.text.push_str(field);
            }
        }
        self.text.push_str(self.newline);
    }

    /// Writes a data row and counts it.
    pub fn row(&mut self, fields: &[String], truth: RowTruth) {
        self.write(fields.iter().map(String::as_str));
        let t = &mut self.tally;
        t.lines += 1;
        t.refunded += u64::from(truth.refunded);
        t.guests += u64::from(truth.guest);
        t.pseudo += u64::from(truth.pseudo);
        t.revenue += truth.revenue;
    }

    /// The bytes and the counts.
    pub fn finish(self, encoding: Encoding) -> (Vec<u8>, Tally) {
        let bytes = match encoding {
            Encoding::Utf8 => self.text.into_bytes(),
            Encoding::Utf8Bom => {
                let mut bytes = b"\xEF\xBB\xBF".to_vec();
                bytes.extend_from_slice(self.text.as_bytes());
                bytes
            }
            Encoding::Gbk => GBK.encode(&self.text).0.into_owned(),
            Encoding::Windows1252 => WINDOWS_1252.encode(&self.text).0.into_owned(),
        };
        let mut tally = self.tally;
        tally.revenue = cents(tally.revenue);
        (bytes, tally)
    }
}

/// How money is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Money {
    /// Before the number (`$`), or empty.
    pub prefix: &'static str,
    /// After the number (` €`), or empty.
    pub suffix: &'static str,
    /// The decimal separator.
    pub decimal: char,
    /// The thousands separator, if any.
    pub thousands: Option<char>,
}

impl Money {
    /// `1234.50`.
    pub const PLAIN: Money = Money {
        prefix: "",
        suffix: "",
        decimal: '.',
        thousands: None,
    };
    /// `1,234.50`.
    pub const GROUPED: Money = Money {
        thousands: Some(','),
        ..Money::PLAIN
    };
    /// `$1,234.50`.
    pub const DOLLARS: Money = Money {
        prefix: "$",
        ..Money::GROUPED
    };
    /// `1.234,50 €`.
    pub const EUROS: Money = Money {
        prefix: "",
        suffix: " €",
        decimal: ',',
        thousands: Some('.'),
    };

    /// `value` written this way, two decimals, a minus before any symbol.
    pub fn write(self, value: f64) -> String {
        let cents = (value.abs() * 100.0).round() as u64;
        let units = (cents / 100).to_string();
        let mut grouped = String::new();
        for (i, digit) in units.chars().enumerate() {
            if i > 0
                && (units.len() - i).is_multiple_of(3)
                && let Some(separator) = self.thousands
            {
                grouped.push(separator);
            }
            grouped.push(digit);
        }
        let sign = if value < 0.0 && cents > 0 { "-" } else { "" };
        format!(
            "{sign}{}{grouped}{}{:02}{}",
            self.prefix,
            self.decimal,
            cents % 100,
            self.suffix
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_written_as_each_locale_writes_it() {
        assert_eq!(Money::PLAIN.write(1234.5), "1234.50");
        assert_eq!(Money::GROUPED.write(1234567.891), "1,234,567.89");
        assert_eq!(Money::DOLLARS.write(-12.5), "-$12.50");
        assert_eq!(Money::EUROS.write(1234.5), "1.234,50 €");
        assert_eq!(Money::EUROS.write(0.0), "0,00 €");
    }

    #[test]
    fn fields_are_quoted_when_they_need_it_and_rows_counted() {
        let mut sheet = Sheet::new(';', true, false, &["a", "b"]);
        let truth = RowTruth {
            refunded: true,
            guest: true,
            pseudo: false,
            revenue: 0.0,
        };
        sheet.row(&["x;y".to_owned(), "say \"hi\"".to_owned()], truth);
        let (bytes, tally) = sheet.finish(Encoding::Windows1252);
        assert_eq!(bytes, b"a;b\r\n\"x;y\";\"say \"\"hi\"\"\"\r\n");
        assert_eq!((tally.lines, tally.refunded, tally.guests), (1, 1, 1));
    }
}
