//! The settings forms' parts: [`form`], the card with its button, and the fields, one
//! function per kind of setting (a number, a whole number, either of them optional, a
//! number in one of several units, a switch, a choice, a checklist, a list of names).
//! Each field edits one value of a draft of the settings through an [`Access`]; the
//! form's button applies the draft.
//!
//! No field judges a value: what is typed is taken as it is, and the worker checks the
//! settings and says what to change (the one place settings are judged). A field only
//! refuses text that is not a value of its kind at all, such as a word where a number
//! goes: the value stays as it was, and the field shows it again.

mod check;
mod choice;
mod form;
mod list;
mod number;
mod unit;

pub use check::{checklist, switch};
pub use choice::{Choice, choice, choice_of};
pub use form::form;
pub use list::list;
pub use number::{number, optional_number, optional_whole, whole};
pub use unit::{Unit, number_with_unit};

use leptos::prelude::*;
use std::ops::{Bound, RangeBounds};

/// How a field reads and writes its value in the settings `S`.
pub type Access<S, T> = (fn(&S) -> T, fn(&mut S, T));

/// A field's label: the text before its input, and any after it (a unit, as in "Keep the
/// strongest [1000] rules"). A `&str` is the text before; a pair is both.
#[derive(Debug, Clone, Copy)]
pub struct Label {
    /// Before the input.
    pub before: &'static str,
    /// After the input.
    pub after: Option<&'static str>,
}

impl From<&'static str> for Label {
    fn from(before: &'static str) -> Self {
        Label {
            before,
            after: None,
        }
    }
}

impl From<(&'static str, &'static str)> for Label {
    fn from((before, after): (&'static str, &'static str)) -> Self {
        Label {
            before,
            after: Some(after),
        }
    }
}

/// What an input takes, which sets its attributes.
#[derive(Debug, Clone, Copy)]
enum Input {
    /// A decimal number: a text input with the decimal keypad (a decimal comma is
    /// accepted, which a number input would refuse).
    Decimal,
    /// A whole number: a number input whose arrows stay within `min..=max`.
    Whole { min: Option<u32>, max: Option<u32> },
    /// Text; `placeholder` says what leaving it empty means.
    Text { placeholder: &'static str },
}

impl Input {
    /// A whole number whose arrows stay within `bounds` (typed numbers are not judged).
    fn whole(bounds: impl RangeBounds<u32>) -> Input {
        let min = match bounds.start_bound() {
            Bound::Included(&n) => Some(n),
            Bound::Excluded(&n) => n.checked_add(1),
            Bound::Unbounded => None,
        };
        let max = match bounds.end_bound() {
            Bound::Included(&n) => Some(n),
            Bound::Excluded(&n) => n.checked_sub(1),
            Bound::Unbounded => None,
        };
        Input::Whole { min, max }
    }
}

/// A labelled input showing `shown` and handing what is typed to `take` when it changes.
/// `extra` stands right after the input, inside the label (a unit's select).
fn input(
    label: Label,
    testid: &'static str,
    kind: Input,
    shown: impl Fn() -> String + Send + Sync + 'static,
    take: impl Fn(&str) + 'static,
    extra: impl IntoView,
) -> impl IntoView {
    let text = |n: Option<u32>| n.map(|n| n.to_string());
    let (kind, inputmode, size, min, max, placeholder) = match kind {
        Input::Decimal => ("text", Some("decimal"), Some("6"), None, None, None),
        Input::Whole { min, max } => ("number", None, None, text(min), text(max), None),
        Input::Text { placeholder } => ("text", None, None, None, None, Some(placeholder)),
    };
    view! {
        <label>
            {label.before}
            " "
            <input
                type=kind
                inputmode=inputmode
                size=size
                min=min
                max=max
                placeholder=placeholder
                data-testid=testid
                prop:value=shown
                on:change=move |e| take(&event_target_value(&e))
            />
            {extra}
            {label.after.map(|after| format!(" {after}"))}
        </label>
    }
}

/// A field of `kind` editing `draft` through `access`: it shows the value as `show`
/// writes it, and sets what `parse` reads from the text typed; text `parse` refuses leaves
/// the value as it was, shown again.
fn typed<S, T>(
    label: Label,
    testid: &'static str,
    draft: RwSignal<S>,
    (get, set): Access<S, T>,
    kind: Input,
    show: impl Fn(T) -> String + Send + Sync + 'static,
    parse: impl Fn(&str) -> Option<T> + 'static,
) -> impl IntoView
where
    S: Send + Sync + 'static,
    T: 'static,
{
    let take = move |text: &str| match parse(text) {
        Some(value) => draft.update(|s| set(s, value)),
        // Show the kept value again.
        None => draft.update(|_| {}),
    };
    input(label, testid, kind, move || show(draft.with(get)), take, ())
}

/// A number as a field shows it: rounded to 6 decimals, without trailing zeros.
fn show_number(value: f64) -> String {
    format!("{}", (value * 1e6).round() / 1e6)
}
