//! Pages whose analyses are not built yet: they say what will be there.

use crate::view::route::Page;
use leptos::prelude::*;

fn promise(page: Page) -> &'static str {
    match page {
        Page::Data => "",
        Page::Segments => {
            "Who your customers are: RFM scores with named segments, k-means and DBSCAN \
             clusters with plain-language profiles, and a map of customers."
        }
        Page::Baskets => {
            "What sells together: association rules with support, confidence and lift, \
             in a searchable table and a network view."
        }
        Page::Recommendations => {
            "What to offer each customer next, with a reason for every item, and an honest \
             comparison with simply recommending the most popular products."
        }
        Page::Value => {
            "What each customer is worth and who is slipping away: lifetime value, \
             probability of being active, and churn risk."
        }
        Page::Opportunities => {
            "Where outreach pays off: products and categories a segment buys far less \
             often than similar customers do, with the customers to contact."
        }
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
