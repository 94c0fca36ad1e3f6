//! Files the user downloads, made in the browser: CSV text and PNG pictures of charts.
//! Nothing is sent anywhere: the bytes go into a `blob:` URL and an anchor saves it.

use wasm_bindgen::prelude::*;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlCanvasElement, Url};

/// A `blob:` URL holding `text` with this MIME type.
pub fn blob_url(text: &str, mime: &str) -> Result<String, JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    Url::create_object_url_with_blob(&blob)
}

/// Saves what `url` holds under `name`, as a click on a download link would.
pub fn save(url: &str, name: &str) -> Result<(), JsValue> {
    let document = document()?;
    let anchor: HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    anchor.set_href(url);
    anchor.set_download(name);
    anchor.click();
    Ok(())
}

fn document() -> Result<web_sys::Document, JsValue> {
    web_sys::window()
        .and_then(|window| window.document())
        .ok_or_else(|| JsValue::from_str("no document"))
}

/// Saves a chart (SVG text with its size in `width` and `height` attributes) as a PNG
/// file at twice that size.
pub async fn save_png(svg: &str, name: &str) -> Result<(), JsValue> {
    let url = blob_url(svg, "image/svg+xml")?;
    let image = web_sys::HtmlImageElement::new()?;
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        image.set_onload(Some(&resolve));
        image.set_onerror(Some(&reject));
    });
    image.set_src(&url);
    let outcome = wasm_bindgen_futures::JsFuture::from(loaded).await;
    Url::revoke_object_url(&url)?;
    outcome?;

    let (width, height) = (image.natural_width() * 2, image.natural_height() * 2);
    let canvas: HtmlCanvasElement = document()?.create_element("canvas")?.unchecked_into();
    canvas.set_width(width);
    canvas.set_height(height);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2-D canvas"))?
        .unchecked_into();
    let (width, height) = (f64::from(width), f64::from(height));
    context.draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, width, height)?;
    let png = canvas.to_data_url_with_type("image/png")?;
    save(&png, name)
}
