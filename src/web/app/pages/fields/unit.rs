//! A number given in one of several units, chosen beside it (a minimum support as a share
//! of the baskets or as a number of them).

use super::number::parse_number;
use super::{Access, Input, Label, input, show_number};
use leptos::prelude::*;

/// One unit a setting `T` can be given in: how the setting reads as a number in it, and
/// the setting a number in it makes.
#[derive(Debug, Clone, Copy)]
pub struct Unit<T> {
    /// The option's `value` attribute.
    pub key: &'static str,
    /// What the option shows.
    pub label: &'static str,
    /// How the field shows the number: 100 for a share in percent.
    pub scale: f64,
    /// The setting's number, if the setting is given in this unit.
    pub read: fn(&T) -> Option<f64>,
    /// The setting a number in this unit makes (unscaled).
    pub make: fn(f64) -> T,
    /// The number (unscaled) the setting takes when the user switches to this unit.
    pub start: f64,
}

/// A number field with a select of its `units` beside it, editing `draft` through
/// `access`; `testids` are the number's and the select's. Switching the unit starts the
/// setting at that unit's `start`. Numbers are taken as [`super::number`] takes them.
pub fn number_with_unit<S, T>(
    label: impl Into<Label>,
    [testid, unit_testid]: [&'static str; 2],
    draft: RwSignal<S>,
    (get, set): Access<S, T>,
    units: &'static [Unit<T>],
) -> impl IntoView
where
    S: Send + Sync + 'static,
    T: 'static,
{
    // The setting's unit and its number in it.
    let current = move |s: &S| {
        let value = get(s);
        units
            .iter()
            .find_map(|unit| Some((unit, (unit.read)(&value)?)))
    };
    let shown = move || {
        draft
            .with(current)
            .map(|(unit, number)| show_number(number * unit.scale))
            .unwrap_or_default()
    };
    let take = move |text: &str| {
        let unit = draft.with_untracked(|s| current(s).map(|(unit, _)| unit));
        match (unit, parse_number(text)) {
            (Some(unit), Some(number)) => {
                draft.update(|s| set(s, (unit.make)(number / unit.scale)))
            }
            // Show the kept value again.
            _ => draft.update(|_| {}),
        }
    };
    let switch = move |key: String| {
        match units.iter().find(|unit| unit.key == key) {
            Some(unit) => draft.update(|s| set(s, (unit.make)(unit.start))),
            // Not a unit: select the setting's again.
            None => draft.update(|_| {}),
        }
    };
    let select = view! {
        <select data-testid=unit_testid on:change=move |e| switch(event_target_value(&e))>
            {units
                .iter()
                .map(|unit| {
                    let selected = move || draft.with(|s| current(s).is_some_and(|(u, _)| u.key == unit.key));
                    view! { <option value=unit.key prop:selected=selected>{unit.label}</option> }
                })
                .collect_view()}
        </select>
    };
    input(label.into(), testid, Input::Decimal, shown, take, select)
}
