//! Excel and OpenDocument workbooks (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`), read
//! with calamine (pure Rust).
//!
//! A workbook is told by its first bytes, whatever its name: a zip archive (`.xlsx`,
//! `.xlsb`, `.ods`) or an OLE compound file (`.xls`, and any workbook encrypted with a
//! password). One sheet is read, the one the user picked or the first visible worksheet
//! with data, into the same [`Rows`] the CSV reader makes: the first non-empty row is
//! the header, each cell becomes the text a CSV export would hold ([`cell`]), and from
//! there the table goes through the same types, roles, checks and profile as a CSV file.

mod cell;
// Native only: the workbooks are written with rust_xlsxwriter, a native dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

use super::LoadError;
use super::reader::{
    BATCH_BYTES, MAX_COLUMNS, Problem, RowIssue, Rows, SHOWN_ROW_CHARS, header_names,
};
use super::reading::SheetReport;
use super::table::{Batch, Table, TextColumn};
use crate::control::{Control, Progress, Stage};
use calamine::{
    Data, Ods, OdsError, Range, Reader, SheetType, SheetVisible, Sheets, Xls, XlsError, Xlsb,
    XlsbError, Xlsx, XlsxError,
};
use std::io::Cursor;

/// Rows converted between two checkpoints.
const CHECKPOINT_ROWS: usize = 4096;

/// How a workbook's bytes are packed, told by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// A zip archive (`PK\x03\x04`): `.xlsx`, `.xlsm`, `.xlsb` or `.ods`.
    Zip,
    /// An OLE compound file (`D0 CF 11 E0 A1 B1 1A E1`): `.xls`, or a workbook encrypted
    /// with a password.
    Ole,
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The container of a file starting with `start`, if it is one a workbook comes in.
pub fn container(start: &[u8]) -> Option<Container> {
    if start.starts_with(ZIP_MAGIC) {
        Some(Container::Zip)
    } else if start.starts_with(OLE_MAGIC) {
        Some(Container::Ole)
    } else {
        None
    }
}

/// One sheet of a workbook, read.
#[derive(Debug)]
pub struct Sheet {
    /// Its rows, as the CSV reader gives them.
    pub rows: Rows,
    /// The sheet read, and every sheet's name.
    pub report: SheetReport,
}

/// Reads the sheet named `wanted` (or the first visible worksheet with data) of the
/// workbook `bytes`. Progress is reported in bytes of the file, as for a CSV file: the
/// first half of them stands for reading the bytes, the second for converting the
/// cells.
pub async fn read<C: Control>(
    bytes: &[u8],
    container: Container,
    wanted: Option<&str>,
    control: &mut C,
) -> Result<Sheet, LoadError> {
    let mut book = open(bytes, container)?;
    let format = format(&book);
    let sheets: Vec<String> = book.sheet_names();
    let (name, range) = match wanted {
        Some(name) => {
            if !sheets.iter().any(|sheet| sheet == name) {
                return Err(LoadError::SheetNotFound {
                    sheet: name.to_owned(),
                    sheets,
                });
            }
            let range = book
                .worksheet_range(name)
                .map_err(|error| unreadable(format, error))?;
            if !has_data(&range) {
                return Err(LoadError::SheetEmpty {
                    sheet: name.to_owned(),
                    sheets,
                });
            }
            (name.to_owned(), range)
        }
        None => first_with_data(&mut book, format)?.ok_or_else(|| LoadError::NoSheetWithData {
            sheets: sheets.clone(),
        })?,
    };
    let total = bytes.len() as u64;
    let rows = convert(&range, total, control).await?;
    Ok(Sheet {
        rows,
        report: SheetReport { name, sheets },
    })
}

/// Opens the workbook, trying the formats its container can hold.
fn open(bytes: &[u8], container: Container) -> Result<Sheets<Cursor<&[u8]>>, LoadError> {
    let cursor = Cursor::new(bytes);
    match container {
        Container::Ole => match Xls::new(cursor.clone()) {
            Ok(book) => Ok(Sheets::Xls(book)),
            Err(XlsError::Password) => Err(LoadError::WorkbookPassword),
            // An `.xlsx` or `.xlsb` encrypted with a password is an OLE file too.
            Err(error) => match Xlsx::new(cursor) {
                Err(XlsxError::Password) => Err(LoadError::WorkbookPassword),
                _ => Err(unreadable("xls", error)),
            },
        },
        Container::Zip => {
            let xlsx = match Xlsx::new(cursor.clone()) {
                Ok(book) => return Ok(Sheets::Xlsx(book)),
                Err(XlsxError::Password) => return Err(LoadError::WorkbookPassword),
                // The archive itself is broken (cut short, damaged).
                Err(error @ XlsxError::Zip(_)) => return Err(unreadable("xlsx", error)),
                Err(error) => error,
            };
            let xlsb = match Xlsb::new(cursor.clone()) {
                Ok(book) => return Ok(Sheets::Xlsb(book)),
                Err(XlsbError::Password) => return Err(LoadError::WorkbookPassword),
                Err(error) => error,
            };
            match Ods::new(cursor) {
                Ok(book) => Ok(Sheets::Ods(book)),
                Err(OdsError::Password) => Err(LoadError::WorkbookPassword),
                Err(OdsError::FileNotFound(_))
                    if matches!(xlsx, XlsxError::FileNotFound(_))
                        && matches!(xlsb, XlsbError::FileNotFound(_)) =>
                {
                    Err(LoadError::NotWorkbook)
                }
                // Which format it was meant to be cannot be told; Excel's is likeliest.
                Err(_) => Err(unreadable("xlsx", xlsx)),
            }
        }
    }
}

/// The file format's usual extension.
fn format<RS>(book: &Sheets<RS>) -> &'static str {
    match book {
        Sheets::Xls(_) => "xls",
        Sheets::Xlsx(_) => "xlsx",
        Sheets::Xlsb(_) => "xlsb",
        Sheets::Ods(_) => "ods",
    }
}

fn unreadable(format: &'static str, error: impl std::fmt::Display) -> LoadError {
    LoadError::WorkbookUnreadable {
        format,
        detail: error.to_string(),
    }
}

fn has_data(range: &Range<Data>) -> bool {
    range.used_cells().any(|(_, _, cell)| !cell::is_blank(cell))
}

/// The first visible worksheet with a non-empty cell, and its cells. (Chart and macro
/// sheets hold no table; a hidden sheet usually holds lookup lists, and is read only
/// when picked.)
fn first_with_data(
    book: &mut Sheets<Cursor<&[u8]>>,
    format: &'static str,
) -> Result<Option<(String, Range<Data>)>, LoadError> {
    let candidates: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|sheet| sheet.typ == SheetType::WorkSheet && sheet.visible == SheetVisible::Visible)
        .map(|sheet| sheet.name.clone())
        .collect();
    for name in candidates {
        let range = book
            .worksheet_range(&name)
            .map_err(|error| unreadable(format, error))?;
        if has_data(&range) {
            return Ok(Some((name, range)));
        }
    }
    Ok(None)
}

/// The cells of `range` as rows: the first non-empty row is the header, empty rows are
/// skipped (as blank lines of a CSV file are), and a row with values beyond the header's
/// last column is set aside (as a CSV row with extra fields is). Each row's line is its
/// row number in the sheet, as the spreadsheet shows it. Columns start at the range's
/// first used column (a column left blank at the sheet's left is no column).
async fn convert<C: Control>(
    range: &Range<Data>,
    total: u64,
    control: &mut C,
) -> Result<Rows, LoadError> {
    let first_row = u64::from(range.start().map_or(0, |(row, _)| row));
    let height = range.height().max(1);
    let mut rows = Rows::default();
    let mut width = 0;
    let mut text = String::new();
    let mut ends: Vec<usize> = Vec::new();
    let mut batch = Batch::default();
    for (index, cells) in range.rows().enumerate() {
        if index % CHECKPOINT_ROWS == 0 {
            control
                .checkpoint(Progress {
                    stage: Stage::Reading,
                    done: total / 2 + total / 2 * index as u64 / height as u64,
                    total: Some(total),
                })
                .await?;
        }
        let Some(last) = cells.iter().rposition(|cell| !cell::is_blank(cell)) else {
            continue;
        };
        let line = first_row + index as u64 + 1;
        text.clear();
        ends.clear();
        for cell in &cells[..=last] {
            cell::write(cell, &mut text);
            ends.push(text.len());
        }
        let field = |i: usize| &text[if i == 0 { 0 } else { ends[i - 1] }..ends[i]];
        if !rows.has_header {
            rows.has_header = true;
            width = last + 1;
            if width > MAX_COLUMNS {
                rows.too_many_columns = Some(width);
                return Ok(rows);
            }
            let names = header_names((0..ends.len()).map(field));
            batch = Batch::new(names.len());
            rows.table = Table {
                columns: names.into_iter().map(TextColumn::new).collect(),
                lines: Vec::new(),
            };
            continue;
        }
        rows.read += 1;
        let found = last + 1;
        if found > width {
            let shown = shown((0..ends.len()).map(field));
            rows.rejected.push(RowIssue {
                line,
                column: None,
                problem: Problem::ExtraFields {
                    found: found as u64,
                    expected: width as u64,
                },
                text: shown,
            });
            continue;
        }
        batch.push((0..ends.len()).map(field), line);
        if batch.text_len() >= BATCH_BYTES {
            rows.table.append(&mut batch);
        }
    }
    rows.table.append(&mut batch);
    Ok(rows)
}

/// A rejected row's cells joined with commas, shortened for display.
fn shown<'a>(cells: impl Iterator<Item = &'a str>) -> String {
    let joined = cells.collect::<Vec<_>>().join(",");
    match joined.char_indices().nth(SHOWN_ROW_CHARS) {
        Some((cut, _)) => format!("{}…", &joined[..cut]),
        None => joined,
    }
}
