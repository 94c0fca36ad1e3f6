//! Counting the records of a delimited file as its bytes stream past.

use super::{Delimiter, RAGGED_EXAMPLES, Ragged, RaggedRow};
use csv_core::{ReadFieldResult, Reader, ReaderBuilder};

/// The longest header name kept, in bytes; longer ones are cut (at a character boundary).
const MAX_HEADER_NAME: usize = 1024;

/// Counts records and fields with CSV quoting rules, keeping only the header's text.
pub(super) struct RecordCounter {
    reader: Reader,
    /// Scratch space for field contents, which are thrown away except in the header.
    scratch: Box<[u8]>,
    header: Option<Vec<String>>,
    /// The header field being read, while the header is being read.
    header_field: Vec<u8>,
    header_fields: Vec<String>,
    /// Fields seen so far in the current record.
    fields: u64,
    rows: u64,
    ragged: Ragged,
}

impl RecordCounter {
    pub(super) fn new(delimiter: Delimiter) -> Self {
        Self {
            reader: ReaderBuilder::new().delimiter(delimiter.as_byte()).build(),
            scratch: vec![0; 64 * 1024].into_boxed_slice(),
            header: None,
            header_field: Vec::new(),
            header_fields: Vec::new(),
            fields: 0,
            rows: 0,
            ragged: Ragged::default(),
        }
    }

    /// Reads the next bytes of the file. `input` must not be empty: csv-core takes an
    /// empty input as the end of the file (see [`Self::finish`]).
    pub(super) fn feed(&mut self, mut input: &[u8]) {
        while !input.is_empty() {
            let (result, read, written) = self.reader.read_field(input, &mut self.scratch);
            let ends_with_newline = read > 0 && input[read - 1] == b'\n';
            input = &input[read..];
            self.handle(result, written, ends_with_newline);
        }
    }

    /// Ends the file and returns the header, the number of data rows and the ragged rows.
    pub(super) fn finish(mut self) -> (Vec<String>, u64, Ragged) {
        loop {
            let (result, _, written) = self.reader.read_field(&[], &mut self.scratch);
            if matches!(result, ReadFieldResult::End) {
                break;
            }
            self.handle(result, written, false);
        }
        (
            self.header.unwrap_or(self.header_fields),
            self.rows,
            self.ragged,
        )
    }

    fn handle(&mut self, result: ReadFieldResult, written: usize, ends_with_newline: bool) {
        let in_header = self.header.is_none();
        if in_header && self.header_field.len() < MAX_HEADER_NAME {
            let room = MAX_HEADER_NAME - self.header_field.len();
            self.header_field
                .extend_from_slice(&self.scratch[..written.min(room)]);
        }
        let ReadFieldResult::Field { record_end } = result else {
            return;
        };
        self.fields += 1;
        if in_header {
            let name = String::from_utf8_lossy(&self.header_field)
                .trim()
                .to_owned();
            self.header_fields.push(name);
            self.header_field.clear();
        }
        if !record_end {
            return;
        }
        if in_header {
            self.header = Some(std::mem::take(&mut self.header_fields));
        } else {
            self.rows += 1;
            let expected = self.header.as_ref().map_or(0, Vec::len) as u64;
            if self.fields != expected {
                self.ragged.rows += 1;
                if self.ragged.first.len() < RAGGED_EXAMPLES {
                    // csv-core has already counted the newline that ended the record.
                    let line = self.reader.line() - u64::from(ends_with_newline);
                    self.ragged.first.push(RaggedRow {
                        line,
                        fields: self.fields,
                    });
                }
            }
        }
        self.fields = 0;
    }
}
