//! Form fields shared by the settings forms: each edits one number or switch of a draft
//! of the settings, which the form's button sends.

use leptos::prelude::*;

/// How a field reads and writes its value in the settings `S`.
pub type Access<S, T> = (fn(&S) -> T, fn(&mut S, T));

/// A number typed in a field (a decimal comma too).
pub fn parse_number(text: &str) -> Option<f64> {
    text.trim().replace(',', ".").parse().ok()
}

/// A number field editing `draft` through `get` and `set`; `scale` is how the field
/// shows the value (100 for a share in percent). Any number is taken: the worker checks
/// the settings and says what to change (the one place settings are judged). Text that
/// is no number leaves the value as it was, shown again.
pub fn number<S: Send + Sync + 'static>(
    label: &'static str,
    testid: &'static str,
    draft: RwSignal<S>,
    (get, set): Access<S, f64>,
    scale: f64,
) -> impl IntoView {
    let shown = move || {
        let value = draft.with(get) * scale;
        format!("{}", (value * 1e6).round() / 1e6)
    };
    view! {
        <label>
            {label}
            " "
            <input
                type="text"
                inputmode="decimal"
                size="6"
                data-testid=testid
                prop:value=shown
                on:change=move |e| {
                    match parse_number(&event_target_value(&e)) {
                        Some(value) => draft.update(|s| set(s, value / scale)),
                        // Show the kept value again.
                        None => draft.update(|_| {}),
                    }
                }
            />
        </label>
    }
}

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
