//! What every analysis page shows under its settings: the last run's error, and then
//! its result under the name of the data it was computed from, a note while it runs, or
//! a pointer to the Data page when nothing is loaded. A transaction log that failed to
//! load is said above it, with whose results are still shown.

use crate::web::app::store::{Computed, DataTag, FailedLoad, Store};
use leptos::prelude::*;

/// The analysis's error (until the next run), then `show` of its result.
pub fn outcome<T, F>(
    error: RwSignal<Option<String>>,
    error_testid: &'static str,
    result: RwSignal<Option<Computed<T>>>,
    waiting: &'static str,
    show: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> AnyView + Send + Sync + 'static,
{
    let store = expect_context::<Store>();
    view! {
        <LoadFailure />
        {move || {
            error.get().map(|error| view! { <p class="error-box" data-testid=error_testid>{error}</p> })
        }}
        {move || match (store.loaded.get(), result.get()) {
            (None, _) => {
                view! { <p class="upcoming">"Load an order history on the Data page first."</p> }
                    .into_any()
            }
            (Some(loaded), None) => {
                view! {
                    <DataSource data=loaded.tag() verb="Computing from" />
                    <p class="muted">{waiting}</p>
                }
                    .into_any()
            }
            (Some(_), Some(found)) => {
                view! {
                    <DataSource data=found.data verb="Computed from" />
                    {show(found.value)}
                }
                    .into_any()
            }
        }}
    }
}

/// Names the data a result comes from: its file, or the demo.
#[component]
pub fn DataSource(data: DataTag, verb: &'static str) -> impl IntoView {
    let detail = data.demo.then(
        || view! { <span class="muted">{format!(" (the made-up shop, {})", data.name)}</span> },
    );
    view! {
        <p class="data-source" data-testid="data-source" data-demo=data.demo.to_string()>
            {format!("{verb} ")}
            <strong data-testid="data-name">{data.describe()}</strong>
            {detail}
        </p>
    }
}

/// The transaction log that could not be loaded, and whose data is still shown.
#[component]
pub fn LoadFailure() -> impl IntoView {
    let store = expect_context::<Store>();
    move || {
        store.failed_load.get().map(|FailedLoad { name, reason }| {
            let still = store.loaded.with(|loaded| match loaded {
                Some(loaded) => format!(
                    "Everything shown is still computed from {}.",
                    loaded.tag().describe()
                ),
                None => "No data is loaded.".to_owned(),
            });
            let stop = if reason.ends_with('.') { "" } else { "." };
            view! {
                <p class="error-box load-failure" data-testid="load-failure" role="alert">
                    <strong>{format!("Your file {name} could not be loaded: ")}</strong>
                    {format!("{reason}{stop} ")}
                    <span data-testid="still-shown">{still}</span>
                </p>
            }
        })
    }
}
