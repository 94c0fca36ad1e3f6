//! The web worker: owns the dataset and runs every job, one at a time, in the order
//! the [`Scheduler`] gives. A thin loop: decode a request, call the core, post
//! progress and the result.

mod file_reader;
mod pacer;

use crate::baskets::{self, Baskets, BasketsError};
use crate::control::Interrupted;
use crate::demo;
use crate::ingest::reading::Reading;
use crate::ingest::roles::Mapping;
use crate::ingest::{self, LoadError, LoadOptions, Loaded, TableKind};
use crate::protocol::{
    self, BUILD_ID, FileMeta, FromWorker, JobError, JobId, JobResult, Request, RulesFound,
    RulesRequest, ToWorker,
};
use crate::recommend::{self, RecommendError, SegmentLabels};
use crate::scheduler::{Cancelled, Scheduler};
use crate::segments::{self, SegmentError, summary::summarise};
use crate::value::{self, ValueError};
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
    /// [`Request::Segment`].
    Segment(Box<segments::Settings>),
    /// [`Request::ExportSegments`].
    ExportSegments,
    /// [`Request::Rules`].
    Rules(Box<RulesRequest>),
    /// [`Request::Recommend`].
    Recommend(Box<recommend::Settings>),
    /// [`Request::LookupCustomer`].
    LookupCustomer { query: String },
    /// [`Request::ExportRecommendations`].
    ExportRecommendations,
    /// [`Request::Value`].
    Value(Box<value::Settings>),
    /// [`Request::ExportValue`].
    ExportValue,
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
            (Request::Segment(settings), _) => Ok(Work::Segment(settings)),
            (Request::ExportSegments, _) => Ok(Work::ExportSegments),
            (Request::Rules(request), _) => Ok(Work::Rules(request)),
            (Request::Recommend(settings), _) => Ok(Work::Recommend(settings)),
            (Request::LookupCustomer { query }, _) => Ok(Work::LookupCustomer { query }),
            (Request::ExportRecommendations, _) => Ok(Work::ExportRecommendations),
            (Request::Value(settings), _) => Ok(Work::Value(settings)),
            (Request::ExportValue, _) => Ok(Work::ExportValue),
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
            Work::Segment(settings) => self.segment(job, &settings).await,
            Work::Rules(request) => self.rules(job, &request).await,
            Work::Recommend(settings) => self.recommend(job, &settings).await,
            Work::LookupCustomer { query } => self.lookup(&query),
            Work::ExportRecommendations => self.export_recommendations(),
            Work::Value(settings) => self.value(job, &settings).await,
            Work::ExportValue => self.export_value(),
            Work::ExportSegments => match self.workspace.borrow().segmentation() {
                Some(segmentation) => Ok(JobResult::Export {
                    name: "customer-segments.csv".to_owned(),
                    text: segments::customers_csv(segmentation),
                }),
                None => Err(not_yet(
                    "There is no segmentation to export yet; open Segments first.",
                )),
            },
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

    /// Segments the customers of the loaded data, keeping the result for exports.
    async fn segment(
        &self,
        job: JobId,
        settings: &segments::Settings,
    ) -> Result<JobResult, Failure> {
        let snapshot = self.workspace.borrow_mut().snapshot();
        let Some(snapshot) = snapshot else {
            return Err(no_data());
        };
        let mut pacer = Pacer::new(self, job);
        let extras = snapshot.extra_tables();
        let segmentation = segments::segment(&snapshot.orders, &extras, settings, &mut pacer)
            .await
            .map_err(|error| match error {
                SegmentError::Interrupted(reason) => Failure::Interrupted(reason),
                error => Failure::Failed(JobError::new(format!("Segments: {error}"))),
            })?;
        let summary = summarise(&segmentation, settings.seed);
        self.workspace.borrow_mut().set_segmentation(segmentation);
        Ok(JobResult::Segments(Box::new(summary)))
    }

    /// Finds association rules in the baskets of the loaded data, or of one segment's
    /// customers.
    async fn rules(&self, job: JobId, request: &RulesRequest) -> Result<JobResult, Failure> {
        let snapshot = self.workspace.borrow_mut().snapshot();
        let Some(snapshot) = snapshot else {
            return Err(no_data());
        };
        let segment = match request.segment {
            Some(cluster) => match self.workspace.borrow().segment_customers(cluster) {
                Some(found) => Some(found),
                None => {
                    return Err(Failure::Failed(JobError::new(
                        "Baskets: that segment is gone (the data or the segments changed); \
                         choose a segment again"
                            .to_owned(),
                    )));
                }
            },
            None => None,
        };
        let mut pacer = Pacer::new(self, job);
        let failed = |error: BasketsError| match error {
            BasketsError::Interrupted(reason) => Failure::Interrupted(reason),
            error => Failure::Failed(JobError::new(format!("Baskets: {error}"))),
        };
        let (all, report) = Baskets::from_dataset(&snapshot.dataset, request.options, &mut pacer)
            .await
            .map_err(failed)?;
        let (baskets, segment) = match segment {
            Some((name, customers)) => {
                // Whether each customer value id is in the segment.
                let size = customers.iter().max().map_or(0, |&most| most as usize + 1);
                let mut member = vec![false; size];
                for id in customers {
                    member[id as usize] = true;
                }
                let customers = all.customers();
                let keep = |b: usize| member.get(customers[b] as usize).copied().unwrap_or(false);
                (all.select(keep), Some(name))
            }
            None => (all, None),
        };
        let checked = request
            .params
            .check(&baskets)
            .map_err(|error| failed(error.into()))?;
        let analysis = baskets::analyse(&baskets, &checked, &mut pacer)
            .await
            .map_err(Failure::Interrupted)?;
        Ok(JobResult::Rules(Box::new(RulesFound {
            report,
            analysis,
            segment,
        })))
    }

    /// Recommends items to every customer, with the latest segmentation's segments.
    async fn recommend(
        &self,
        job: JobId,
        settings: &recommend::Settings,
    ) -> Result<JobResult, Failure> {
        let snapshot = self.workspace.borrow_mut().snapshot();
        let Some(snapshot) = snapshot else {
            return Err(no_data());
        };
        let segments = self.workspace.borrow().segmentation().map(|segmentation| {
            SegmentLabels::from_segmentation(segmentation, snapshot.orders.customer_count())
        });
        let mut pacer = Pacer::new(self, job);
        let recommendations =
            recommend::recommend(&snapshot.orders, segments.as_ref(), settings, &mut pacer)
                .await
                .map_err(|error| match error {
                    RecommendError::Interrupted(reason) => Failure::Interrupted(reason),
                    error => Failure::Failed(JobError::new(format!("Recommendations: {error}"))),
                })?;
        let summary = recommendations.summary();
        self.workspace
            .borrow_mut()
            .set_recommendations(recommendations);
        Ok(JobResult::Recommendations(Box::new(summary)))
    }

    /// Looks a customer up in the latest recommendations.
    fn lookup(&self, query: &str) -> Result<JobResult, Failure> {
        let mut workspace = self.workspace.borrow_mut();
        let snapshot = workspace.snapshot().ok_or_else(no_data)?;
        let recommendations = workspace.recommendations().ok_or_else(|| {
            not_yet("There are no recommendations to look customers up in yet; open Recommendations first.")
        })?;
        let found = recommendations.lookup(&snapshot.orders, query);
        Ok(JobResult::Customer(Box::new(found)))
    }

    /// The latest recommendations as a CSV file.
    fn export_recommendations(&self) -> Result<JobResult, Failure> {
        let mut workspace = self.workspace.borrow_mut();
        let snapshot = workspace.snapshot().ok_or_else(no_data)?;
        let recommendations = workspace.recommendations().ok_or_else(|| {
            not_yet("There are no recommendations to export yet; open Recommendations first.")
        })?;
        Ok(JobResult::Export {
            name: "recommendations.csv".to_owned(),
            text: recommendations.csv(&snapshot.orders),
        })
    }

    /// Fits the value, churn and loyalty models.
    async fn value(&self, job: JobId, settings: &value::Settings) -> Result<JobResult, Failure> {
        let snapshot = self.workspace.borrow_mut().snapshot();
        let Some(snapshot) = snapshot else {
            return Err(no_data());
        };
        let mut pacer = Pacer::new(self, job);
        let analysis = value::analyse(&snapshot.orders, settings, &mut pacer)
            .await
            .map_err(|error| match error {
                ValueError::Interrupted(reason) => Failure::Interrupted(reason),
                error => Failure::Failed(JobError::new(format!("Value: {error}"))),
            })?;
        let summary = analysis.summary();
        self.workspace.borrow_mut().set_value(analysis);
        Ok(JobResult::Value(Box::new(summary)))
    }

    /// Every customer's value figures as a CSV file.
    fn export_value(&self) -> Result<JobResult, Failure> {
        let mut workspace = self.workspace.borrow_mut();
        let snapshot = workspace.snapshot().ok_or_else(no_data)?;
        let analysis = workspace.value().ok_or_else(|| {
            not_yet("There are no value figures to export yet; open Value first.")
        })?;
        Ok(JobResult::Export {
            name: "customer-value.csv".to_owned(),
            text: analysis.csv(&snapshot.orders),
        })
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
