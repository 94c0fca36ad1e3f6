//! A first, streaming look at a delimited text file: encoding (from its byte-order
//! mark), delimiter, header, number of rows and rows whose field count differs from the
//! header's. Memory stays bounded whatever the file size: the file is read in chunks and
//! only the header's text is kept.

mod records;
mod sniff;

use crate::control::{Control, Interrupted, Progress, Stage};
use records::RecordCounter;
use serde::{Deserialize, Serialize};
use std::io::{self, Read};

pub use sniff::{Delimiter, TextEncoding, first_zero_byte};

/// Bytes read at a time. Big enough that per-chunk overhead is negligible, small
/// enough to keep memory flat and checkpoints frequent.
const CHUNK: usize = 1 << 20;

/// How many ragged rows are listed by line; the rest are only counted.
pub const RAGGED_EXAMPLES: usize = 10;

/// What a scan found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanReport {
    /// Size of the file in bytes.
    pub bytes: u64,
    /// The text encoding, as far as a byte-order mark tells.
    pub encoding: TextEncoding,
    /// The field delimiter.
    pub delimiter: Delimiter,
    /// The names in the first row.
    pub header: Vec<String>,
    /// Data rows after the header (blank lines are not rows).
    pub rows: u64,
    /// Rows whose number of fields differs from the header's.
    pub ragged: Ragged,
}

/// Rows whose number of fields differs from the header's.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Ragged {
    /// How many there are.
    pub rows: u64,
    /// The first [`RAGGED_EXAMPLES`] of them.
    pub first: Vec<RaggedRow>,
}

/// One row whose number of fields differs from the header's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RaggedRow {
    /// The 1-based line on which the row ends.
    pub line: u64,
    /// How many fields it has.
    pub fields: u64,
}

/// Why a file could not be scanned. Messages are for the user; the caller adds the file
/// name.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    /// Zero bytes.
    #[error("the file is empty")]
    Empty,
    /// Not text at all.
    #[error(
        "this is not a text file (it contains a zero byte at offset {offset}); \
         export the data as CSV and try again"
    )]
    NotText {
        /// Byte offset of the first zero byte.
        offset: u64,
    },
    /// A text encoding this version cannot read yet.
    #[error("the file is encoded as {0}, which cannot be read yet; save it as UTF-8 CSV")]
    UnsupportedEncoding(TextEncoding),
    /// The bytes could not be read.
    #[error("the file could not be read: {0}")]
    Read(#[from] io::Error),
    /// The scan was cancelled or superseded.
    #[error(transparent)]
    Interrupted(#[from] Interrupted),
}

/// Scans `input`, whose length is `total` bytes if known.
///
/// Reads in chunks of 1 MiB and awaits a checkpoint after each, reporting the bytes
/// read so far.
pub async fn scan<R: Read, C: Control>(
    mut input: R,
    total: Option<u64>,
    control: &mut C,
) -> Result<ScanReport, ScanError> {
    let mut buffer = vec![0; CHUNK];
    let first_len = read_full(&mut input, &mut buffer)?;
    if first_len == 0 {
        return Err(ScanError::Empty);
    }
    let first = &buffer[..first_len];
    let (encoding, bom_len) = TextEncoding::sniff(first);
    if matches!(encoding, TextEncoding::Utf16Le | TextEncoding::Utf16Be) {
        return Err(ScanError::UnsupportedEncoding(encoding));
    }
    let text = &first[bom_len..];
    if let Some(offset) = sniff::first_zero_byte(text) {
        return Err(ScanError::NotText {
            offset: (offset + bom_len) as u64,
        });
    }
    let at_end = first_len < buffer.len();
    let delimiter = Delimiter::sniff(text, at_end);

    let mut counter = RecordCounter::new(delimiter);
    counter.feed(text);
    let mut done = first_len as u64;
    loop {
        control
            .checkpoint(Progress {
                stage: Stage::Reading,
                done,
                total,
            })
            .await?;
        let len = read_full(&mut input, &mut buffer)?;
        if len == 0 {
            break;
        }
        counter.feed(&buffer[..len]);
        done += len as u64;
    }
    let (header, rows, ragged) = counter.finish();
    Ok(ScanReport {
        bytes: done,
        encoding,
        delimiter,
        header,
        rows,
        ragged,
    })
}

/// Fills `buffer` as far as the input allows; returns the number of bytes read, which is
/// less than the buffer's length only at the end of the input.
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

#[cfg(test)]
mod tests;
