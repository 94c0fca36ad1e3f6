//! The UI thread's end of the protocol: starts the worker, waits for its `Ready`,
//! sends requests with fresh job ids and hands every decoded reply to a callback.

use crate::protocol::{self, BUILD_ID, FromWorker, JobId, Request, ToWorker};
use crate::web::envelope::{pack, unpack};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, File, MessageEvent, Worker, WorkerOptions, WorkerType};

/// Starts the worker from a `blob:` URL holding one line, an import of the boot script
/// (`public/worker-boot.js`).
///
/// Why a blob: a worker loaded from its own URL gets the Content-Security-Policy of
/// that URL's HTTP response, and static hosts such as GitHub Pages send none, so the
/// worker, which holds the user's data, would be free to connect anywhere. A worker
/// created from a `blob:` URL inherits the page's policy instead.
///
/// The boot script's URL is resolved against the page (any sub-path works) and carries
/// the build id, which the boot script passes on to the worker's own files, so that a
/// browser cache never pairs this app with another build's worker.
fn start_worker() -> Result<(Worker, String), String> {
    let refused = |error: JsValue| format!("the browser refused to start it ({error:?})");
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or("no document")?;
    let base = document
        .base_uri()
        .map_err(refused)?
        .ok_or("the page has no address")?;
    let boot = web_sys::Url::new_with_base(&format!("./worker-boot.js?v={BUILD_ID}"), &base)
        .map_err(refused)?
        .href();
    let source = js_sys::Array::of1(&JsValue::from(format!("import {boot:?};")));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&source, &options).map_err(refused)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(refused)?;
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(&url, &options).map_err(refused)?;
    Ok((worker, url))
}

/// What the client reports to the app.
pub enum Event {
    /// A reply from a worker of the right version.
    Reply(FromWorker),
    /// The worker cannot be used; the text says why, for the user.
    Broken(String),
}

/// A running worker.
pub struct Client {
    worker: Worker,
    inner: Rc<RefCell<Inner>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

#[derive(Default)]
struct Inner {
    ready: bool,
    /// Messages sent before the worker was ready: a worker drops messages that arrive
    /// before its wasm has installed the handler.
    outbox: Vec<(Vec<u8>, Option<File>)>,
    next_job: u64,
}

impl Client {
    /// Starts a worker; `on_event` receives everything it says.
    pub fn spawn(on_event: impl Fn(Event) + 'static) -> Result<Self, String> {
        let (worker, blob_url) = start_worker()?;
        let inner: Rc<RefCell<Inner>> = Rc::default();
        let on_event = Rc::new(on_event);

        let (state, sender, report) = (Rc::clone(&inner), worker.clone(), Rc::clone(&on_event));
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let reply = unpack(event.data()).and_then(|envelope| {
                protocol::decode::<FromWorker>(&envelope.bytes).map_err(|e| e.to_string())
            });
            match reply {
                Ok(FromWorker::Ready { build }) if build != BUILD_ID => {
                    sender.terminate();
                    report(Event::Broken(format!(
                        "this page (build {BUILD_ID}) and its analysis engine (build {build}) \
                         come from different versions of CRM Lens; reload the page"
                    )));
                }
                Ok(FromWorker::Ready { build }) => {
                    // The worker has loaded: its one-line blob is no longer needed.
                    let _ = web_sys::Url::revoke_object_url(&blob_url);
                    let outbox = {
                        let mut state = state.borrow_mut();
                        state.ready = true;
                        std::mem::take(&mut state.outbox)
                    };
                    for (bytes, file) in outbox {
                        post(&sender, &bytes, file.as_ref());
                    }
                    report(Event::Reply(FromWorker::Ready { build }));
                }
                // A request the worker could not read names no job, so no job would ever
                // end: the engine cannot be trusted any more.
                Ok(FromWorker::Rejected { reason }) => {
                    sender.terminate();
                    report(Event::Broken(format!(
                        "it could not understand a request ({reason}); reload the page"
                    )));
                }
                Ok(reply) => report(Event::Reply(reply)),
                Err(reason) => report(Event::Broken(format!(
                    "it sent a message this page cannot read ({reason}); reload the page"
                ))),
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));

        let report = Rc::clone(&on_event);
        // A worker that fails to load fires a plain `Event`; one that throws, an `ErrorEvent`.
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            let message = event
                .dyn_ref::<ErrorEvent>()
                .map(ErrorEvent::message)
                .filter(|message| !message.is_empty());
            report(Event::Broken(message.unwrap_or_else(|| {
                "it could not be loaded; check the connection and reload the page".into()
            })));
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));

        Ok(Self {
            worker,
            inner,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Sends a request, with the file it needs, and returns the new job's id.
    pub fn start(&self, request: Request, file: Option<&File>) -> JobId {
        let job = {
            let mut inner = self.inner.borrow_mut();
            inner.next_job += 1;
            JobId(inner.next_job)
        };
        self.send(&ToWorker::Start { job, request }, file);
        job
    }

    /// Asks the worker to stop a job.
    pub fn cancel(&self, job: JobId) {
        self.send(&ToWorker::Cancel { job }, None);
    }

    fn send(&self, message: &ToWorker, file: Option<&File>) {
        let bytes = match protocol::encode(message) {
            Ok(bytes) => bytes,
            Err(error) => {
                web_sys::console::error_1(&format!("cannot encode a request: {error}").into());
                return;
            }
        };
        let mut inner = self.inner.borrow_mut();
        if inner.ready {
            drop(inner);
            post(&self.worker, &bytes, file);
        } else {
            inner.outbox.push((bytes, file.cloned()));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

fn post(worker: &Worker, bytes: &[u8], file: Option<&File>) {
    let (message, transfer) = pack(bytes, file);
    if let Err(error) = worker.post_message_with_transfer(&message, &transfer) {
        web_sys::console::error_2(&"cannot post a request".into(), &error);
    }
}
