//! Reads a browser `File` inside the worker, a slice at a time, with the synchronous
//! `FileReaderSync` that only workers have. The UI thread never touches the bytes.

use js_sys::Uint8Array;
use std::io::{self, Read};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{File, FileReaderSync};

pub(super) struct FileReader {
    file: File,
    reader: Option<FileReaderSync>,
    /// Where the next slice starts in the file.
    offset: f64,
    /// The last slice read, and how much of it was handed out.
    slice: Option<Uint8Array>,
    taken: u32,
}

/// Bytes read from the file at a time, handed out as the reader asks. Each
/// `FileReaderSync` call costs a few milliseconds whatever its size (the browser process
/// reads the file): reading a 64 MB file 1 MB at a time took 340-410 ms in all, 8 MB at
/// a time 120-140 ms (4 MB: 180-200 ms; 16 MB no better). The slice stays a JS buffer,
/// outside the wasm memory.
const SLICE: f64 = (8 << 20) as f64;

impl FileReader {
    pub(super) fn new(file: File) -> Self {
        Self {
            file,
            reader: None,
            offset: 0.0,
            slice: None,
            taken: 0,
        }
    }

    /// Reads the next slice of the file; `None` at its end.
    fn next_slice(&mut self) -> io::Result<Option<Uint8Array>> {
        let size = self.file.size();
        if self.offset >= size {
            return Ok(None);
        }
        let reader = match &self.reader {
            Some(reader) => reader,
            None => self
                .reader
                .insert(FileReaderSync::new().map_err(browser_error)?),
        };
        let end = (self.offset + SLICE).min(size);
        let slice = self
            .file
            .slice_with_f64_and_f64(self.offset, end)
            .map_err(browser_error)?;
        let buffer = reader.read_as_array_buffer(&slice).map_err(browser_error)?;
        let bytes = Uint8Array::new(&buffer);
        self.offset += f64::from(bytes.length());
        Ok(Some(bytes))
    }
}

impl Read for FileReader {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        let slice = match self.slice.take() {
            Some(slice) if self.taken < slice.length() => slice,
            _ => {
                self.taken = 0;
                match self.next_slice()? {
                    Some(slice) => slice,
                    None => return Ok(0),
                }
            }
        };
        let len = (slice.length() - self.taken).min(u32::try_from(out.len()).unwrap_or(u32::MAX));
        slice
            .subarray(self.taken, self.taken + len)
            .copy_to(&mut out[..len as usize]);
        self.taken += len;
        self.slice = Some(slice);
        Ok(len as usize)
    }
}

fn browser_error(error: JsValue) -> io::Error {
    let detail = error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".into());
    io::Error::other(format!(
        "the browser refused to read it ({detail}); it may have been moved or changed since \
         it was chosen"
    ))
}
