//! The status bar: the engine's state, running jobs with progress and Cancel, and the
//! latest outcome.

use super::store::{ActiveJob, Engine, Notice, Store};
use crate::protocol::JobId;
use leptos::prelude::*;

/// Shown at the bottom of every page.
#[component]
pub fn StatusBar() -> impl IntoView {
    let store = expect_context::<Store>();
    let engine = move || match store.engine.get() {
        Engine::Starting => ("starting", "Starting the analysis engine…".to_owned()),
        Engine::Ready => ("ready", "Analysis engine ready".to_owned()),
        Engine::Broken(reason) => ("broken", format!("The analysis engine failed: {reason}")),
    };
    view! {
        <footer class="status" data-testid="status">
            <span
                class="engine"
                data-testid="engine"
                data-state=move || engine().0
                role="status"
            >
                {move || engine().1}
            </span>
            <For each=move || store.job_ids() key=|id| *id let:id>
                <JobRow id />
            </For>
            <details class="activity" data-testid="activity">
                <summary>"Activity"</summary>
                <ol>
                    {move || {
                        store
                            .history
                            .get()
                            .into_iter()
                            .map(|line| view! { <li>{line}</li> })
                            .collect_view()
                    }}
                </ol>
            </details>
            {move || {
                store
                    .notice
                    .get()
                    .map(|notice| match notice {
                        Notice::Info(text) => {
                            view! { <span class="notice" data-testid="notice">{text}</span> }
                                .into_any()
                        }
                        Notice::Error(text) => {
                            view! {
                                <span class="notice error" data-testid="error" role="alert">
                                    {text}
                                </span>
                            }
                                .into_any()
                        }
                    })
            }}
        </footer>
    }
}

#[component]
fn JobRow(id: JobId) -> impl IntoView {
    let store = expect_context::<Store>();
    let job = move |read: fn(&ActiveJob) -> Option<String>| {
        store
            .jobs
            .with(|jobs| jobs.iter().find(|job| job.id == id).and_then(read))
    };
    let label = move || job(|job| Some(job.label.clone()));
    let fraction = move || job(|job| job.progress?.fraction().map(|f| f.to_string()));
    let percent = move || {
        job(|job| {
            let progress = job.progress?;
            let stage = progress.stage.describe();
            Some(match progress.fraction() {
                Some(f) => format!("{stage} {:.0}%", f * 100.0),
                None => stage.to_owned(),
            })
        })
    };
    view! {
        <div class="job" data-testid="job" data-job=id.0>
            <span class="label">{label}</span>
            <progress
                max="1"
                value=fraction
                data-testid="job-progress"
                data-fraction=fraction
            ></progress>
            <span class="percent" data-testid="job-percent">{percent}</span>
            <button type="button" data-testid="cancel" on:click=move |_| store.cancel(id)>
                "Cancel"
            </button>
        </div>
    }
}
