//! The web worker: owns the dataset and runs every job, one at a time, in the order
//! the [`Scheduler`] gives. A thin loop: decode a request, call the core, post
//! progress and the result.

mod file_reader;
mod pacer;

use crate::control::Interrupted;
use crate::demo;
use crate::ingest::roles::Mapping;
use crate::ingest::{self, Dataset, LoadError, LoadOptions};
use crate::protocol::{
    self, BUILD_ID, FileMeta, FromWorker, JobError, JobId, JobResult, Request, ToWorker,
};
use crate::scheduler::{Cancelled, Scheduler};
use crate::web::envelope::{pack, unpack};
use file_reader::FileReader;
use pacer::{Pacer, Yielder};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, File, MessageEvent, Performance};

/// Starts the worker: installs the message handler and announces readiness.
pub fn start() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let worker = match Worker::new(scope.clone()) {
        Ok(worker) => Rc::new(worker),
        Err(error) => {
            // Without a clock or a message channel the worker cannot pace jobs. The
            // thrown error reaches the page's `onerror`, which shows it.
            wasm_bindgen::throw_str(&format!("the analysis engine cannot start: {error:?}"));
        }
    };
    let receiver = Rc::clone(&worker);
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        receiver.receive(event.data());
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker does.
    on_message.forget();
    worker.post(&FromWorker::Ready {
        build: BUILD_ID.to_owned(),
    });
}

/// The largest file loaded in the browser. A wasm32 worker has 4 GiB of memory at most,
/// and loading takes up to about twice the file's size; larger files are for the CLI.
const MAX_FILE_BYTES: u64 = 1 << 30;

/// The name the demo's transaction log is shown under.
const DEMO_NAME: &str = "demo-transactions.csv";

/// A queued job: a request together with what it needs, checked on arrival.
enum Work {
    /// [`Request::LoadFile`] and its file.
    Load {
        meta: FileMeta,
        file: File,
        mapping: Option<Mapping>,
    },
    /// [`Request::LoadDemo`].
    LoadDemo { mapping: Option<Mapping> },
    /// [`Request::DemoFiles`].
    DemoFiles,
}

impl Work {
    /// Pairs a request with the file sent beside it, if it needs one.
    fn new(request: Request, file: Option<File>) -> Result<Self, JobError> {
        match (request, file) {
            (
                Request::LoadFile {
                    file: meta,
                    mapping,
                },
                Some(file),
            ) => Ok(Work::Load {
                meta,
                file,
                mapping,
            }),
            (Request::LoadFile { file: meta, .. }, None) => Err(JobError::new(format!(
                "{}: the file did not arrive; choose it again",
                meta.name
            ))),
            (Request::LoadDemo { mapping }, _) => Ok(Work::LoadDemo { mapping }),
            (Request::DemoFiles, _) => Ok(Work::DemoFiles),
        }
    }
}

struct Worker {
    scope: DedicatedWorkerGlobalScope,
    scheduler: RefCell<Scheduler<Work>>,
    /// Whether the job loop is running.
    pumping: Cell<bool>,
    yielder: Yielder,
    clock: Performance,
    /// The loaded transaction log: the data lives here, never on the UI thread.
    dataset: RefCell<Option<Dataset>>,
}

impl Worker {
    fn new(scope: DedicatedWorkerGlobalScope) -> Result<Self, JsValue> {
        let clock = scope.performance().ok_or("no performance clock")?;
        Ok(Self {
            scope,
            scheduler: RefCell::default(),
            pumping: Cell::new(false),
            yielder: Yielder::new()?,
            clock,
            dataset: RefCell::new(None),
        })
    }

    fn receive(self: &Rc<Self>, data: JsValue) {
        let envelope = match unpack(data) {
            Ok(envelope) => envelope,
            Err(reason) => return self.post(&FromWorker::Rejected { reason }),
        };
        let message = match protocol::decode::<ToWorker>(&envelope.bytes) {
            Ok(message) => message,
            Err(error) => {
                return self.post(&FromWorker::Rejected {
                    reason: error.to_string(),
                });
            }
        };
        match message {
            ToWorker::Start { job, request } => {
                let lane = request.lane();
                let work = match Work::new(request, envelope.file) {
                    Ok(work) => work,
                    Err(error) => return self.post(&FromWorker::Failed { job, error }),
                };
                let dropped = self.scheduler.borrow_mut().submit(job, lane, work);
                for job in dropped {
                    self.post(&FromWorker::Interrupted {
                        job,
                        reason: Interrupted::Superseded,
                    });
                }
                self.pump();
            }
            ToWorker::Cancel { job } => {
                if self.scheduler.borrow_mut().cancel(job) == Cancelled::Dropped {
                    self.post(&FromWorker::Interrupted {
                        job,
                        reason: Interrupted::Cancelled,
                    });
                }
            }
        }
    }

    /// Runs queued jobs until none is left, unless that loop is already running.
    fn pump(self: &Rc<Self>) {
        if self.pumping.replace(true) {
            return;
        }
        let worker = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                let next = worker.scheduler.borrow_mut().start_next();
                let Some((job, work)) = next else { break };
                let reply = worker.run(job, work).await;
                worker.scheduler.borrow_mut().finish(job);
                worker.post(&reply);
            }
            worker.pumping.set(false);
        });
    }

    async fn run(&self, job: JobId, work: Work) -> FromWorker {
        match work {
            Work::Load {
                meta,
                file,
                mapping,
            } => {
                let size = meta.bytes;
                self.load(job, meta, FileReader::new(file), size, mapping, false)
                    .await
            }
            Work::LoadDemo { mapping } => {
                let demo = demo::generate(demo::SEED, demo::DemoSize::default());
                let bytes = demo.transactions.into_bytes();
                let meta = FileMeta {
                    name: DEMO_NAME.to_owned(),
                    bytes: bytes.len() as u64,
                };
                self.load(job, meta, &bytes[..], bytes.len() as u64, mapping, true)
                    .await
            }
            Work::DemoFiles => {
                let demo = demo::generate(demo::SEED, demo::DemoSize::default());
                let files = vec![
                    ("demo-transactions.csv".to_owned(), demo.transactions),
                    ("demo-customers.csv".to_owned(), demo.customers),
                    ("demo-feedback.csv".to_owned(), demo.feedback),
                ];
                FromWorker::Done {
                    job,
                    result: JobResult::DemoFiles { files },
                }
            }
        }
    }

    /// Loads a transaction log, which becomes the dataset if it loads.
    async fn load(
        &self,
        job: JobId,
        meta: FileMeta,
        input: impl ingest::Source,
        size: u64,
        mapping: Option<Mapping>,
        demo: bool,
    ) -> FromWorker {
        let mut pacer = Pacer::new(self, job);
        pacer.start(size);
        let options = LoadOptions {
            max_bytes: Some(MAX_FILE_BYTES),
            mapping,
            ..LoadOptions::default()
        };
        match ingest::load(input, Some(size), &options, &mut pacer).await {
            Ok(loaded) => {
                *self.dataset.borrow_mut() = Some(loaded.dataset);
                let report = Box::new(loaded.report);
                FromWorker::Done {
                    job,
                    result: JobResult::Loaded {
                        file: meta,
                        report,
                        demo,
                    },
                }
            }
            Err(LoadError::Interrupted(reason)) => FromWorker::Interrupted { job, reason },
            Err(error) => FromWorker::Failed {
                job,
                error: JobError {
                    message: format!("{}: {error}", meta.name),
                    choices: error.choices().to_vec(),
                },
            },
        }
    }

    fn post(&self, message: &FromWorker) {
        let bytes = match protocol::encode(message) {
            Ok(bytes) => bytes,
            Err(error) => {
                web_sys::console::error_1(&format!("cannot encode a reply: {error}").into());
                return;
            }
        };
        let (message, transfer) = pack(&bytes, None);
        if let Err(error) = self.scope.post_message_with_transfer(&message, &transfer) {
            web_sys::console::error_2(&"cannot post a reply".into(), &error);
        }
    }
}
