//! Tables written as CSV files for the user to download: safe to open in a spreadsheet,
//! readable by Excel in any language.
//!
//! - Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`,
//!   a tab or a carriage return) gets a leading `'`, as OWASP advises against CSV
//!   injection; numbers are written as numbers, so `-3.5` stays a number.
//! - Files saved from the browser start with [`BOM`], a UTF-8 byte order mark, without
//!   which Excel reads UTF-8 as the system's legacy code page and garbles Chinese names
//!   (the app adds it when saving; the CLI writes plain UTF-8 for other programs).
//! - Fields are quoted as RFC 4180 says. Written by hand because the rule is four lines,
//!   and `csv-core`'s writer (used for reading) works through fixed output buffers.

/// One cell of an exported row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    /// Text, guarded against formulas.
    Text(&'a str),
    /// A number, written in the shortest form that reads back the same; not finite is
    /// empty.
    Number(f64),
    /// A whole number.
    Integer(i64),
    /// Nothing.
    Empty,
}

/// A CSV file being written.
#[derive(Debug, Clone)]
pub struct CsvFile {
    text: String,
}

/// The byte order mark that tells Excel the file is UTF-8.
pub const BOM: char = '\u{FEFF}';

impl CsvFile {
    /// A file with this header row.
    pub fn new(headers: &[&str]) -> Self {
        let mut file = Self {
            text: String::new(),
        };
        let cells: Vec<Cell> = headers.iter().map(|h| Cell::Text(h)).collect();
        file.row(&cells);
        file
    }

    /// Appends a row.
    pub fn row(&mut self, cells: &[Cell]) {
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                self.text.push(',');
            }
            match *cell {
                Cell::Text(text) => self.text(text),
                Cell::Number(value) if value.is_finite() => {
                    self.text.push_str(&value.to_string());
                }
                Cell::Number(_) | Cell::Empty => {}
                Cell::Integer(value) => self.text.push_str(&value.to_string()),
            }
        }
        self.text.push_str("\r\n");
    }

    fn text(&mut self, text: &str) {
        let formula = text
            .chars()
            .next()
            .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
        let quote = formula
            || text.starts_with(' ')
            || text.ends_with(' ')
            || text.contains([',', '"', '\n', '\r']);
        if quote {
            self.text.push('"');
        }
        if formula {
            self.text.push('\'');
        }
        for c in text.chars() {
            if c == '"' {
                self.text.push('"');
            }
            self.text.push(c);
        }
        if quote {
            self.text.push('"');
        }
    }

    /// The file's text.
    pub fn finish(self) -> String {
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_header_and_rows_with_quoting() {
        let mut file = CsvFile::new(&["customer", "note", "spend"]);
        file.row(&[
            Cell::Text("王小明"),
            Cell::Text("said \"hi\", twice\nthen left"),
            Cell::Number(1234.5),
        ]);
        file.row(&[Cell::Text(" padded"), Cell::Empty, Cell::Number(f64::NAN)]);
        file.row(&[Cell::Integer(-3), Cell::Number(-0.25), Cell::Number(1e21)]);
        assert_eq!(
            file.finish(),
            "customer,note,spend\r\n\
             王小明,\"said \"\"hi\"\", twice\nthen left\",1234.5\r\n\
             \" padded\",,\r\n\
             -3,-0.25,1000000000000000000000\r\n"
        );
    }

    #[test]
    fn text_that_a_spreadsheet_would_run_is_defused() {
        for (text, written) in [
            (
                "=HYPERLINK(\"http://x\")",
                "\"'=HYPERLINK(\"\"http://x\"\")\"",
            ),
            ("+1", "\"'+1\""),
            ("-2+3", "\"'-2+3\""),
            ("@SUM(A1)", "\"'@SUM(A1)\""),
            ("\tx", "\"'\tx\""),
            ("a=b", "a=b"),
        ] {
            let mut file = CsvFile::new(&[]);
            file.row(&[Cell::Text(text)]);
            assert_eq!(file.finish(), format!("\r\n{written}\r\n"), "{text}");
        }
    }

    #[test]
    fn what_it_writes_reads_back_through_ingest() {
        use crate::control::Unattended;
        use crate::ingest::{LoadOptions, load};
        let mut file = CsvFile::new(&["customer", "date", "note"]);
        file.row(&[
            Cell::Text("c,1"),
            Cell::Text("2024-01-02"),
            Cell::Text("=1+1"),
        ]);
        let text = format!("{BOM}{}", file.finish());
        let loaded = pollster::block_on(load(
            text.as_bytes(),
            None,
            &LoadOptions::default(),
            &mut Unattended,
        ))
        .expect("loads");
        let columns = &loaded.dataset.table.columns;
        assert_eq!(
            columns[0].name, "customer",
            "the BOM is not part of the name"
        );
        assert_eq!(columns[0].get(0), Some("c,1"));
        assert_eq!(columns[2].get(0), Some("'=1+1"));
    }
}
