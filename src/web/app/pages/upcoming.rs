//! Pages whose analyses are not built yet: they say what will be there.

use crate::view::route::Page;
use leptos::prelude::*;

fn promise(page: Page) -> &'static str {
    match page {
        Page::Opportunities => {
            "Where outreach pays off: products and categories a segment buys far less \
             often than similar customers do, with the customers to contact."
        }
        // Built pages have their own views.
        _ => "",
    }
}

/// A page that is announced but not built yet.
#[component]
pub fn Upcoming(page: Page) -> impl IntoView {
    view! {
        <section class="page" data-testid=format!("page-{}", page.slug())>
            <h1>{page.title()}</h1>
            <p class="lead">{promise(page)}</p>
            <p class="upcoming">"This analysis arrives in a coming version of CRM Lens."</p>
        </section>
    }
}
