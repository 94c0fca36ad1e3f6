//! The web worker's entry point. Built by Trunk for wasm32.

fn main() {
    crm_lens::web::worker::start();
}
