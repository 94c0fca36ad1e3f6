//! A number field: a number, shown scaled (as a share in percent).

use super::{Access, Input, Label, show_number, typed};
use leptos::prelude::*;

/// A number typed in a field (a decimal comma too).
pub fn parse_number(text: &str) -> Option<f64> {
    text.trim().replace(',', ".").parse().ok()
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
