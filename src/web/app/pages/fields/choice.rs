//! Choice fields: a select over a setting's options, each with a label.

use super::{Access, Label};
use leptos::prelude::*;
use std::borrow::Cow;

/// One option of a choice: the setting's value, the key its `<option>` carries (what a
/// test selects), and the label shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice<T> {
    /// The setting's value.
    pub value: T,
    /// The option's `value` attribute.
    pub key: Cow<'static, str>,
    /// What the option shows.
    pub label: Cow<'static, str>,
}

impl<T> Choice<T> {
    /// An option with a fixed key and label, for a list of options in a `const`.
    pub const fn new(value: T, key: &'static str, label: &'static str) -> Self {
        Choice {
            value,
            key: Cow::Borrowed(key),
            label: Cow::Borrowed(label),
        }
    }
}

/// A select editing `draft` through `access`, offering `options` (the option whose value
/// the setting has is the one selected).
pub fn choice<S, T>(
    label: impl Into<Label>,
    testid: &'static str,
    draft: RwSignal<S>,
    access: Access<S, T>,
    options: &'static [Choice<T>],
) -> impl IntoView
where
    S: Send + Sync + 'static,
    T: Clone + PartialEq + Send + Sync + 'static,
{
    choice_of(label, testid, draft, access, move || options.to_vec())
}

/// A select as [`choice`], whose options are read from elsewhere (such as the segments
/// of the latest segmentation) and follow it.
pub fn choice_of<S, T>(
    label: impl Into<Label>,
    testid: &'static str,
    draft: RwSignal<S>,
    (get, set): Access<S, T>,
    options: impl Fn() -> Vec<Choice<T>> + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    S: Send + Sync + 'static,
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let label = label.into();
    let choose = move |key: String| match options().into_iter().find(|c| c.key == key) {
        Some(chosen) => draft.update(|s| set(s, chosen.value)),
        // Not an option: select the setting's again.
        None => draft.update(|_| {}),
    };
    view! {
        <label>
            {label.before}
            " "
            <select data-testid=testid on:change=move |e| choose(event_target_value(&e))>
                {move || {
                    options()
                        .into_iter()
                        .map(|Choice { value, key, label: text }| {
                            let selected = move || draft.with(|s| get(s) == value);
                            view! { <option value=key prop:selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
            {label.after.map(|after| format!(" {after}"))}
        </label>
    }
}
