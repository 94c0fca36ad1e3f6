//! A settings form: a card whose fields edit a draft of the settings, which its button
//! applies.

use leptos::prelude::*;

/// A settings form (`testid`) for `settings`: `fields` edit a draft of them, and the
/// button (`[testid, label]`) sets the settings to the draft and calls `run`.
pub fn form<S, V>(
    testid: &'static str,
    settings: RwSignal<S>,
    run: impl Fn() + 'static,
    [button_testid, button]: [&'static str; 2],
    fields: impl FnOnce(RwSignal<S>) -> V,
) -> impl IntoView
where
    S: Clone + Send + Sync + 'static,
    V: IntoView,
{
    let draft = RwSignal::new(settings.get_untracked());
    let apply = move |_| {
        settings.set(draft.get_untracked());
        run();
    };
    view! {
        <details class="card settings" data-testid=testid>
            <summary>"Settings"</summary>
            {fields(draft)}
            <button type="button" class="primary" data-testid=button_testid on:click=apply>
                {button}
            </button>
        </details>
    }
}
