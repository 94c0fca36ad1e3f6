//! Guessing the field delimiter from the start of a file, and telling text from binary.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A field delimiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Delimiter {
    /// `,`
    Comma,
    /// `;` (common where the comma is the decimal separator)
    Semicolon,
    /// A tab character.
    Tab,
    /// `|`
    Pipe,
}

/// How many bytes of the file's start the delimiter guess looks at.
const SNIFF_BYTES: usize = 64 * 1024;
/// How many records the delimiter guess looks at.
const SNIFF_RECORDS: usize = 200;

impl Delimiter {
    /// All candidates, in order of preference when the evidence is equal.
    pub const ALL: [Self; 4] = [Self::Comma, Self::Semicolon, Self::Tab, Self::Pipe];

    /// The delimiter as a byte.
    pub fn as_byte(self) -> u8 {
        match self {
            Self::Comma => b',',
            Self::Semicolon => b';',
            Self::Tab => b'\t',
            Self::Pipe => b'|',
        }
    }

    /// The delimiter as a character.
    pub fn as_char(self) -> char {
        char::from(self.as_byte())
    }

    /// Guesses the delimiter from the start of a file. `complete` says whether `text` is
    /// the whole file; if not, its last, possibly cut, line is ignored.
    ///
    /// Each candidate splits the first records (with CSV quoting rules); the winner is
    /// the one whose most common field count is shared by the most records, then the one
    /// giving more fields. A file where no candidate gives two fields is read as one
    /// column, split on commas.
    pub fn sniff(text: &[u8], complete: bool) -> Self {
        let mut sample = &text[..text.len().min(SNIFF_BYTES)];
        if !(complete && sample.len() == text.len()) {
            // Drop the last, possibly cut, line (unless that would leave nothing).
            if let Some(end) = sample.iter().rposition(|&b| b == b'\n') {
                sample = &sample[..=end];
            }
        }
        let mut best = (Self::Comma, 0.0, 0);
        for candidate in Self::ALL {
            let counts = field_counts(sample, candidate.as_byte());
            let Some((fields, share)) = consistency(&counts) else {
                continue;
            };
            if fields < 2 {
                continue;
            }
            let (_, best_share, best_fields) = best;
            if share > best_share || (share == best_share && fields > best_fields) {
                best = (candidate, share, fields);
            }
        }
        best.0
    }
}

impl fmt::Display for Delimiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Comma => "comma",
            Self::Semicolon => "semicolon",
            Self::Tab => "tab",
            Self::Pipe => "pipe",
        })
    }
}

/// Field counts of the first records of `sample` split on `delimiter`.
fn field_counts(sample: &[u8], delimiter: u8) -> Vec<usize> {
    let mut reader = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let mut input = sample;
    let mut output = [0u8; 4096];
    let mut counts = Vec::new();
    let mut fields = 0;
    while counts.len() < SNIFF_RECORDS {
        let (result, read, _) = reader.read_field(input, &mut output);
        input = &input[read..];
        match result {
            csv_core::ReadFieldResult::Field { record_end } => {
                fields += 1;
                if record_end {
                    counts.push(fields);
                    fields = 0;
                }
            }
            // After `InputEmpty` the input is used up, and the next call, with an empty
            // input, tells csv-core the sample has ended so it closes the last record.
            csv_core::ReadFieldResult::OutputFull | csv_core::ReadFieldResult::InputEmpty => {}
            csv_core::ReadFieldResult::End => break,
        }
    }
    counts
}

/// The most common value and the share of records that have it.
fn consistency(counts: &[usize]) -> Option<(usize, f64)> {
    let mut tally: Vec<(usize, usize)> = Vec::new();
    for &count in counts {
        match tally.iter_mut().find(|(value, _)| *value == count) {
            Some((_, seen)) => *seen += 1,
            None => tally.push((count, 1)),
        }
    }
    let (value, seen) = tally
        .into_iter()
        .max_by_key(|&(value, seen)| (seen, value))?;
    Some((value, seen as f64 / counts.len() as f64))
}

/// The offset of the first zero byte in the first 8 KiB, if any: text files have none.
pub fn first_zero_byte(text: &[u8]) -> Option<usize> {
    text.iter().take(8192).position(|&b| b == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_each_delimiter() {
        for (text, expected) in [
            (&b"a,b,c\n1,2,3\n"[..], Delimiter::Comma),
            (b"a;b;c\n1,5;2,25;3\n", Delimiter::Semicolon),
            (b"a\tb\tc\n1\t2\t3\n", Delimiter::Tab),
            (b"a|b|c\n1|2|3\n", Delimiter::Pipe),
            // Delimiters inside quotes do not count.
            (
                b"name;note\n\"x, y, z\";1\n\"p, q\";2\n",
                Delimiter::Semicolon,
            ),
            // Consistency beats the number of fields: these commas are decimal separators.
            (b"id;price\n1;2,50\n2;3\n3;4,75,1\n", Delimiter::Semicolon),
            // One column: split on commas.
            (b"customer\nc1\nc2\n", Delimiter::Comma),
        ] {
            assert_eq!(
                Delimiter::sniff(text, true),
                expected,
                "{}",
                String::from_utf8_lossy(text)
            );
        }
    }

    #[test]
    fn a_cut_last_line_is_ignored() {
        // The sample ends inside a row with many commas; only complete lines count.
        assert_eq!(
            Delimiter::sniff(b"a;b\n1;2\n3;4\nx,y,z,w,v", false),
            Delimiter::Semicolon
        );
    }

    #[test]
    fn finds_zero_bytes_early_in_binary_files() {
        assert_eq!(first_zero_byte(b"PK\x03\x04\x00"), Some(4));
        assert_eq!(first_zero_byte(b"plain text"), None);
    }
}
