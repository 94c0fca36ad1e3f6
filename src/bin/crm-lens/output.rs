//! Writing results: to standard output or to a file named by an option ([`Sink`]), as
//! JSON, CSV or text, the same way for every subcommand; and the profile's JSON lines or
//! CSV rows, one file after another ([`Printer`]).

use crate::Format;
use crm_lens::ingest::LoadReport;
use crm_lens::ingest::infer::ColumnType;
use serde::Serialize;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Where a result is written.
#[derive(Clone, Copy, Debug)]
pub enum Sink<'a> {
    /// Standard output. A reader that stops early (`crm-lens ... | head`) is no error.
    Stdout,
    /// A file, created or replaced.
    File(&'a Path),
}

impl Sink<'_> {
    /// Writes `bytes`. The error is a message that names the file.
    pub fn write(self, bytes: &[u8]) -> Result<(), String> {
        match self {
            Sink::Stdout => {
                let mut out = io::stdout().lock();
                match out.write_all(bytes).and_then(|()| out.flush()) {
                    Ok(()) => Ok(()),
                    Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                    Err(error) => Err(format!("cannot write the output: {error}")),
                }
            }
            Sink::File(path) => fs::write(path, bytes)
                .map_err(|error| format!("{}: cannot write the file: {error}", path.display())),
        }
    }

    /// Writes `text`, ending with a line break.
    pub fn text(self, text: &str) -> Result<(), String> {
        if text.ends_with('\n') {
            self.write(text.as_bytes())
        } else {
            self.write(format!("{text}\n").as_bytes())
        }
    }

    /// Writes `value` as one line of JSON.
    pub fn json<T: Serialize + ?Sized>(self, value: &T) -> Result<(), String> {
        let mut bytes = serde_json::to_vec(value)
            .map_err(|error| format!("cannot write the result as JSON: {error}"))?;
        bytes.push(b'\n');
        self.write(&bytes)
    }

    /// Writes CSV records made by `rows` (the header first) with the `csv` crate.
    pub fn csv(
        self,
        rows: impl FnOnce(&mut csv::Writer<Vec<u8>>) -> csv::Result<()>,
    ) -> Result<(), String> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        rows(&mut writer).map_err(|error| format!("cannot write the CSV: {error}"))?;
        let bytes = writer
            .into_inner()
            .map_err(|error| format!("cannot write the CSV: {error}"))?;
        self.write(&bytes)
    }
}

/// Writes results in the chosen format.
pub enum Printer<W: Write> {
    /// One JSON object per line.
    Json(W),
    /// A header row, then rows per result.
    Csv {
        out: Box<csv::Writer<W>>,
        wrote_header: bool,
    },
}

/// One profiled file, as printed in JSON.
#[derive(Serialize)]
struct ProfileLine<'a> {
    file: &'a str,
    #[serde(flatten)]
    report: &'a LoadReport,
}

const PROFILE_CSV_HEADER: [&str; 10] = [
    "file",
    "column",
    "role",
    "type",
    "rows",
    "missing",
    "unreadable",
    "distinct",
    "why",
    "platform",
];

impl<W: Write> Printer<W> {
    pub fn new(out: W, format: Format) -> Self {
        match format {
            Format::Json => Self::Json(out),
            Format::Csv => Self::Csv {
                out: Box::new(csv::Writer::from_writer(out)),
                wrote_header: false,
            },
        }
    }

    pub fn profile(&mut self, file: &str, report: &LoadReport) -> io::Result<()> {
        match self {
            Self::Json(out) => {
                serde_json::to_writer(&mut *out, &ProfileLine { file, report })?;
                out.write_all(b"\n")
            }
            Self::Csv { out, wrote_header } => {
                if !*wrote_header {
                    out.write_record(PROFILE_CSV_HEADER)?;
                    *wrote_header = true;
                }
                let interpretation = &report.interpretation;
                let platform = interpretation
                    .platform
                    .as_ref()
                    .map(|p| format!("{} {}", p.name, p.export))
                    .unwrap_or_default();
                for (index, column) in report.columns.iter().enumerate() {
                    let why = interpretation
                        .reasons
                        .iter()
                        .find(|r| r.column == index)
                        .map(|r| r.reason.clone())
                        .or_else(|| {
                            interpretation
                                .order_level
                                .iter()
                                .find(|o| o.column == index)
                                .map(|o| format!("order-level: {}", o.reason))
                        })
                        .unwrap_or_default();
                    let column_type = match column.column_type {
                        ColumnType::Text => "text",
                        ColumnType::Number { .. } => "number",
                        ColumnType::Date { .. } => "date",
                    };
                    out.write_record([
                        file.to_owned(),
                        column.name.clone(),
                        column.role.map(|role| role.to_string()).unwrap_or_default(),
                        column_type.to_owned(),
                        report.kept.to_string(),
                        column.missing.to_string(),
                        column.unreadable.to_string(),
                        column.distinct.to_string(),
                        why,
                        platform.clone(),
                    ])?;
                }
                Ok(())
            }
        }
    }

    pub fn finish(self) -> io::Result<()> {
        match self {
            Self::Json(mut out) => out.flush(),
            Self::Csv { mut out, .. } => out.flush(),
        }
    }
}
