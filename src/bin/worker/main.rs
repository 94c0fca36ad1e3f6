//! The web worker's entry point. Built by Trunk for wasm32.
//!
//! The benchmark entry points live here, not in the library: a `#[wasm_bindgen]` export
//! of the library would be kept in every binary that links it, the app's too.

mod bench;

fn main() {
    crm_lens::web::worker::start();
}
