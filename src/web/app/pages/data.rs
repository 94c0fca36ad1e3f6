//! The Data page: choose or drop a file; see what the worker found in it.

use crate::view::format;
use crate::web::app::store::{Scanned, Store};
use leptos::prelude::*;
use web_sys::{DragEvent, FileList, HtmlInputElement};

/// Loading data.
#[component]
pub fn DataPage() -> impl IntoView {
    let store = expect_context::<Store>();
    let dragging = RwSignal::new(false);
    let take = move |files: Option<FileList>| {
        let Some(files) = files else { return };
        match (files.length(), files.get(0)) {
            (1, Some(file)) => store.scan_file(file),
            (0, _) | (_, None) => {}
            (count, _) => store.complain(format!(
                "{count} files were dropped; drop one file at a time so none is missed."
            )),
        }
    };
    view! {
        <section class="page" data-testid="page-data">
            <h1>"Data"</h1>
            <p class="lead">
                "Load your order history: a CSV export with one row per order line. \
                 It is read on this computer and never uploaded."
            </p>
            <label
                class="dropzone"
                class:dragging=move || dragging.get()
                data-testid="dropzone"
                on:dragover=move |event: DragEvent| {
                    event.prevent_default();
                    dragging.set(true);
                }
                on:dragleave=move |_| dragging.set(false)
                on:drop=move |event: DragEvent| {
                    event.prevent_default();
                    dragging.set(false);
                    take(event.data_transfer().and_then(|transfer| transfer.files()));
                }
            >
                <input
                    type="file"
                    accept=".csv,.tsv,.txt,text/csv,text/plain"
                    data-testid="file-input"
                    on:change=move |event| {
                        let input = event_target::<HtmlInputElement>(&event);
                        take(input.files());
                        // Choosing the same file again must start a new job.
                        input.set_value("");
                    }
                />
                <span class="dropzone-text">
                    <strong>"Drop a CSV file here"</strong>
                    " or click to choose one"
                </span>
            </label>
            {move || store.scanned.get().map(|scanned| view! { <ScanReportView scanned /> })}
        </section>
    }
}

#[component]
fn ScanReportView(scanned: Scanned) -> impl IntoView {
    let Scanned { file, report } = scanned;
    let ragged = report.ragged.clone();
    let columns = report.header.len();
    view! {
        <article class="card" data-testid="scan-report">
            <h2>{file.name}</h2>
            <dl class="facts">
                <dt>"Size"</dt>
                <dd data-testid="scan-bytes">{format::bytes(report.bytes)}</dd>
                <dt>"Rows"</dt>
                <dd data-testid="scan-rows">{format::count(report.rows)}</dd>
                <dt>"Columns"</dt>
                <dd data-testid="scan-columns">{columns}</dd>
                <dt>"Delimiter"</dt>
                <dd data-testid="scan-delimiter">{report.delimiter.to_string()}</dd>
                <dt>"Encoding"</dt>
                <dd data-testid="scan-encoding">{report.encoding.to_string()}</dd>
                <dt>"Rows with a different number of fields"</dt>
                <dd data-testid="scan-ragged">{format::count(ragged.rows)}</dd>
            </dl>
            <h3>"Columns"</h3>
            <ul class="chips" data-testid="scan-header">
                {report.header.into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}
            </ul>
            {(!ragged.first.is_empty())
                .then(|| {
                    view! {
                        <h3>"First rows with a different number of fields"</h3>
                        <ul class="ragged" data-testid="scan-ragged-lines">
                            {ragged
                                .first
                                .iter()
                                .map(|row| {
                                    view! {
                                        <li>
                                            {format!(
                                                "line {}: {} fields instead of {columns}",
                                                row.line,
                                                row.fields,
                                            )}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
        </article>
    }
}
