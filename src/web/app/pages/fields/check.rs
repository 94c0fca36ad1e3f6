//! A checkbox field: a switch.

use super::Access;
use leptos::prelude::*;

/// A checkbox editing `draft` through `get` and `set`.
pub fn switch<S: Send + Sync + 'static>(
    label: &'static str,
    testid: &'static str,
    draft: RwSignal<S>,
    (get, set): Access<S, bool>,
) -> impl IntoView {
    view! {
        <label>
            <input
                type="checkbox"
                data-testid=testid
                prop:checked=move || draft.with(get)
                on:change=move |e| draft.update(|s| set(s, event_target_checked(&e)))
            />
            {format!(" {label}")}
        </label>
    }
}
