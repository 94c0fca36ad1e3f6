//! The web app's entry point (the UI thread). Built by Trunk for wasm32.

fn main() {
    crm_lens::web::app::start();
}
