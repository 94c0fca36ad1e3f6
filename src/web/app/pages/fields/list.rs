//! A list field: names typed in one input, separated by commas.

use super::{Access, Input, Label, typed};
use leptos::prelude::*;

/// Names typed in a field, separated by commas (blanks around them and empty ones left
/// out).
fn names(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A text field editing a list of names in `draft` through `access`, typed separated by
/// commas; `empty` says what an empty list means (shown while the field is empty).
pub fn list<S: Send + Sync + 'static>(
    label: impl Into<Label>,
    testid: &'static str,
    draft: RwSignal<S>,
    access: Access<S, Vec<String>>,
    empty: &'static str,
) -> impl IntoView {
    typed(
        label.into(),
        testid,
        draft,
        access,
        Input::Text { placeholder: empty },
        |names| names.join(", "),
        |text| Some(names(text)),
    )
}
