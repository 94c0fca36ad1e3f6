//! The Data page: choose or drop a transaction log and extra tables; see what loading
//! found in them and how the extra tables join.

mod extras;
mod reading;
mod report;
mod roles;

use super::outcome::{DataSource, LoadFailure};
use crate::ingest::TableKind;
use crate::web::app::store::{RolesFor, Store};
use leptos::prelude::*;
use web_sys::{DragEvent, FileList, HtmlInputElement};

/// Loading data.
#[component]
pub fn DataPage() -> impl IntoView {
    let store = expect_context::<Store>();
    let take = move |files: Option<FileList>| {
        let Some(files) = files else { return };
        match (files.length(), files.get(0)) {
            (1, Some(file)) => store.load_file(file, TableKind::Transactions),
            (0, _) | (_, None) => {}
            (count, _) => store.complain(format!(
                "{count} files were dropped here; drop one order history here, and customer \
                 attributes or feedback under \"Extra tables\"."
            )),
        }
    };
    view! {
        <section class="page" data-testid="page-data">
            <h1>"Data"</h1>
            <p class="lead">
                "Load your order history: a CSV file or an Excel or OpenDocument workbook with \
                 one row per order line (customer, order date, and ideally order, product, \
                 quantity and price or amount). It is read on this computer and never uploaded."
            </p>
            <DropZone testid="dropzone" input="file-input" multiple=false take>
                <strong>"Drop a CSV or Excel file here"</strong>
                " or click to choose one"
            </DropZone>
            <LoadFailure />
            {move || {
                store
                    .loaded
                    .get()
                    .map(|loaded| view! { <DataSource data=loaded.tag() verb="Shown:" /> })
            }}
            {move || {
                store
                    .question
                    .get()
                    .map(|question| {
                        view! {
                            <section class="card" data-testid="role-question">
                                <h2>"Which columns are which?"</h2>
                                <p class="muted">{question.reason}</p>
                                <p>
                                    {match question.kind {
                                        TableKind::Transactions => {
                                            "Choose at least the column with customer ids and \
                                             the one with order dates, then load the file again."
                                        }
                                        TableKind::Extra => {
                                            "Choose the column with customer ids (or, for a \
                                             table of items, order ids), then load the file again."
                                        }
                                    }}
                                </p>
                                <roles::RoleEditor
                                    columns=question.columns
                                    mapping=question.mapping
                                    target=RolesFor::Asked
                                />
                            </section>
                        }
                    })
            }}
            {move || {
                store.loaded.get().filter(|loaded| loaded.demo).map(|_| view! { <DemoBanner /> })
            }}
            {move || {
                store
                    .loaded
                    .get()
                    .map(|loaded| {
                        view! {
                            <div data-testid="transactions">
                                <report::QualityReport
                                    name=loaded.file.name
                                    report=*loaded.report
                                    roles=Some(RolesFor::Shown)
                                />
                            </div>
                        }
                    })
            }}
            <extras::ExtraTables />
        </section>
    }
}

/// A place to drop files, which is also a button that opens the file picker. `take`
/// receives the files either way.
#[component]
fn DropZone(
    testid: &'static str,
    input: &'static str,
    multiple: bool,
    take: impl Fn(Option<FileList>) + Copy + 'static,
    children: Children,
) -> impl IntoView {
    let dragging = RwSignal::new(false);
    view! {
        <label
            class="dropzone"
            class:dragging=move || dragging.get()
            data-testid=testid
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
                accept=".csv,.tsv,.txt,.xlsx,.xlsm,.xls,.xlsb,.ods,text/csv,text/plain"
                multiple=multiple
                data-testid=input
                on:change=move |event| {
                    let input = event_target::<HtmlInputElement>(&event);
                    take(input.files());
                    // Choosing the same file again must start a new job.
                    input.set_value("");
                }
            />
            <span class="dropzone-text">{children()}</span>
        </label>
    }
}

/// Says that the data shown is the demo, and offers its files as templates.
#[component]
fn DemoBanner() -> impl IntoView {
    let store = expect_context::<Store>();
    view! {
        <aside class="banner" data-testid="demo-banner">
            <p>
                <strong>"You are looking at demo data."</strong>
                " A made-up shop: 3,000 customers and two years of orders. Drop your own order \
                 history above to analyse it instead; it never leaves this computer."
            </p>
            <p class="templates">
                "Its files, to use as templates: "
                {move || {
                    store
                        .templates
                        .get()
                        .into_iter()
                        .map(|file| {
                            view! {
                                <a
                                    href=file.url
                                    download=file.name.clone()
                                    data-testid=format!("template-{}", file.name)
                                >
                                    {file.name.clone()}
                                </a>
                                " "
                            }
                        })
                        .collect_view()
                }}
            </p>
        </aside>
    }
}
