//! How protocol messages travel through `postMessage`: the encoded bytes in a buffer
//! that is transferred (moved, not copied) to the other thread, and optionally a `File`
//! handle beside them, which the browser passes by reference.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::File;

/// A received message: its bytes, and the file that came with it, if any.
pub struct Envelope {
    /// The encoded protocol message.
    pub bytes: Vec<u8>,
    /// A file handle sent beside the message.
    pub file: Option<File>,
}

/// Builds a message and its transfer list for `postMessage`.
pub fn pack(bytes: &[u8], file: Option<&File>) -> (JsValue, Array) {
    let buffer = Uint8Array::new_from_slice(bytes);
    let message = Array::of1(&buffer);
    if let Some(file) = file {
        message.push(file);
    }
    let transfer = Array::of1(&buffer.buffer());
    (message.into(), transfer)
}

/// Takes a received message apart.
pub fn unpack(data: JsValue) -> Result<Envelope, String> {
    let message: Array = data
        .dyn_into()
        .map_err(|_| "the message is not an envelope")?;
    let bytes: Uint8Array = message
        .get(0)
        .dyn_into()
        .map_err(|_| "the envelope holds no message bytes")?;
    let file = message.get(1).dyn_into::<File>().ok();
    Ok(Envelope {
        bytes: bytes.to_vec(),
        file,
    })
}
