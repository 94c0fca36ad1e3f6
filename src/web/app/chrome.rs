//! The masthead with the privacy promise, and the page navigation.

use crate::view::route::Page;
use leptos::prelude::*;

/// The app's name and its promise about the user's data.
#[component]
pub fn Masthead() -> impl IntoView {
    view! {
        <header class="masthead">
            <a class="brand" href="#/data">"CRM Lens"</a>
            <p class="privacy" data-testid="privacy">
                <strong>"Your data never leaves this browser."</strong>
                " Files are read and analysed on this computer, in a background worker. \
                 Nothing is uploaded: 0 bytes are sent, and the page's security policy \
                 forbids connections to any other site."
            </p>
        </header>
    }
}

/// Links to every page.
#[component]
pub fn Navigation(page: ReadSignal<Page>) -> impl IntoView {
    view! {
        <nav class="pages" aria-label="Pages">
            {Page::ALL
                .into_iter()
                .map(|target| {
                    view! {
                        <a
                            href=target.href()
                            data-testid=format!("nav-{}", target.slug())
                            aria-current=move || (page.get() == target).then_some("page")
                        >
                            {target.title()}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}
