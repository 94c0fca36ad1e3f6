//! Reading a transaction log (or an extra table) into columnar storage, with a report
//! of everything that was found, repaired and set aside.
//!
//! The steps, each in its own module: [`decode`] the bytes to UTF-8, split them into
//! rows with the [`reader`] into a [`table`] of interned strings, [`infer`] each column's
//! type from its distinct values ([`number`], [`date`]), guess the [`roles`], check the
//! rows a transaction log cannot do without, and [`profile`] the columns.
//!
//! Row counts always reconcile: `read = kept + rejected`, and repaired rows are kept.

pub mod checks;
pub mod currency;
pub mod date;
pub mod decode;
pub mod delimiter;
pub mod infer;
mod interner;
pub mod interpret;
pub mod join;
pub mod number;
pub mod profile;
pub mod reader;
pub mod reading;
pub mod roles;
pub mod table;
pub mod values;
pub mod workbook;

#[cfg(test)]
mod tests;

/// Loads `csv` as a table of `kind`, for tests anywhere in the crate.
#[cfg(test)]
pub(crate) fn load_text(csv: &str, kind: TableKind) -> Loaded {
    load_text_with(
        csv,
        &LoadOptions {
            kind,
            ..LoadOptions::default()
        },
    )
}

/// Loads `csv` with `options`, for tests anywhere in the crate.
#[cfg(test)]
pub(crate) fn load_text_with(csv: &str, options: &LoadOptions) -> Loaded {
    pollster::block_on(load(
        csv.as_bytes(),
        None,
        options,
        &mut crate::control::Unattended,
    ))
    .expect("loads")
}

use crate::control::{Control, Interrupted, Progress, Stage};
use decode::{Decoder, Detected, Evidence};
use delimiter::Delimiter;
use infer::ColumnType;
use profile::ColumnProfile;
use reader::{Issues, RowReader};
use reading::{Interpretation, Reading};
use roles::{Mapping, Role};
use serde::{Deserialize, Serialize};
use std::io::{self, Read};
use table::Table;
use values::Values;

/// Bytes read at a time.
const CHUNK: usize = 1 << 20;

/// What kind of table is being loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TableKind {
    /// The transaction log: needs a customer and a date column.
    Transactions,
    /// Customer attributes, events or feedback: needs a customer column, or an order
    /// column to join through the orders (an item table without a buyer).
    Extra,
}

/// Settings for [`load`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoadOptions {
    /// What is being loaded.
    pub kind: TableKind,
    /// The user's column mapping, replacing the guess.
    pub mapping: Option<Mapping>,
    /// Files larger than this are refused before reading (a browser tab's limit).
    pub max_bytes: Option<u64>,
    /// The user's other choices: statuses, guests, pseudo-products, the workbook sheet.
    pub reading: Reading,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            kind: TableKind::Transactions,
            mapping: None,
            max_bytes: None,
            reading: Reading::default(),
        }
    }
}

/// A loaded table: rows in columns, their types and roles.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// The kept rows.
    pub table: Table,
    /// Each column's type.
    pub types: Vec<ColumnType>,
    /// Each column's distinct values read as its type.
    pub values: Vec<Values>,
    /// Which column plays which role.
    pub mapping: Mapping,
    /// The user's choices it was read with.
    pub reading: Reading,
    /// Status values that mean something of their own on the platform whose export this
    /// is (Magento's `Closed` is refunded).
    pub status_meanings: &'static [(&'static str, reading::StatusKind)],
}

/// Everything found while loading, for the quality report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoadReport {
    /// Size in bytes.
    pub bytes: u64,
    /// The text encoding's name (`UTF-8`, `GBK`, `UTF-16LE`, `windows-1252`...).
    pub encoding: String,
    /// How the encoding was decided.
    pub encoding_evidence: Evidence,
    /// Byte sequences that were not valid in the encoding and became U+FFFD.
    pub malformed_bytes: u64,
    /// The delimiter.
    pub delimiter: Delimiter,
    /// Data rows read (after the header).
    pub read: u64,
    /// Rows kept (repaired ones included): `read = kept + rejected`.
    pub kept: u64,
    /// Rows kept after a repair.
    pub repaired: Issues,
    /// Rows set aside, with the reason.
    pub rejected: Issues,
    /// Kept rows that repeat an earlier kept row exactly.
    pub duplicates: u64,
    /// Kept rows that are returns or cancellations (negative quantity or amount, or an
    /// order id starting with `C` followed by digits), guests' among them; not counted as
    /// purchases. Lines of orders whose status does not count are counted apart (see
    /// [`Interpretation`]).
    pub returns: u64,
    /// Which column plays which role.
    pub mapping: Mapping,
    /// Each column's summary.
    pub columns: Vec<ColumnProfile>,
    /// Things the user should know, in plain words.
    pub notes: Vec<String>,
    /// The platform, the reasons for the roles, statuses, guests, pseudo-products,
    /// currency and sheet.
    pub interpretation: Interpretation,
}

/// A loaded table and its report.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The data.
    pub dataset: Dataset,
    /// The report.
    pub report: LoadReport,
}

/// Why a file could not be loaded. Messages are for the user; the caller adds the file
/// name.
///
/// The workbook variants (`Workbook...`, `NotWorkbook`, `NoSheetWithData`,
/// `SheetNotFound`, `SheetEmpty`) come from Excel and OpenDocument files only.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// Zero bytes, or only blank lines.
    #[error("the file is empty")]
    Empty,
    /// Too large to load here.
    #[error(
        "the file is {size} MB, more than the {limit} MB this browser tab can analyse; \
         use the crm-lens command-line program for it"
    )]
    TooLarge {
        /// Size in MB.
        size: u64,
        /// Limit in MB.
        limit: u64,
    },
    /// Not text.
    #[error(
        "this is not a text file (it contains a zero byte at offset {offset}); export the \
         data as CSV and try again"
    )]
    NotText {
        /// Where the first zero byte is.
        offset: u64,
    },
    /// The first line has thousands of fields: not a table of orders.
    #[error(
        "the first line has {count} fields, which is not a table of orders{hint}; export the \
         data as CSV with one row per order line"
    )]
    TooManyColumns {
        /// Fields on the first line.
        count: usize,
        /// What the file seems to be instead, if that can be told.
        hint: &'static str,
    },
    /// A quote opened and never closed swallowed many lines.
    #[error(
        "line {line} opens a quote that is not closed, so {lines} lines from there on run \
         together into one row; fix that quote (or remove it) and load the file again"
    )]
    UnclosedQuote {
        /// Where the quote opens.
        line: u64,
        /// How many lines it swallowed.
        lines: u64,
    },
    /// The user's column mapping does not fit the file.
    #[error("the column mapping does not fit this file: {reason}")]
    BadMapping {
        /// What does not fit.
        reason: String,
        /// Each column's name and type, to choose again.
        choices: Vec<(String, ColumnType)>,
    },
    /// A header and nothing else.
    #[error("the file has a header ({columns} columns) but no rows")]
    HeaderOnly {
        /// Columns in the header.
        columns: usize,
    },
    /// One column only.
    #[error(
        "only one column ({name:?}) was found; values must be separated by commas, \
         semicolons, tabs or pipes"
    )]
    OneColumn {
        /// Its name.
        name: String,
    },
    /// No column can be the customer id.
    #[error(
        "no column holds customer ids (the columns are {columns}); name one \"customer\", or \
         choose it: on the Data page, or with --role customer=COLUMN"
    )]
    NoCustomerColumn {
        /// The column names, quoted and joined.
        columns: String,
        /// Each column's name and type, for the user to choose from.
        choices: Vec<(String, ColumnType)>,
    },
    /// An extra table with neither a customer nor an order column: it cannot be joined.
    #[error(
        "no column holds customer ids or order ids (the columns are {columns}), so the rows \
         cannot be joined to the orders; name one \"customer\" or \"order\", or choose it \
         in the column mapping"
    )]
    NoKeyColumn {
        /// The column names, quoted and joined.
        columns: String,
        /// Each column's name and type, for the user to choose from.
        choices: Vec<(String, ColumnType)>,
    },
    /// No column holds readable dates.
    #[error(
        "no column holds order dates that can be read (the columns are {columns}); dates \
         such as 2024-01-31, 31/01/2024 or 2024年1月31日 are understood"
    )]
    NoDateColumn {
        /// The column names, quoted and joined.
        columns: String,
        /// Each column's name and type, for the user to choose from.
        choices: Vec<(String, ColumnType)>,
    },
    /// Every row was rejected.
    #[error("none of the {read} rows could be used; the first problem: {first}")]
    NoUsableRows {
        /// Rows read.
        read: u64,
        /// The first rejected row, described.
        first: String,
    },
    /// Every kept line is a guest's: there is no customer to analyse.
    #[error(
        "every one of the {lines} kept lines is a guest's (no customer id, or one such as 0 or \
         guest), so there is no customer to analyse; choose the column that identifies \
         customers, or key guests by their email or phone"
    )]
    OnlyGuests {
        /// Kept lines.
        lines: u64,
        /// Each column's name and type, for the user to choose from.
        choices: Vec<(String, ColumnType)>,
    },
    /// A workbook that calamine cannot read: damaged, cut short, or not what it seems.
    #[error(
        "this workbook (.{format}) could not be read ({detail}); open it in Excel or \
         LibreOffice, save it again and load it again, or save the sheet as CSV"
    )]
    WorkbookUnreadable {
        /// The format it was read as: `xlsx`, `xls`, `xlsb` or `ods`.
        format: &'static str,
        /// What the reader said.
        detail: String,
    },
    /// A workbook encrypted with a password.
    #[error(
        "the workbook is protected with a password; open it, remove the password (in \
         Excel: File > Info > Protect Workbook > Encrypt with Password), save it and load \
         it again, or save the sheet as CSV"
    )]
    WorkbookPassword,
    /// A zip archive that holds no workbook.
    #[error(
        "this is a zip archive, not an Excel or OpenDocument workbook; unzip it and load the \
         file inside"
    )]
    NotWorkbook,
    /// No visible worksheet has a non-empty cell.
    #[error("none of the workbook's sheets ({}) holds any data", quoted_names(.sheets))]
    NoSheetWithData {
        /// Every sheet's name.
        sheets: Vec<String>,
    },
    /// The sheet the user picked is not in the workbook.
    #[error("the workbook has no sheet named {sheet:?}; its sheets are {}", quoted_names(.sheets))]
    SheetNotFound {
        /// The sheet asked for.
        sheet: String,
        /// Every sheet's name, to pick again.
        sheets: Vec<String>,
    },
    /// The sheet the user picked has no data.
    #[error("the sheet {sheet:?} is empty; the workbook's sheets are {}", quoted_names(.sheets))]
    SheetEmpty {
        /// The sheet asked for.
        sheet: String,
        /// Every sheet's name, to pick again.
        sheets: Vec<String>,
    },
    /// The bytes could not be read.
    #[error("the file could not be read: {0}")]
    Read(#[from] io::Error),
    /// Cancelled or superseded.
    #[error(transparent)]
    Interrupted(#[from] Interrupted),
}

impl LoadError {
    /// The file's columns with their types, when choosing column roles can fix the error.
    pub fn choices(&self) -> &[(String, ColumnType)] {
        match self {
            LoadError::NoCustomerColumn { choices, .. }
            | LoadError::NoKeyColumn { choices, .. }
            | LoadError::NoDateColumn { choices, .. }
            | LoadError::BadMapping { choices, .. }
            | LoadError::OnlyGuests { choices, .. } => choices,
            _ => &[],
        }
    }
}

fn quoted_names(names: &[String]) -> String {
    quoted(&names.iter().map(String::as_str).collect::<Vec<_>>())
}

fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("{n:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where [`load`] reads its bytes from: anything [`Read`], or a source that reads
/// asynchronously (the worker reads a browser file ahead while the core parses).
pub trait Source {
    /// Fills `buffer` as far as the input allows; returns the bytes read, fewer than the
    /// buffer's length only at the end.
    fn fill(&mut self, buffer: &mut [u8]) -> impl Future<Output = io::Result<usize>>;
}

impl<R: Read> Source for R {
    fn fill(&mut self, buffer: &mut [u8]) -> impl Future<Output = io::Result<usize>> {
        std::future::ready(read_full(self, buffer))
    }
}

/// Loads a table from `input`, `total` bytes long if known.
pub async fn load<S: Source, C: Control>(
    input: S,
    total: Option<u64>,
    options: &LoadOptions,
    control: &mut C,
) -> Result<Loaded, LoadError> {
    load_as(input, total, options, Need::Roles, control).await
}

/// Loads any table from `input`, read as [`load`] reads an extra table (encoding,
/// delimiter, types, the roles guessed and those `options.reading` chooses) but with no
/// role required: a basket file of transaction ids and items, or a plain table of
/// numbers with one row per entity. `options.kind` is not used. Rows without the
/// customer (or, without one, the order) id are set aside when the table has such a
/// column.
pub async fn load_plain<S: Source, C: Control>(
    input: S,
    total: Option<u64>,
    options: &LoadOptions,
    control: &mut C,
) -> Result<Loaded, LoadError> {
    let options = LoadOptions {
        kind: TableKind::Extra,
        ..options.clone()
    };
    load_as(input, total, &options, Need::Nothing, control).await
}

/// What a table must have to be loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Need {
    /// The roles of its kind: a transaction log's customer and date, an extra table's
    /// customer or order id.
    Roles,
    /// Nothing ([`load_plain`]).
    Nothing,
}

async fn load_as<S: Source, C: Control>(
    mut input: S,
    total: Option<u64>,
    options: &LoadOptions,
    need: Need,
    control: &mut C,
) -> Result<Loaded, LoadError> {
    if let (Some(size), Some(limit)) = (total, options.max_bytes)
        && size > limit
    {
        return Err(LoadError::TooLarge {
            size: size >> 20,
            limit: limit >> 20,
        });
    }
    let mut buffer = vec![0; CHUNK];
    let first_len = input.fill(&mut buffer).await?;
    if first_len == 0 {
        return Err(LoadError::Empty);
    }
    if let Some(container) = workbook::container(&buffer[..first_len]) {
        buffer.truncate(first_len);
        return load_workbook(input, buffer, container, total, options, need, control).await;
    }
    let at_end = first_len < CHUNK;
    let mut decoder = Decoder::new();
    let mut text = Vec::with_capacity(CHUNK + CHUNK / 2);
    decoder.decode(&buffer[..first_len], at_end, &mut text);
    if !decoder.is_utf16()
        && let Some(offset) = delimiter::first_zero_byte(&buffer[..first_len])
    {
        return Err(LoadError::NotText {
            offset: offset as u64,
        });
    }
    // Excel writes `sep=;` as a first line to name the delimiter.
    let named = sep_line(&text);
    let delimiter = named.map_or_else(
        || Delimiter::sniff(&text, at_end),
        |(delimiter, _)| delimiter,
    );
    let text_start = text.iter().copied().find(|b| !b.is_ascii_whitespace());
    let mut reader = RowReader::new(delimiter);
    match named {
        Some((_, skip)) => {
            reader.skip_lines(1);
            if skip < text.len() {
                reader.feed(&text[skip..]);
            }
        }
        None => reader.feed(&text),
    }
    let mut done = first_len as u64;
    // When the first chunk was the whole file, it has been decoded as the end already.
    let mut ended = at_end;
    while !ended {
        control
            .checkpoint(Progress {
                stage: Stage::Reading,
                done,
                total,
            })
            .await?;
        let len = input.fill(&mut buffer).await?;
        ended = len == 0;
        text.clear();
        decoder.decode(&buffer[..len], ended, &mut text);
        reader.feed(&text);
        done += len as u64;
    }
    let rows = reader.finish();
    if !rows.has_header {
        return Err(LoadError::Empty);
    }
    if let Some(count) = rows.too_many_columns {
        let hint = match text_start {
            Some(b'[' | b'{') => " (it looks like JSON)",
            _ => "",
        };
        return Err(LoadError::TooManyColumns { count, hint });
    }
    if let Some((line, lines)) = rows.runaway_quote {
        return Err(LoadError::UnclosedQuote { line, lines });
    }
    // A file of ASCII only reads the same in any encoding: UTF-8.
    let detected = decoder.detected().unwrap_or(Detected {
        encoding: encoding_rs::UTF_8,
        bom_len: 0,
        evidence: Evidence::Ascii,
    });
    let origin = Origin {
        bytes: done,
        total,
        delimiter,
        detected,
        malformed: decoder.malformed(),
    };
    tabulate(rows, origin, options, need, control).await
}

/// What the rows were read from, for the report.
struct Origin {
    /// The file's size in bytes.
    bytes: u64,
    /// The size the caller announced, for the progress.
    total: Option<u64>,
    /// The delimiter (a comma for a workbook: it joins a rejected row's cells).
    delimiter: Delimiter,
    /// The text encoding.
    detected: Detected,
    /// Byte sequences that were not valid in it.
    malformed: u64,
}

/// Loads an Excel or OpenDocument workbook that starts with `bytes`.
///
/// A workbook cannot be read as it arrives, as a CSV file is: its zip (or OLE)
/// directory is at the end of the file, so all of its bytes are read into memory
/// first, within [`LoadOptions::max_bytes`] (the file's announced size was checked
/// against it, and the count is checked again as the bytes arrive).
async fn load_workbook<S: Source, C: Control>(
    mut input: S,
    mut bytes: Vec<u8>,
    container: workbook::Container,
    total: Option<u64>,
    options: &LoadOptions,
    need: Need,
    control: &mut C,
) -> Result<Loaded, LoadError> {
    // The first chunk was the whole file if it is shorter than a chunk.
    let mut at_end = bytes.len() < CHUNK;
    while !at_end {
        // Reading the bytes is the first half of the progress, converting the cells
        // (`workbook::read`) the second.
        control
            .checkpoint(Progress {
                stage: Stage::Reading,
                done: bytes.len() as u64 / 2,
                total,
            })
            .await?;
        let start = bytes.len();
        bytes.resize(start + CHUNK, 0);
        let len = input.fill(&mut bytes[start..]).await?;
        bytes.truncate(start + len);
        at_end = len < CHUNK;
        if let Some(limit) = options.max_bytes
            && bytes.len() as u64 > limit
        {
            return Err(LoadError::TooLarge {
                size: (bytes.len() as u64) >> 20,
                limit: limit >> 20,
            });
        }
    }
    let sheet =
        workbook::read(&bytes, container, options.reading.sheet.as_deref(), control).await?;
    if let Some(count) = sheet.rows.too_many_columns {
        return Err(LoadError::TooManyColumns { count, hint: "" });
    }
    let origin = Origin {
        bytes: bytes.len() as u64,
        total,
        delimiter: Delimiter::Comma,
        detected: Detected {
            encoding: encoding_rs::UTF_8,
            bom_len: 0,
            evidence: Evidence::Workbook,
        },
        malformed: 0,
    };
    drop(bytes);
    let mut loaded = tabulate(sheet.rows, origin, options, need, control).await?;
    loaded.report.interpretation.sheet = Some(sheet.report);
    Ok(loaded)
}

/// Types, roles, checks and profile of the rows read from a CSV file or a workbook
/// sheet, with the report.
async fn tabulate<C: Control>(
    rows: reader::Rows,
    origin: Origin,
    options: &LoadOptions,
    need: Need,
    control: &mut C,
) -> Result<Loaded, LoadError> {
    let Origin {
        bytes: done,
        total,
        delimiter,
        detected,
        malformed,
    } = origin;
    let mut table = rows.table;
    let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    if rows.read == 0 {
        return Err(LoadError::HeaderOnly {
            columns: names.len(),
        });
    }
    if names.len() == 1 && options.kind == TableKind::Transactions {
        return Err(LoadError::OneColumn {
            name: names[0].to_owned(),
        });
    }
    control
        .checkpoint(Progress {
            stage: Stage::Reading,
            done,
            total,
        })
        .await?;

    // Where values show no decimal separator, a semicolon file is from a decimal-comma
    // locale (that is why it is not comma-separated).
    let otherwise = match delimiter {
        Delimiter::Semicolon => number::NumberStyle::DecimalComma,
        _ => number::NumberStyle::DecimalPoint,
    };
    let types: Vec<ColumnType> = table
        .columns
        .iter()
        .map(|column| infer::infer_type(column, roles::names_a_date(&column.name), otherwise))
        .collect();
    // Each column's name and type, for errors that let the user choose the roles.
    let choices = || {
        names
            .iter()
            .map(|n| (*n).to_owned())
            .zip(types.iter().copied())
            .collect()
    };
    let values: Vec<Values> = table
        .columns
        .iter()
        .zip(&types)
        .map(|(column, t)| Values::read(column, t))
        .collect();
    let recognised = interpret::guess(&table, &types, &values);
    let (mapping, reasons) = match &options.mapping {
        Some(mapping) => {
            if let Err(reason) = mapping.check(&names, &types) {
                let choices = choices();
                return Err(LoadError::BadMapping { reason, choices });
            }
            let reasons = mapping
                .columns
                .iter()
                .map(|&(role, column)| reading::RoleReason {
                    role,
                    column,
                    reason: "chosen by you".to_owned(),
                })
                .collect();
            (mapping.clone(), reasons)
        }
        None => {
            let (mut mapping, mut reasons) = (recognised.mapping, recognised.reasons);
            for (role, column) in &options.reading.roles {
                let column = match column {
                    Some(reference) => match reference.find(&names) {
                        Some(c) => Some(c),
                        None => {
                            let reason = format!(
                                "the file has no {reference} for the {role} (its columns are {})",
                                quoted(&names)
                            );
                            let choices = choices();
                            return Err(LoadError::BadMapping { reason, choices });
                        }
                    },
                    None => None,
                };
                mapping
                    .columns
                    .retain(|&(r, c)| r != *role && Some(c) != column);
                reasons.retain(|r| r.role != *role && Some(r.column) != column);
                if let Some(column) = column {
                    mapping.columns.push((*role, column));
                    reasons.push(reading::RoleReason {
                        role: *role,
                        column,
                        reason: "chosen by you".to_owned(),
                    });
                }
            }
            mapping.columns.sort();
            if let Err(reason) = mapping.check(&names, &types) {
                let choices = choices();
                return Err(LoadError::BadMapping { reason, choices });
            }
            (mapping, reasons)
        }
    };
    // An extra table without a customer joins on the order id (an item report).
    let keyed = mapping.column(Role::Customer).is_some()
        || (options.kind == TableKind::Extra && mapping.column(Role::Order).is_some());
    if !keyed && options.kind == TableKind::Extra && need == Need::Roles {
        return Err(LoadError::NoKeyColumn {
            columns: quoted(&names),
            choices: choices(),
        });
    }
    if !keyed && need == Need::Roles {
        return Err(LoadError::NoCustomerColumn {
            columns: quoted(&names),
            choices: choices(),
        });
    }
    if options.kind == TableKind::Transactions && mapping.column(Role::Date).is_none() {
        return Err(LoadError::NoDateColumn {
            columns: quoted(&names),
            choices: choices(),
        });
    }

    let mut rejected = rows.rejected;
    let keep = checks::required(
        &table,
        &values,
        &mapping,
        options.kind,
        delimiter,
        &mut rejected,
    );
    table.retain(&keep);
    let kept = table.rows() as u64;
    if kept == 0 {
        let first = rejected.first.first().map_or_else(String::new, |issue| {
            let column = issue
                .column
                .as_ref()
                .map(|c| format!(", column {c:?}"))
                .unwrap_or_default();
            format!("line {}{column}: {}", issue.line, issue.problem)
        });
        return Err(LoadError::NoUsableRows {
            read: rows.read,
            first,
        });
    }

    let columns: Vec<ColumnProfile> = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, column)| profile::profile(column, types[i], &values[i], mapping.role_of(i)))
        .collect();
    let mut notes = Vec::new();
    if detected.evidence == Evidence::Guessed {
        notes.push(format!(
            "The text encoding was guessed as {}. If names or amounts look wrong, save the file \
             as UTF-8 CSV and load it again.",
            detected.encoding.name()
        ));
    }
    if let Some(ColumnType::Date { reading }) = mapping.column(Role::Date).map(|c| types[c])
        && reading.order_assumed
    {
        notes.push(
            "Every date reads both day-first and month-first (such as 03/04/2024); they were \
             read day first. If your dates put the month first, change it in the column mapping."
                .to_owned(),
        );
    }
    if malformed > 0 {
        notes.push(format!(
            "{} byte sequences are not valid {} and were replaced with \u{FFFD}; if text looks \
             wrong, save the file as UTF-8.",
            malformed,
            detected.encoding.name()
        ));
    }
    let mut currency =
        currency::detect(options.kind, &table, &types, &values, &mapping, &mut notes);
    // A platform that trades in one currency (Taobao, JD...) says it by being itself.
    if currency.code.is_none()
        && options.kind == TableKind::Transactions
        && let (Some(code), Some(platform)) = (recognised.currency, &recognised.platform)
    {
        currency.code = Some(code.to_owned());
        currency.source = format!("a {} export is in {code}", platform.name);
    }
    let order_level = interpret::order_level_columns(&table, &values, &mapping);
    let dataset = Dataset {
        table,
        types,
        values,
        mapping,
        reading: options.reading.clone(),
        status_meanings: recognised.status_meanings,
    };
    let interpretation = if options.kind == TableKind::Transactions {
        let (statuses, guests, pseudo_products) = interpret::findings(&dataset);
        Interpretation {
            platform: recognised.platform,
            reasons,
            currency,
            order_level,
            statuses,
            guests,
            pseudo_products,
            pseudo_products_kept: options.reading.keep_pseudo_products,
            ..Interpretation::default()
        }
    } else {
        Interpretation {
            platform: recognised.platform,
            reasons,
            currency,
            ..Interpretation::default()
        }
    };
    let guests = &interpretation.guests;
    if options.kind == TableKind::Transactions && guests.lines - guests.keyed == kept {
        let choices = dataset
            .table
            .columns
            .iter()
            .map(|c| c.name.clone())
            .zip(dataset.types.iter().copied())
            .collect();
        return Err(LoadError::OnlyGuests {
            lines: kept,
            choices,
        });
    }
    notes.extend(interpretation_notes(&interpretation));
    let report = LoadReport {
        bytes: done,
        encoding: detected.encoding.name().to_owned(),
        encoding_evidence: detected.evidence,
        malformed_bytes: malformed,
        delimiter,
        read: rows.read,
        kept,
        repaired: rows.repaired,
        rejected,
        duplicates: checks::duplicates(&dataset.table),
        returns: checks::returns(&dataset.table, &dataset.values, &dataset.mapping),
        mapping: dataset.mapping.clone(),
        columns,
        notes,
        interpretation,
    };
    Ok(Loaded { dataset, report })
}

/// `1 line`, `2 lines`.
fn count_lines(n: u64) -> String {
    if n == 1 {
        "1 line".to_owned()
    } else {
        format!("{n} lines")
    }
}

/// What the interpretation means for the analyses, in plain words.
fn interpretation_notes(interpretation: &Interpretation) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(platform) = &interpretation.platform {
        notes.push(format!(
            "Recognised as a {} {} (from the columns {}).",
            platform.name,
            platform.export,
            platform
                .evidence
                .iter()
                .take(4)
                .map(|e| format!("{e:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let not_counted: Vec<&reading::StatusCount> = interpretation
        .statuses
        .iter()
        .filter(|s| !s.counted)
        .collect();
    if !not_counted.is_empty() {
        let lines: u64 = not_counted.iter().map(|s| s.lines).sum();
        let values = not_counted
            .iter()
            .map(|s| format!("{:?} ({})", s.value, s.lines))
            .collect::<Vec<_>>()
            .join(", ");
        notes.push(format!(
            "{} of orders whose status is {values} are not counted as purchases.",
            count_lines(lines)
        ));
    }
    let guests = &interpretation.guests;
    if guests.lines > 0 {
        let left_out = guests.lines - guests.keyed;
        let ids = guests
            .ids
            .iter()
            .map(|id| {
                if id.is_empty() {
                    "no id".to_owned()
                } else {
                    format!("{id:?}")
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        let key = match guests.policy {
            reading::GuestPolicy::Phone => "phone",
            _ => "email",
        };
        notes.push(if guests.keyed > 0 {
            format!(
                "{} are guests' (customer {ids}): {} are keyed by their {key} and {left_out} \
                 without one are left out.",
                count_lines(guests.lines),
                guests.keyed,
            )
        } else if guests.policy != reading::GuestPolicy::LeaveOut {
            format!(
                "{} are guests' or walk-ins' (customer {ids}); you chose to key them by their \
                 {key}, but none has one (the file has no {key} column, or it is empty on their \
                 lines): they are left out of the analyses.",
                count_lines(left_out)
            )
        } else {
            format!(
                "{} (customer {ids}), not one customer's: they are left out of the analyses.",
                if left_out == 1 {
                    "1 line is a guest's or walk-in's".to_owned()
                } else {
                    format!("{left_out} lines are guests' or walk-ins'")
                }
            )
        });
    }
    if !interpretation.pseudo_products.is_empty() {
        let names = interpretation
            .pseudo_products
            .iter()
            .take(6)
            .map(|p| format!("{:?}", p.name))
            .collect::<Vec<_>>()
            .join(", ");
        notes.push(if interpretation.pseudo_products_kept {
            format!("Postage, fees and discounts ({names}) are kept as products, as you chose.")
        } else {
            format!(
                "Postage, fees and discounts ({names}) are not products: they are left out of \
                 purchases, baskets and recommendations."
            )
        });
    }
    notes
}

/// The delimiter named by an Excel `sep=;` first line, and the length of that line.
fn sep_line(text: &[u8]) -> Option<(Delimiter, usize)> {
    let rest = text.strip_prefix(b"sep=")?;
    let delimiter = Delimiter::ALL
        .into_iter()
        .find(|d| rest.first() == Some(&d.as_byte()))?;
    let end = match &rest[1..] {
        [b'\r', b'\n', ..] => 7,
        [b'\n', ..] | [b'\r', ..] => 6,
        _ => return None,
    };
    Some((delimiter, end))
}

/// Fills `buffer` as far as the input allows; returns the bytes read, fewer than the
/// buffer's length only at the end.
fn read_full(input: &mut impl Read, buffer: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match input.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(filled)
}
