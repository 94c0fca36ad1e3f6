//! Reads a browser `File` inside the worker, a slice at a time, with the synchronous
//! `FileReaderSync` that only workers have. The UI thread never touches the bytes.

use js_sys::Uint8Array;
use std::io::{self, Read};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{File, FileReaderSync};

pub(super) struct FileReader {
    file: File,
    reader: Option<FileReaderSync>,
    offset: f64,
}

impl FileReader {
    pub(super) fn new(file: File) -> Self {
        Self {
            file,
            reader: None,
            offset: 0.0,
        }
    }
}

impl Read for FileReader {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let size = self.file.size();
        if out.is_empty() || self.offset >= size {
            return Ok(0);
        }
        let reader = match &self.reader {
            Some(reader) => reader,
            None => self
                .reader
                .insert(FileReaderSync::new().map_err(browser_error)?),
        };
        let end = (self.offset + out.len() as f64).min(size);
        let slice = self
            .file
            .slice_with_f64_and_f64(self.offset, end)
            .map_err(browser_error)?;
        let buffer = reader.read_as_array_buffer(&slice).map_err(browser_error)?;
        let bytes = Uint8Array::new(&buffer);
        let len = (bytes.length() as usize).min(out.len());
        bytes.subarray(0, len as u32).copy_to(&mut out[..len]);
        self.offset += len as f64;
        Ok(len)
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
