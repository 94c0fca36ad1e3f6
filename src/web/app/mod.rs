//! The Leptos app on the UI thread. It renders what the worker reports and sends it
//! requests; it never reads a user's file or computes an analysis.

mod charts;
mod chrome;
mod client;
mod download;
mod pages;
mod status;
mod store;

use crate::view::route::Page;
use leptos::prelude::*;
use store::Store;

/// Mounts the app on the page.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    provide_context(Store::new());
    let page = current_page();
    view! {
        <chrome::Masthead />
        <chrome::Navigation page />
        <main id="main" data-testid="page" data-page=move || page.get().slug()>
            {move || pages::render(page.get())}
        </main>
        <status::StatusBar />
    }
}

/// The page named by the URL fragment, following its changes.
fn current_page() -> ReadSignal<Page> {
    let hash = || window().location().hash().unwrap_or_default();
    let (page, set_page) = signal(Page::from_hash(&hash()));
    // The listener lives as long as the app, which is as long as the page.
    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        set_page.set(Page::from_hash(&hash()));
    });
    page
}
