//! One module per page.

mod baskets;
mod data;
mod segments;
mod upcoming;

use crate::view::route::Page;
use leptos::prelude::*;

/// The view of a page.
pub fn render(page: Page) -> AnyView {
    match page {
        Page::Data => view! { <data::DataPage /> }.into_any(),
        Page::Segments => view! { <segments::SegmentsPage /> }.into_any(),
        Page::Baskets => view! { <baskets::BasketsPage /> }.into_any(),
        other => view! { <upcoming::Upcoming page=other /> }.into_any(),
    }
}
