//! Number fields: a number (shown scaled, as a share in percent), a whole number, and
//! either of them optional (empty for none).

use super::{Access, Input, Label, show_number, typed};
use leptos::prelude::*;
use std::fmt::Display;
use std::ops::RangeBounds;
use std::str::FromStr;

/// A number typed in a field (a decimal comma too).
pub(super) fn parse_number(text: &str) -> Option<f64> {
    text.trim().replace(',', ".").parse().ok()
}

/// A whole number of the type `T` typed in a field.
fn parse_whole<T: FromStr>(text: &str) -> Option<T> {
    text.trim().parse().ok()
}

/// What is typed in an optional field: `Some(None)` when it is empty, `Some(Some(value))`
/// for a value `parse` reads, and `None` for text that is no value.
fn optional<T>(text: &str, parse: impl Fn(&str) -> Option<T>) -> Option<Option<T>> {
    if text.trim().is_empty() {
        Some(None)
    } else {
        parse(text).map(Some)
    }
}

/// A number field editing `draft` through `access`; `scale` is how the field shows the
/// value (100 for a share in percent). Any number is taken (a decimal comma too): the
/// worker checks the settings and says what to change. Text that is no number leaves the
/// value as it was, shown again.
pub fn number<S: Send + Sync + 'static>(
    label: impl Into<Label>,
    testid: &'static str,
    draft: RwSignal<S>,
    access: Access<S, f64>,
    scale: f64,
) -> impl IntoView {
    typed(
        label.into(),
        testid,
        draft,
        access,
        Input::Decimal,
        move |value| show_number(value * scale),
        move |text| parse_number(text).map(|value| value / scale),
    )
}

/// A number field for a setting that may be left empty (`None`), as [`number`] otherwise;
/// the label should say what empty means.
pub fn optional_number<S: Send + Sync + 'static>(
    label: impl Into<Label>,
    testid: &'static str,
    draft: RwSignal<S>,
    access: Access<S, Option<f64>>,
) -> impl IntoView {
    typed(
        label.into(),
        testid,
        draft,
        access,
        Input::Decimal,
        |value| value.map(show_number).unwrap_or_default(),
        |text| optional(text, parse_number),
    )
}

/// A whole-number field editing `draft` through `access`. `bounds` are the input's
/// `min` and `max`, which its arrows keep to; a typed number is not judged here (the
/// worker checks the settings). Text that is no whole number of the type leaves the value
/// as it was, shown again.
pub fn whole<S, T>(
    label: impl Into<Label>,
    testid: &'static str,
    draft: RwSignal<S>,
    access: Access<S, T>,
    bounds: impl RangeBounds<u32>,
) -> impl IntoView
where
    S: Send + Sync + 'static,
    T: FromStr + Display + 'static,
{
    typed(
        label.into(),
        testid,
        draft,
        access,
        Input::whole(bounds),
        |value| value.to_string(),
        parse_whole,
    )
}

/// A whole-number field for a setting that may be left empty (`None`), as [`whole`]
/// otherwise.
pub fn optional_whole<S, T>(
    label: impl Into<Label>,
    testid: &'static str,
    draft: RwSignal<S>,
    access: Access<S, Option<T>>,
    bounds: impl RangeBounds<u32>,
) -> impl IntoView
where
    S: Send + Sync + 'static,
    T: FromStr + Display + 'static,
{
    typed(
        label.into(),
        testid,
        draft,
        access,
        Input::whole(bounds),
        |value| value.map(|n| n.to_string()).unwrap_or_default(),
        |text| optional(text, parse_whole),
    )
}
