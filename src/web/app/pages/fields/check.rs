//! Checkbox fields: a switch, and a checklist of a setting's options.

use super::{Access, Choice};
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

/// A checklist editing the list `draft` holds through `access`: a checkbox per option
/// (carrying its key as `data-value`), checked when the list has its value. `options`
/// pairs each option with whether it is on by default: an empty list stands for those
/// defaults, and the first box changed writes them out. The options are read from
/// elsewhere (such as the features of the latest segmentation) and follow it.
pub fn checklist<S, T>(
    legend: &'static str,
    testid: &'static str,
    draft: RwSignal<S>,
    (get, set): Access<S, Vec<T>>,
    options: impl Fn() -> Vec<(Choice<T>, bool)> + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    S: Send + Sync + 'static,
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let defaults = move || {
        options()
            .into_iter()
            .filter(|(_, on)| *on)
            .map(|(choice, _)| choice.value)
            .collect::<Vec<_>>()
    };
    let toggle = move |value: &T, on: bool| {
        let defaults = defaults();
        draft.update(|s| {
            let mut list = get(s);
            if list.is_empty() {
                list = defaults;
            }
            list.retain(|v| v != value);
            if on {
                list.push(value.clone());
            }
            set(s, list);
        });
    };
    // The stylesheet's class for a checklist is `features`, after its first use.
    view! {
        <fieldset class="features" data-testid=testid>
            <legend>{legend}</legend>
            {move || {
                options()
                    .into_iter()
                    .map(|(Choice { value, key, label }, by_default)| {
                        let checked = {
                            let value = value.clone();
                            move || {
                                draft.with(|s| {
                                    let list = get(s);
                                    if list.is_empty() { by_default } else { list.contains(&value) }
                                })
                            }
                        };
                        view! {
                            <label>
                                <input
                                    type="checkbox"
                                    data-value=key
                                    prop:checked=checked
                                    on:change=move |e| toggle(&value, event_target_checked(&e))
                                />
                                {format!(" {label}")}
                            </label>
                        }
                    })
                    .collect_view()
            }}
        </fieldset>
    }
}
