//! One module per page.

mod baskets;
mod data;
mod fields;
mod opportunities;
mod outcome;
mod recommendations;
mod segments;
mod value;

use crate::view::route::Page;
use leptos::prelude::*;

/// The view of a page.
pub fn render(page: Page) -> AnyView {
    match page {
        Page::Data => view! { <data::DataPage /> }.into_any(),
        Page::Segments => view! { <segments::SegmentsPage /> }.into_any(),
        Page::Baskets => view! { <baskets::BasketsPage /> }.into_any(),
        Page::Recommendations => view! { <recommendations::RecommendationsPage /> }.into_any(),
        Page::Value => view! { <value::ValuePage /> }.into_any(),
        Page::Opportunities => view! { <opportunities::OpportunitiesPage /> }.into_any(),
    }
}
