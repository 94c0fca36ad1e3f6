//! Splits decoded text into rows (CSV quoting rules, any of the four delimiters) and
//! fills a [`Table`], repairing what can safely be repaired and setting aside what
//! cannot, with the line and the reason.

use super::delimiter::Delimiter;
use super::table::{Batch, Table, TextColumn};
use csv_core::{ReadFieldResult, Reader as CsvReader, ReaderBuilder};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The longest value kept, in bytes. A longer one almost always means a quote that was
/// opened and never closed, which swallows the rest of the file into one field.
pub const MAX_FIELD_BYTES: usize = 1 << 20;
/// A row spanning more lines than this is taken for an unclosed quote: real multi-line
/// values (addresses, notes) are far shorter.
pub const MAX_ROW_LINES: u64 = 100;
/// More columns than this is not a table of orders (a JSON file, a wrong delimiter).
pub const MAX_COLUMNS: usize = 10_000;
/// How many repaired and rejected rows are kept for display (all are counted).
pub const KEPT_ISSUES: usize = 1000;
/// How much of a rejected row's text is kept for display.
pub(super) const SHOWN_ROW_CHARS: usize = 300;
/// Bytes of rows gathered before they are added to the table (see [`Batch`]).
pub(super) const BATCH_BYTES: usize = 1 << 22;

/// What was wrong with a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Problem {
    /// Repaired: fewer fields than the header; the missing ones were left empty.
    MissingFields {
        /// Fields found.
        found: u64,
        /// Fields in the header.
        expected: u64,
    },
    /// Repaired: more fields than the header, but the extra ones were empty.
    EmptyExtraFields {
        /// Fields found.
        found: u64,
        /// Fields in the header.
        expected: u64,
    },
    /// Rejected: more fields than the header, with values in the extra ones.
    ExtraFields {
        /// Fields found.
        found: u64,
        /// Fields in the header.
        expected: u64,
    },
    /// Rejected: every field is empty.
    EmptyRow,
    /// Rejected: a value longer than [`MAX_FIELD_BYTES`].
    FieldTooLong,
    /// Rejected: the row runs over several lines in a way only an unclosed quote explains
    /// (it reaches the end of the file inside quotes, lacks fields, or is very long).
    UnclosedQuote {
        /// How many lines the row spans.
        lines: u64,
    },
    /// Rejected: a required value is missing.
    MissingValue,
    /// Rejected: a value could not be read as the column's type.
    Unreadable {
        /// The value.
        value: String,
        /// What was expected: "a date", "a number".
        expected: String,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::MissingFields { found, expected } => {
                write!(
                    f,
                    "{found} of {expected} fields; the missing ones were left empty"
                )
            }
            Problem::EmptyExtraFields { found, expected } => {
                write!(
                    f,
                    "{found} fields where the header has {expected}; the extra ones were empty and dropped"
                )
            }
            Problem::ExtraFields { found, expected } => write!(
                f,
                "{found} fields where the header has {expected}; a value may contain the delimiter without quotes"
            ),
            Problem::EmptyRow => f.write_str("the row has no values"),
            Problem::FieldTooLong => write!(
                f,
                "a value longer than {} MB; a quote may have been opened and not closed",
                MAX_FIELD_BYTES >> 20
            ),
            Problem::UnclosedQuote { lines } => write!(
                f,
                "a quote is opened and not closed, so {lines} lines were read as one row"
            ),
            Problem::MissingValue => f.write_str("the value is missing"),
            Problem::Unreadable { value, expected } => write!(f, "{value:?} is not {expected}"),
        }
    }
}

/// A row that was repaired or rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowIssue {
    /// The 1-based line of the file on which the row starts.
    pub line: u64,
    /// The column concerned, if one is.
    pub column: Option<String>,
    /// What was wrong.
    pub problem: Problem,
    /// The row's text (shortened), to show the user.
    pub text: String,
}

/// Repaired or rejected rows: all counted, the first [`KEPT_ISSUES`] kept.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Issues {
    /// How many rows.
    pub count: u64,
    /// The first of them.
    pub first: Vec<RowIssue>,
}

impl Issues {
    /// Records a row.
    pub fn push(&mut self, issue: RowIssue) {
        self.count += 1;
        if self.first.len() < KEPT_ISSUES {
            self.first.push(issue);
        }
    }
}

/// Streams rows into a [`Table`].
pub struct RowReader {
    delimiter: Delimiter,
    csv: CsvReader,
    scratch: Box<[u8]>,
    /// The current row's fields, back to back, and where each ends.
    row: Vec<u8>,
    ends: Vec<usize>,
    /// Bytes of the current field so far (may exceed what was kept of it).
    field_len: usize,
    too_long: Option<usize>,
    /// Line breaks read so far, for line numbers (csv-core counts only `\n`).
    lines: Lines,
    /// Line breaks inside the current row's values.
    inner_lines: Lines,
    /// Quote characters in the current row's text; odd means a quote is still open.
    quotes: u64,
    /// Whether the input is at the start of a data row (see [`Self::plain_lines`]).
    between_rows: bool,
    at_end: bool,
    header: Option<usize>,
    table: Table,
    /// Rows read but not yet added to the table.
    batch: Batch,
    /// Data rows read (after the header).
    pub read: u64,
    /// Rows kept after a repair.
    pub repaired: Issues,
    /// Rows set aside.
    pub rejected: Issues,
    too_many_columns: Option<usize>,
    runaway_quote: Option<(u64, u64)>,
}

impl RowReader {
    /// A reader splitting on `delimiter`.
    pub fn new(delimiter: Delimiter) -> Self {
        Self {
            delimiter,
            csv: ReaderBuilder::new().delimiter(delimiter.as_byte()).build(),
            scratch: vec![0; 64 * 1024].into_boxed_slice(),
            row: Vec::new(),
            ends: Vec::new(),
            field_len: 0,
            too_long: None,
            lines: Lines::default(),
            inner_lines: Lines::default(),
            quotes: 0,
            between_rows: false,
            at_end: false,
            header: None,
            table: Table::default(),
            batch: Batch::default(),
            read: 0,
            repaired: Issues::default(),
            rejected: Issues::default(),
            too_many_columns: None,
            runaway_quote: None,
        }
    }

    /// Counts `lines` lines as already read (a line skipped before the header).
    pub fn skip_lines(&mut self, lines: u64) {
        self.lines.breaks += lines;
    }

    /// Reads more UTF-8 text; `input` must not be empty (that means the end, see
    /// [`Self::finish`]).
    pub fn feed(&mut self, mut input: &[u8]) {
        while !input.is_empty() {
            if self.between_rows {
                input = &input[self.plain_lines(input)..];
                if input.is_empty() {
                    return;
                }
                self.between_rows = false;
            }
            let (result, read, written) = self.csv.read_field(input, &mut self.scratch);
            let ends_with_newline = read > 0 && input[read - 1] == b'\n';
            for &byte in &input[..read] {
                self.quotes += u64::from(byte == b'"');
                self.lines.see(byte);
            }
            input = &input[read..];
            self.take(result, written, ends_with_newline);
        }
    }

    /// Ends the input and returns what was read.
    pub fn finish(mut self) -> Rows {
        self.at_end = true;
        loop {
            let (result, _, written) = self.csv.read_field(&[], &mut self.scratch);
            if matches!(result, ReadFieldResult::End) {
                break;
            }
            self.take(result, written, false);
        }
        self.table.append(&mut self.batch);
        Rows {
            has_header: self.header.is_some(),
            table: self.table,
            read: self.read,
            repaired: self.repaired,
            rejected: self.rejected,
            too_many_columns: self.too_many_columns,
            runaway_quote: self.runaway_quote,
        }
    }

    /// Reads the data rows at the start of `input` that are whole lines without quotes,
    /// which need no CSV state machine: splitting them at the delimiter gives the fields
    /// csv-core would give, several times faster. Stops at a line with a quote, one that
    /// does not end in `input`, or one longer than [`MAX_FIELD_BYTES`] (it may hold a
    /// value too long to keep); returns the bytes read.
    ///
    /// Only called between data rows, where csv-core's state (after the end of a
    /// record) reads what follows exactly as a fresh reader would, so the two can take
    /// turns.
    fn plain_lines(&mut self, input: &[u8]) -> usize {
        let delimiter = self.delimiter.as_byte();
        let mut used = 0;
        loop {
            // Blank lines, and the `\n` of a `\r\n`, start no row (csv-core skips them).
            while let Some(&byte @ (b'\n' | b'\r')) = input.get(used) {
                self.lines.see(byte);
                used += 1;
            }
            let rest = &input[used..input.len().min(used + MAX_FIELD_BYTES)];
            let Some(len) = split_line(rest, delimiter, &mut self.ends) else {
                // Left to csv-core.
                self.ends.clear();
                return used;
            };
            self.lines.see_text();
            let line = 1 + self.lines.breaks;
            self.lines.see(rest[len]);
            used += len + 1;
            self.plain_row(&rest[..len], line);
            self.ends.clear();
        }
    }

    /// Reads a row from a line without quotes whose fields end at `self.ends`.
    fn plain_row(&mut self, text: &[u8], line: u64) {
        // The usual row: as many fields as the header, the first not empty (it starts
        // with a visible character that is not the delimiter).
        let usual = Some(self.ends.len()) == self.header
            && text
                .first()
                .is_some_and(|&b| b.is_ascii_graphic() && b != self.delimiter.as_byte());
        if usual && let Ok(text) = std::str::from_utf8(text) {
            self.read += 1;
            self.batch.push_line(text, &self.ends, line);
            if self.batch.text_len() >= BATCH_BYTES {
                self.table.append(&mut self.batch);
            }
            return;
        }
        // Anything else goes through the checks, as csv-core's rows do.
        let mut start = 0;
        for end in std::mem::take(&mut self.ends) {
            self.row.extend_from_slice(&text[start..end]);
            self.ends.push(self.row.len());
            start = end + 1;
        }
        self.end_row(line);
        self.row.clear();
    }

    fn take(&mut self, result: ReadFieldResult, written: usize, ends_with_newline: bool) {
        let chunk = &self.scratch[..written];
        for &byte in chunk {
            self.inner_lines.see(byte);
        }
        self.field_len += written;
        if self.field_len <= MAX_FIELD_BYTES {
            self.row.extend_from_slice(chunk);
        } else if self.too_long.is_none() {
            self.too_long = Some(self.ends.len());
        }
        let ReadFieldResult::Field { record_end } = result else {
            return;
        };
        self.ends.push(self.row.len());
        self.field_len = 0;
        if record_end {
            // A `\n` that ended the record is counted already; a `\r` is not yet.
            let end_line = 1 + self.lines.breaks - u64::from(ends_with_newline);
            let start_line = end_line.saturating_sub(self.inner_lines.breaks);
            self.end_row(start_line);
            self.between_rows = self.header.is_some();
            self.row.clear();
            self.ends.clear();
            self.inner_lines = Lines::default();
            self.quotes = 0;
            self.too_long = None;
        }
    }

    fn field(&self, index: usize) -> &str {
        field(&self.row, &self.ends, index)
    }

    fn end_row(&mut self, line: u64) {
        let Some(expected) = self.header else {
            self.read_header();
            return;
        };
        self.read += 1;
        let found = self.ends.len();
        let issue = |reader: &Self, column: Option<usize>, problem| RowIssue {
            line,
            column: column
                .and_then(|c| reader.table.columns.get(c))
                .map(|c| c.name.clone()),
            problem,
            text: reader.shown_text(),
        };
        if let Some(column) = self.too_long {
            let issue = issue(self, Some(column), Problem::FieldTooLong);
            return self.rejected.push(issue);
        }
        let open_at_end = self.at_end && self.quotes % 2 == 1;
        // The file's final newline, swallowed by an open quote, starts no line.
        let lines =
            self.inner_lines.breaks + 1 - u64::from(open_at_end && self.row.last() == Some(&b'\n'));
        if lines > MAX_ROW_LINES && self.runaway_quote.is_none() {
            self.runaway_quote = Some((line, lines));
        }
        if open_at_end || lines > MAX_ROW_LINES {
            let problem = Problem::UnclosedQuote { lines };
            return self.rejected.push(issue(self, None, problem));
        }
        if (0..found).all(|i| self.field(i).trim().is_empty()) {
            return self.rejected.push(issue(self, None, Problem::EmptyRow));
        }
        let counts = (found as u64, expected as u64);
        if found > expected {
            if (expected..found).any(|i| !self.field(i).trim().is_empty()) {
                let problem = Problem::ExtraFields {
                    found: counts.0,
                    expected: counts.1,
                };
                return self.rejected.push(issue(self, None, problem));
            }
            let problem = Problem::EmptyExtraFields {
                found: counts.0,
                expected: counts.1,
            };
            self.repaired.push(issue(self, None, problem));
        } else if found < expected {
            let problem = Problem::MissingFields {
                found: counts.0,
                expected: counts.1,
            };
            self.repaired.push(issue(self, None, problem));
        }
        let (row, ends) = (&self.row, &self.ends);
        self.batch
            .push((0..found).map(|index| field(row, ends, index)), line);
        if self.batch.text_len() >= BATCH_BYTES {
            self.table.append(&mut self.batch);
        }
    }

    fn read_header(&mut self) {
        if self.ends.len() > MAX_COLUMNS {
            self.too_many_columns = Some(self.ends.len());
            self.header = Some(0);
            return;
        }
        let names = header_names((0..self.ends.len()).map(|index| self.field(index)));
        self.header = Some(names.len());
        self.batch = Batch::new(names.len());
        self.table.columns = names.into_iter().map(TextColumn::new).collect();
    }

    fn shown_text(&self) -> String {
        let separator = self.delimiter.as_char().to_string();
        let joined = (0..self.ends.len())
            .map(|i| self.field(i))
            .collect::<Vec<_>>()
            .join(&separator);
        match joined.char_indices().nth(SHOWN_ROW_CHARS) {
            Some((cut, _)) => format!("{}…", &joined[..cut]),
            None => joined,
        }
    }
}

/// Column names from a header row's fields: trimmed, `column N` for an empty one, and
/// made unique (`name (2)`, `name (3)`...).
pub(super) fn header_names<'a>(fields: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    for (index, name) in fields.enumerate() {
        let name = name.trim();
        let base = if name.is_empty() {
            format!("column {}", index + 1)
        } else {
            name.to_owned()
        };
        let mut unique = base.clone();
        let mut n = 2;
        while taken.contains(&unique) {
            unique = format!("{base} ({n})");
            n += 1;
        }
        taken.insert(unique.clone());
        names.push(unique);
    }
    names
}

/// Counts line breaks byte by byte: `\n`, `\r\n` once, and a lone `\r` (old Mac files),
/// also when a chunk ends between `\r` and `\n`.
#[derive(Debug, Default)]
struct Lines {
    breaks: u64,
    after_cr: bool,
}

impl Lines {
    fn see(&mut self, byte: u8) {
        // A `\r` counts once the next byte shows it was not the start of `\r\n`.
        self.breaks += u64::from(byte == b'\n' || self.after_cr);
        self.after_cr = byte == b'\r';
    }

    /// Sees bytes that are not line breaks.
    fn see_text(&mut self) {
        self.breaks += u64::from(self.after_cr);
        self.after_cr = false;
    }
}

/// Splits the line at the start of `text` at `delimiter`, pushing where each field ends
/// (at each delimiter and at the line's end) to `ends`; returns the line's length, or
/// `None` if it holds a quote or does not end in `text`.
///
/// Looks at eight bytes at a time for the four bytes that matter: most words hold one
/// of them, but finding it in a word's bits costs less than a comparison per byte.
fn split_line(text: &[u8], delimiter: u8, ends: &mut Vec<usize>) -> Option<usize> {
    let (words, _) = text.as_chunks::<8>();
    let mut checked = 0;
    for word in words {
        let mut found = special_bytes(u64::from_le_bytes(*word), delimiter);
        while found != 0 {
            let at = checked + found.trailing_zeros() as usize / 8;
            found &= found - 1;
            match text[at] {
                b'\n' | b'\r' => {
                    ends.push(at);
                    return Some(at);
                }
                b'"' => return None,
                _ => ends.push(at),
            }
        }
        checked += 8;
    }
    for (at, &byte) in text.iter().enumerate().skip(checked) {
        match byte {
            b'\n' | b'\r' => {
                ends.push(at);
                return Some(at);
            }
            b'"' => return None,
            _ if byte == delimiter => ends.push(at),
            _ => {}
        }
    }
    None
}

/// The high bit of each byte of `word` (eight bytes, the first lowest) that is the
/// delimiter, a quote, `\n` or `\r`; the other bits clear.
fn special_bytes(word: u64, delimiter: u8) -> u64 {
    const LOW: u64 = u64::from_ne_bytes([0x7f; 8]);
    // The high bit of each zero byte of `x` (no carry crosses a byte).
    let zeros = |x: u64| !(((x & LOW) + LOW) | x | LOW);
    let equal = |byte: u8| zeros(word ^ u64::from_ne_bytes([byte; 8]));
    equal(delimiter) | equal(b'"') | equal(b'\n') | equal(b'\r')
}

/// Field `index` of a row stored as `row` bytes with field `ends`.
fn field<'a>(row: &'a [u8], ends: &[usize], index: usize) -> &'a str {
    let start = if index == 0 { 0 } else { ends[index - 1] };
    // The input was decoded to UTF-8 and csv-core splits only at ASCII bytes. Only a
    // value cut at MAX_FIELD_BYTES can be invalid, and its row is rejected unread.
    std::str::from_utf8(&row[start..ends[index]]).unwrap_or_default()
}

/// What a [`RowReader`] read.
#[derive(Debug, Default)]
pub struct Rows {
    /// Whether a header row was found (the input was not empty).
    pub has_header: bool,
    /// The kept rows, repaired ones included.
    pub table: Table,
    /// Data rows read (after the header).
    pub read: u64,
    /// Rows kept after a repair.
    pub repaired: Issues,
    /// Rows set aside.
    pub rejected: Issues,
    /// The header's number of fields, if it has more than [`MAX_COLUMNS`].
    pub too_many_columns: Option<usize>,
    /// The first row spanning more than [`MAX_ROW_LINES`] lines, and how many: a quote
    /// opened there swallowed the lines after it.
    pub runaway_quote: Option<(u64, u64)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, delimiter: Delimiter, chunk: usize) -> Rows {
        let mut reader = RowReader::new(delimiter);
        for piece in text.as_bytes().chunks(chunk) {
            reader.feed(piece);
        }
        reader.finish()
    }

    fn cells(rows: &Rows) -> Vec<Vec<Option<&str>>> {
        (0..rows.table.rows())
            .map(|row| {
                rows.table
                    .columns
                    .iter()
                    .map(|column| column.get(row))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn repairs_short_rows_and_empty_extra_fields_and_rejects_the_rest() {
        let text = "id,name,amount\n1,a,3\n2,b\n3,c,4,,\n4,d,5,x\n,,\n5,\"e\nf\",6\n";
        for chunk in [1, 3, 1000] {
            let rows = read(text, Delimiter::Comma, chunk);
            assert_eq!(rows.read, 6);
            assert_eq!(
                rows.table.rows() as u64 + rows.rejected.count,
                rows.read,
                "counts reconcile"
            );
            assert_eq!(
                cells(&rows),
                [
                    [Some("1"), Some("a"), Some("3")],
                    [Some("2"), Some("b"), None],
                    [Some("3"), Some("c"), Some("4")],
                    [Some("5"), Some("e\nf"), Some("6")],
                ]
            );
            assert_eq!(rows.table.lines, [2, 3, 4, 7]);
            let repaired: Vec<(u64, &Problem)> = rows
                .repaired
                .first
                .iter()
                .map(|i| (i.line, &i.problem))
                .collect();
            assert_eq!(
                repaired,
                [
                    (
                        3,
                        &Problem::MissingFields {
                            found: 2,
                            expected: 3
                        }
                    ),
                    (
                        4,
                        &Problem::EmptyExtraFields {
                            found: 5,
                            expected: 3
                        }
                    ),
                ]
            );
            let rejected: Vec<(u64, &Problem, &str)> = rows
                .rejected
                .first
                .iter()
                .map(|i| (i.line, &i.problem, i.text.as_str()))
                .collect();
            assert_eq!(
                rejected,
                [
                    (
                        5,
                        &Problem::ExtraFields {
                            found: 4,
                            expected: 3
                        },
                        "4,d,5,x"
                    ),
                    (6, &Problem::EmptyRow, ",,"),
                ]
            );
        }
    }

    #[test]
    fn an_unclosed_quote_is_caught_not_padded() {
        // At the end of the file: the last row swallows the lines after the quote.
        let rows = read("a,b\n\"open,1\n2,3\n4,5\n", Delimiter::Comma, 4);
        assert_eq!(
            (rows.read, rows.table.rows(), rows.rejected.count),
            (1, 0, 1)
        );
        assert_eq!(
            rows.rejected.first[0].problem,
            Problem::UnclosedQuote { lines: 3 }
        );
        assert_eq!(rows.rejected.first[0].line, 2);
        // In the middle, a later quote closes it: the damaged row cannot be told from a
        // real multi-line value (short rows with one are common), so it is repaired; a
        // quote that swallows more than MAX_ROW_LINES lines is caught (see below).
        let rows = read(
            "a,b,c\n1,\"open,x\n2,y,z\n3,\"q\n4,k,l\n",
            Delimiter::Comma,
            1000,
        );
        assert_eq!(rows.repaired.count, 1);
        // A runaway quote is reported with where it starts.
        let mut text = String::from("a,b\n1,2\n3,\"runaway\n");
        text.push_str(&"5,6\n".repeat(150));
        text.push_str("\",7\n8,9\n");
        let rows = read(&text, Delimiter::Comma, 64);
        assert_eq!(rows.runaway_quote, Some((3, 152)));
        assert_eq!(rows.table.rows() as u64 + rows.rejected.count, rows.read);
        // Real multi-line values are fine, also in the last row without a final newline.
        let rows = read(
            "id,note,n\n1,\"two\nlines\",6\n2,\"x\ny\",7",
            Delimiter::Comma,
            3,
        );
        assert_eq!((rows.table.rows(), rows.rejected.count), (2, 0));
    }

    #[test]
    fn line_numbers_follow_any_line_ending() {
        for (ending, chunk) in [
            ("\n", 1000),
            ("\r\n", 1000),
            ("\r", 1000),
            ("\r\n", 1),
            ("\r", 1),
        ] {
            let text = ["a,b", "1,2", "3", "", "4,5", "\"x\ny\",6", "7"].join(ending);
            let rows = read(&text, Delimiter::Comma, chunk);
            let repaired: Vec<u64> = rows.repaired.first.iter().map(|i| i.line).collect();
            assert_eq!(repaired, [3, 8], "ending {ending:?}, chunk {chunk}");
            assert_eq!(
                rows.table.lines,
                [2, 3, 5, 6, 8],
                "ending {ending:?}, chunk {chunk}"
            );
        }
    }

    #[test]
    fn a_huge_header_is_refused_quickly() {
        // A minified JSON array on one line: tens of thousands of "fields".
        let text = format!("[{}]\n", "{\"customer\":\"c0\",\"x\":1},".repeat(20_000));
        let rows = read(&text, Delimiter::Comma, 4096);
        assert_eq!(rows.too_many_columns, Some(40_001));
        assert_eq!(rows.table.columns.len(), 0);
        // Many empty names stay fast too (they used to take quadratic time).
        let rows = read(&",".repeat(9_000), Delimiter::Comma, 4096);
        assert_eq!(rows.table.columns.len(), 9_001);
    }

    #[test]
    fn header_names_are_made_unique() {
        let rows = read("a,,a,b\n1,2,3,4\n", Delimiter::Comma, 100);
        let names: Vec<&str> = rows.table.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["a", "column 2", "a (2)", "b"]);
    }

    #[test]
    fn an_unclosed_quote_is_rejected_not_swallowed_into_memory() {
        let mut text = String::from("id;note\n1;ok\n2;\"never closed\n");
        text.push_str(&"x;y\n".repeat(MAX_FIELD_BYTES / 4 + 10));
        let rows = read(&text, Delimiter::Semicolon, 4096);
        assert_eq!(rows.read, 2);
        assert_eq!(rows.table.rows(), 1);
        let issue = &rows.rejected.first[0];
        assert_eq!((issue.line, issue.column.as_deref()), (3, Some("note")));
        assert_eq!(issue.problem, Problem::FieldTooLong);
        assert!(issue.text.chars().count() <= SHOWN_ROW_CHARS + 1);
    }

    // Property tests run natively only (proptest does not build for wasm32).
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Everything a reader found, to compare two readings.
        fn summary(rows: &Rows) -> String {
            format!(
                "{:?} {:?} {} {:?} {:?} {:?} {:?}",
                cells(rows),
                rows.table.lines,
                rows.read,
                rows.repaired,
                rows.rejected,
                rows.too_many_columns,
                rows.runaway_quote
            )
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

            /// Whole lines without quotes are split without csv-core: the result must be
            /// csv-core's, whatever the line endings, quotes and chunk boundaries. Fed a byte
            /// at a time, no line is whole in the input, so csv-core reads every row.
            #[test]
            fn plain_lines_read_as_csv_core_reads_them(
                text in "[ab;,\"\r\n é]{0,200}|([a-h é;,]{0,40}\"?\r?\n){0,12}",
                chunk in 2usize..64,
            ) {
                for delimiter in [Delimiter::Comma, Delimiter::Semicolon] {
                    let reference = summary(&read(&text, delimiter, 1));
                    prop_assert_eq!(summary(&read(&text, delimiter, chunk)), reference.clone());
                    prop_assert_eq!(summary(&read(&text, delimiter, 1 << 20)), reference);
                }
            }
        }
    }

    #[test]
    fn split_line_finds_fields_quotes_and_line_ends() {
        let check = |text: &str, expected: Option<(usize, &[usize])>| {
            let mut ends = Vec::new();
            let len = split_line(text.as_bytes(), b',', &mut ends);
            assert_eq!(len.map(|len| (len, &ends[..])), expected, "{text:?}");
        };
        check(
            "ab,cd,,efghijk,lmnopqrstu\nx,y",
            Some((25, &[2, 5, 6, 14, 25])),
        );
        check("0123456789abcdef,\r\n", Some((17, &[16, 17])));
        check("a,b", None);
        check("a,\"b\"\n", None);
        check("é,ü\n", Some((5, &[2, 5])));
        check("\n", Some((0, &[0])));
    }

    #[test]
    fn empty_input_has_no_header() {
        let rows = RowReader::new(Delimiter::Comma).finish();
        assert!(!rows.has_header);
        assert_eq!(rows.read, 0);
    }
}
