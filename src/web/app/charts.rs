//! A chart on a page: its caption, the picture (SVG text from [`crate::view::chart`])
//! and a button that saves it as a PNG file.

use super::download::save_png;
use leptos::prelude::*;

/// A chart: `svg` is the picture, `testid` names the figure and its PNG file.
#[component]
pub fn Chart(testid: &'static str, title: String, svg: String) -> impl IntoView {
    let picture = StoredValue::new(svg.clone());
    let save = move |_| {
        let name = format!("{testid}.png");
        let svg = picture.get_value();
        leptos::task::spawn_local(async move {
            if let Err(error) = save_png(&svg, &name).await {
                web_sys::console::error_2(&"the chart could not be saved".into(), &error);
            }
        });
    };
    view! {
        <figure class="chart" data-testid=testid>
            <figcaption>
                <span>{title}</span>
                <button type="button" class="small" data-testid="save-png" on:click=save>
                    "PNG"
                </button>
            </figcaption>
            <div class="picture" inner_html=svg></div>
        </figure>
    }
}

/// A small square of `colour`, as a legend's key beside a name.
#[component]
pub fn Swatch(colour: &'static str) -> impl IntoView {
    view! {
        <svg class="swatch" viewBox="0 0 10 10" width="10" height="10" aria-hidden="true">
            <rect fill=colour width="10" height="10"></rect>
        </svg>
    }
}
