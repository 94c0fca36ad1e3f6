//! What every analysis page shows under its settings: the last run's error, and then
//! its result, a note while it runs, or a pointer to the Data page when nothing is loaded.

use crate::web::app::store::Store;
use leptos::prelude::*;

/// The analysis's error (until the next run), then `show` of its result.
pub fn outcome<T, F>(
    error: RwSignal<Option<String>>,
    error_testid: &'static str,
    result: RwSignal<Option<T>>,
    waiting: &'static str,
    show: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> AnyView + Send + Sync + 'static,
{
    let store = expect_context::<Store>();
    view! {
        {move || {
            error.get().map(|error| view! { <p class="error-box" data-testid=error_testid>{error}</p> })
        }}
        {move || match (store.loaded.with(Option::is_some), result.get()) {
            (false, _) => {
                view! { <p class="upcoming">"Load an order history on the Data page first."</p> }
                    .into_any()
            }
            (true, None) => view! { <p class="muted">{waiting}</p> }.into_any(),
            (true, Some(found)) => show(found),
        }}
    }
}
