//! The web worker: owns the dataset and runs every job, one at a time, in the order
//! the [`Scheduler`] gives. A thin loop: decode a request, call the core, post
//! progress and the result.

mod file_reader;
mod pacer;

use crate::analyses::{
    self, AnySettings, Dispatch, Kind, Registered, Running, SettingsOf, Stopped, Unit,
};
use crate::control::Interrupted;
use crate::demo;
use crate::ingest::reading::Reading;
use crate::ingest::roles::Mapping;
use crate::ingest::{self, LoadError, LoadOptions, Loaded, TableKind};
use crate::protocol::{
    self, BUILD_ID, FileMeta, FromWorker, JobError, JobId, JobResult, Request, ToWorker,
};
use crate::recommend::Recommending;
use crate::scheduler::{Cancelled, Scheduler};
use crate::web::envelope::{pack, unpack};
use crate::workspace::Workspace;
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

/// The names the demo's files are shown and downloaded under.
const DEMO_TRANSACTIONS: &str = "demo-transactions.csv";
const DEMO_CUSTOMERS: &str = "demo-customers.csv";
const DEMO_FEEDBACK: &str = "demo-feedback.csv";

/// A queued job: a request together with what it needs, checked on arrival.
enum Work {
    /// [`Request::LoadFile`] and its file.
    Load {
        meta: FileMeta,
        file: File,
        kind: TableKind,
        mapping: Option<Mapping>,
        reading: Reading,
    },
    /// [`Request::LoadDemo`].
    LoadDemo {
        mapping: Option<Mapping>,
        reading: Reading,
    },
    /// [`Request::DemoFiles`].
    DemoFiles,
    /// [`Request::RemoveTable`].
    RemoveTable { name: String },
    /// [`Request::Analyse`].
    Analyse(AnySettings),
    /// [`Request::Export`].
    Export(Kind),
    /// [`Request::LookupCustomer`].
    LookupCustomer { query: String },
}

impl Work {
    /// Pairs a request with the file sent beside it, if it needs one.
    fn new(request: Request, file: Option<File>) -> Result<Self, JobError> {
        match (request, file) {
            (
                Request::LoadFile {
                    file: meta,
                    kind,
                    mapping,
                    reading,
                },
                Some(file),
            ) => Ok(Work::Load {
                meta,
                file,
                kind,
                mapping,
                reading,
            }),
            (Request::LoadFile { file: meta, .. }, None) => Err(JobError::new(format!(
                "{}: the file did not arrive; choose it again",
                meta.name
            ))),
            (Request::LoadDemo { mapping, reading }, _) => Ok(Work::LoadDemo { mapping, reading }),
            (Request::DemoFiles, _) => Ok(Work::DemoFiles),
            (Request::RemoveTable { name }, _) => Ok(Work::RemoveTable { name }),
            (Request::Analyse(settings), _) => Ok(Work::Analyse(settings)),
            (Request::Export(kind), _) => Ok(Work::Export(kind)),
            (Request::LookupCustomer { query }, _) => Ok(Work::LookupCustomer { query }),
        }
    }
}

/// The user's choices for reading a table: column roles and the rest.
#[derive(Default)]
struct Choice {
    mapping: Option<Mapping>,
    reading: Reading,
}

/// Why a job did not finish.
enum Failure {
    /// Cancelled or superseded.
    Interrupted(Interrupted),
    /// It went wrong; the error is for the user.
    Failed(JobError),
}

struct Worker {
    scope: DedicatedWorkerGlobalScope,
    scheduler: RefCell<Scheduler<Work>>,
    /// Whether the job loop is running.
    pumping: Cell<bool>,
    yielder: Yielder,
    clock: Performance,
    /// The loaded tables: the data lives here, never on the UI thread.
    workspace: RefCell<Workspace>,
    /// The load job whose transaction log the workspace holds: every result names it.
    data: Cell<Option<JobId>>,
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
            workspace: RefCell::default(),
            data: Cell::new(None),
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
        let result = match work {
            Work::Load {
                meta,
                file,
                kind,
                mapping,
                reading,
            } => {
                let input = FileReader::new(file);
                let choice = Choice { mapping, reading };
                let loaded = self.load(job, &meta, input, kind, choice).await;
                loaded.map(|loaded| self.keep(job, meta, loaded, kind, false))
            }
            Work::LoadDemo { mapping, reading } => {
                self.load_demo(job, Choice { mapping, reading }).await
            }
            Work::DemoFiles => {
                let demo = demo::generate(demo::SEED, demo::DemoSize::default());
                let files = vec![
                    (DEMO_TRANSACTIONS.to_owned(), demo.transactions),
                    (DEMO_CUSTOMERS.to_owned(), demo.customers),
                    (DEMO_FEEDBACK.to_owned(), demo.feedback),
                ];
                Ok(JobResult::DemoFiles { files })
            }
            Work::RemoveTable { name } => {
                let mut workspace = self.workspace.borrow_mut();
                workspace.remove_extra(&name);
                Ok(JobResult::Extras {
                    extras: workspace.extras(),
                })
            }
            Work::Analyse(settings) => settings.dispatch(Analyser { worker: self, job }).await,
            Work::Export(kind) => kind.dispatch(Exporter { worker: self }, ()),
            Work::LookupCustomer { query } => self.lookup(&query),
        };
        match result {
            Ok(result) => FromWorker::Done {
                job,
                result,
                data: self.data.get(),
            },
            Err(Failure::Interrupted(reason)) => FromWorker::Interrupted { job, reason },
            Err(Failure::Failed(error)) => FromWorker::Failed { job, error },
        }
    }

    /// Generates the demo shop and loads its transaction log and extra tables.
    async fn load_demo(&self, job: JobId, choice: Choice) -> Result<JobResult, Failure> {
        let demo = demo::generate(demo::SEED, demo::DemoSize::default());
        let transactions = meta(DEMO_TRANSACTIONS, &demo.transactions);
        let input = demo.transactions.as_bytes();
        let kind = TableKind::Transactions;
        let loaded = self.load(job, &transactions, input, kind, choice).await?;
        let mut extras = Vec::new();
        for (name, text) in [
            (DEMO_CUSTOMERS, demo.customers),
            (DEMO_FEEDBACK, demo.feedback),
        ] {
            let file = meta(name, &text);
            let table = self
                .load(
                    job,
                    &file,
                    text.as_bytes(),
                    TableKind::Extra,
                    Choice::default(),
                )
                .await?;
            extras.push((file, table));
        }
        // Kept only when all have loaded, so an interrupted load changes nothing.
        for (file, table) in extras {
            self.keep(job, file, table, TableKind::Extra, true);
        }
        Ok(self.keep(job, transactions, loaded, kind, true))
    }

    /// Runs analysis `A` on the loaded data and keeps its result; the page is sent its
    /// summary.
    async fn analyse<A: Registered>(
        &self,
        job: JobId,
        settings: A::Settings,
    ) -> Result<JobResult, Failure> {
        let snapshot = self.workspace.borrow_mut().snapshot();
        let Some(snapshot) = snapshot else {
            return Err(no_data());
        };
        let mut pacer = Pacer::new(self, job);
        let extras = snapshot.extra_tables();
        let input = snapshot.input(&extras);
        let output = analyses::run::<A, _>(&input, &settings, &mut pacer)
            .await
            .map_err(|stopped| match stopped {
                Stopped::Interrupted(reason) => Failure::Interrupted(reason),
                Stopped::Failed(message) => Failure::Failed(JobError::new(message)),
            })?;
        let summary = A::summarise(&output, &settings);
        self.workspace.borrow_mut().keep::<A>(output, settings);
        Ok(JobResult::Analysed(A::wrap_summary(summary)))
    }

    /// The per-customer rows of analysis `A`'s latest result, as a CSV file.
    fn export<A: Registered>(&self) -> Result<JobResult, Failure> {
        let Some((name, what)) = A::WORDS.export else {
            return Err(not_yet(&format!(
                "{} has no per-customer rows to export.",
                A::WORDS.title
            )));
        };
        let mut workspace = self.workspace.borrow_mut();
        let snapshot = workspace.snapshot().ok_or_else(no_data)?;
        let output = workspace.result::<A>().ok_or_else(|| {
            not_yet(&format!(
                "There are no {what} to export yet; open {} first.",
                A::WORDS.title
            ))
        })?;
        let text = A::customer_rows(output, &snapshot.orders).unwrap_or_default();
        Ok(JobResult::Export {
            name: name.to_owned(),
            text,
        })
    }

    /// Looks a customer up in the latest recommendations.
    fn lookup(&self, query: &str) -> Result<JobResult, Failure> {
        let mut workspace = self.workspace.borrow_mut();
        let snapshot = workspace.snapshot().ok_or_else(no_data)?;
        let recommendations = workspace.result::<Recommending>().ok_or_else(|| {
            not_yet("There are no recommendations to look customers up in yet; open Recommendations first.")
        })?;
        let found = recommendations.lookup(&snapshot.orders, query);
        Ok(JobResult::Customer(Box::new(found)))
    }

    /// Loads one table; errors name the file.
    async fn load(
        &self,
        job: JobId,
        meta: &FileMeta,
        input: impl ingest::Source,
        kind: TableKind,
        choice: Choice,
    ) -> Result<Loaded, Failure> {
        let mut pacer = Pacer::new(self, job);
        pacer.start(meta.bytes);
        // A workbook is read whole into memory (its directory is at its end), within
        // the same limit.
        let options = LoadOptions {
            kind,
            mapping: choice.mapping,
            max_bytes: Some(MAX_FILE_BYTES),
            reading: choice.reading,
        };
        ingest::load(input, Some(meta.bytes), &options, &mut pacer)
            .await
            .map_err(|error| match error {
                LoadError::Interrupted(reason) => Failure::Interrupted(reason),
                error => Failure::Failed(JobError {
                    message: format!("{}: {error}", meta.name),
                    choices: error.choices().to_vec(),
                }),
            })
    }

    /// Keeps a loaded table in the workspace; the answer to the job that loaded it.
    /// A transaction log becomes the dataset that `job` made.
    fn keep(
        &self,
        job: JobId,
        file: FileMeta,
        loaded: Loaded,
        kind: TableKind,
        demo: bool,
    ) -> JobResult {
        let mut workspace = self.workspace.borrow_mut();
        match kind {
            TableKind::Transactions => {
                let report = Box::new(loaded.report);
                workspace.set_transactions(loaded.dataset, demo);
                self.data.set(Some(job));
                JobResult::Loaded {
                    file,
                    report,
                    demo,
                    extras: workspace.extras(),
                }
            }
            TableKind::Extra => {
                workspace.add_extra(file.name, loaded, demo);
                JobResult::Extras {
                    extras: workspace.extras(),
                }
            }
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

/// Runs an analysis's job, whichever analysis its settings are for.
struct Analyser<'w> {
    worker: &'w Worker,
    job: JobId,
}

impl<'w> Dispatch<SettingsOf, Running<'w, Result<JobResult, Failure>>> for Analyser<'w> {
    fn call<A: Registered>(self, settings: A::Settings) -> Running<'w, Result<JobResult, Failure>> {
        Box::pin(self.worker.analyse::<A>(self.job, settings))
    }
}

/// Writes an analysis's per-customer rows, whichever analysis it is.
struct Exporter<'w> {
    worker: &'w Worker,
}

impl Dispatch<Unit<()>, Result<JobResult, Failure>> for Exporter<'_> {
    fn call<A: Registered>(self, (): ()) -> Result<JobResult, Failure> {
        self.worker.export::<A>()
    }
}

/// The error of an analysis asked for before any data is loaded.
fn no_data() -> Failure {
    Failure::Failed(JobError::new(
        "Load an order history first (the Data page).".to_owned(),
    ))
}

/// The error of a request for an analysis's results before the analysis ran.
fn not_yet(message: &str) -> Failure {
    Failure::Failed(JobError::new(message.to_owned()))
}

/// A generated file's name and size.
fn meta(name: &str, text: &str) -> FileMeta {
    FileMeta {
        name: name.to_owned(),
        bytes: text.len() as u64,
    }
}
