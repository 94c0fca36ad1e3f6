//! Reads a browser `File` inside the worker, a slice at a time, reading the next slice
//! while the core parses the last one. The UI thread never touches the bytes.

use crate::ingest::Source;
use js_sys::Uint8Array;
use std::io;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::File;

pub(super) struct FileReader {
    file: File,
    /// Where the next slice starts in the file.
    offset: f64,
    /// The slice being read.
    next: Option<JsFuture>,
    /// The last slice read, and how much of it was handed out.
    slice: Option<Uint8Array>,
    taken: u32,
}

/// Bytes read from the file at a time. Each read costs a few milliseconds whatever its
/// size: with `FileReaderSync`, reading a 64 MB file 1 MB at a time took 340-410 ms in
/// all, 8 MB at a time 120-140 ms (4 MB: 180-200 ms; 16 MB no better). Read ahead with
/// `Blob.arrayBuffer()`, that time overlaps the parsing of the slice before. A slice
/// stays a JS buffer, outside the wasm memory.
const SLICE: f64 = (8 << 20) as f64;

impl FileReader {
    pub(super) fn new(file: File) -> Self {
        Self {
            file,
            offset: 0.0,
            next: None,
            slice: None,
            taken: 0,
        }
    }

    /// Starts reading the next slice of the file, if any is left.
    fn read_ahead(&mut self) -> io::Result<Option<JsFuture>> {
        let size = self.file.size();
        if self.offset >= size {
            return Ok(None);
        }
        let end = (self.offset + SLICE).min(size);
        let slice = self
            .file
            .slice_with_f64_and_f64(self.offset, end)
            .map_err(browser_error)?;
        self.offset = end;
        Ok(Some(JsFuture::from(slice.array_buffer())))
    }

    /// The next slice of the file; `None` at its end.
    async fn next_slice(&mut self) -> io::Result<Option<Uint8Array>> {
        let next = match self.next.take() {
            Some(next) => next,
            None => match self.read_ahead()? {
                Some(next) => next,
                None => return Ok(None),
            },
        };
        let buffer = next.await.map_err(browser_error)?;
        self.next = self.read_ahead()?;
        Ok(Some(Uint8Array::new(&buffer)))
    }
}

impl Source for FileReader {
    async fn fill(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let mut filled = 0;
        while filled < buffer.len() {
            let slice = match self.slice.take() {
                Some(slice) if self.taken < slice.length() => slice,
                _ => {
                    self.taken = 0;
                    match self.next_slice().await? {
                        Some(slice) if slice.length() > 0 => slice,
                        _ => break,
                    }
                }
            };
            let wanted = u32::try_from(buffer.len() - filled).unwrap_or(u32::MAX);
            let len = (slice.length() - self.taken).min(wanted);
            let end = filled + len as usize;
            slice
                .subarray(self.taken, self.taken + len)
                .copy_to(&mut buffer[filled..end]);
            self.taken += len;
            filled = end;
            self.slice = Some(slice);
        }
        Ok(filled)
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
