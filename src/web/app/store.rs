//! The app's state: what the worker has said, held in signals for the components.
//! Every change arrives as a worker reply; components only read and send requests.
//!
//! Every analysis result is kept with the data it was computed from ([`Computed`]), as
//! the worker names it, so that a page can only show it under that data's name.

mod analyses;
mod choices;

pub use choices::Choice;

use super::client::{Client, Event};
use crate::analyses::All;
use crate::control::{Interrupted, Progress};
use crate::ingest::infer::ColumnType;
use crate::ingest::reading::Reading;
use crate::ingest::roles::Mapping;
use crate::ingest::{LoadReport, TableKind};
use crate::protocol::{FileMeta, FromWorker, JobError, JobId, JobResult, Lane, Request};
use crate::recommend::CustomerLookup;
use crate::view::format::Currency;
use crate::workspace::ExtraSummary;
use analyses::Slots;
use choices::Memory;
use leptos::prelude::*;
use web_sys::File;

/// The state of the analysis engine (the worker).
#[derive(Debug, Clone, PartialEq)]
pub enum Engine {
    /// Loading.
    Starting,
    /// Accepting jobs.
    Ready,
    /// Unusable; the text says why.
    Broken(String),
}

/// A job that the status bar shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ActiveJob {
    /// Its id.
    pub id: JobId,
    /// Its lane.
    pub lane: Lane,
    /// What it does, for the user.
    pub label: String,
    /// Its latest progress.
    pub progress: Option<Progress>,
}

/// The outcome of the latest finished job, for the status bar.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// It went well.
    Info(String),
    /// It went wrong.
    Error(String),
}

/// The loaded transaction log, as the worker reported it (the rows stay in the worker).
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedFile {
    /// The file.
    pub file: FileMeta,
    /// What loading found.
    pub report: Box<LoadReport>,
    /// Whether this is the built-in demo.
    pub demo: bool,
    /// The load job that made this dataset in the worker.
    pub data: JobId,
}

impl LoadedFile {
    /// What results computed from this data are labelled with.
    pub fn tag(&self) -> DataTag {
        DataTag {
            id: self.data,
            name: self.file.name.clone(),
            demo: self.demo,
        }
    }
}

/// Which data a result was computed from.
#[derive(Debug, Clone, PartialEq)]
pub struct DataTag {
    /// The load job that made the dataset in the worker.
    pub id: JobId,
    /// The transaction log's file name.
    pub name: String,
    /// Whether it is the built-in demo.
    pub demo: bool,
}

impl DataTag {
    /// How the page names the data: the file name, or "demo data".
    pub fn describe(&self) -> String {
        if self.demo {
            "demo data".to_owned()
        } else {
            self.name.clone()
        }
    }
}

/// An analysis's result with the data it was computed from.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed<T> {
    /// The data.
    pub data: DataTag,
    /// The result.
    pub value: T,
}

/// A transaction log that could not be loaded; the data shown is still the earlier one.
#[derive(Debug, Clone, PartialEq)]
pub struct FailedLoad {
    /// The file's name.
    pub name: String,
    /// Why, for the user (without the file name).
    pub reason: String,
}

/// Columns whose roles the user is asked to choose, after a load that needed them.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleQuestion {
    /// Why: the failed load's message.
    pub reason: String,
    /// Each column's name and type.
    pub columns: Vec<(String, ColumnType)>,
    /// The roles the user tried last, to start from.
    pub mapping: Mapping,
    /// The kind of table the file was loaded as.
    pub kind: TableKind,
}

/// Which file a new choice of column roles loads again.
#[derive(Debug, Clone, PartialEq)]
pub enum RolesFor {
    /// The file whose load asked for roles.
    Asked,
    /// The transaction log shown.
    Shown,
    /// The extra table of this name.
    Extra(String),
}

/// What the dataset was loaded from, to load it again with other column roles. Only a
/// handle: the UI thread never reads the file.
#[derive(Clone)]
enum Source {
    File(File, TableKind),
    Demo,
}

/// A load as sent: where it reads from and with which choices.
#[derive(Clone)]
struct Load {
    source: Source,
    choice: Choice,
    /// Whether the choices were remembered from an earlier load of the same file name
    /// (rather than made just now).
    recalled: bool,
}

/// A job as sent: what it is called, and for a load, what and how it reads.
struct Started {
    id: JobId,
    label: String,
    load: Option<Load>,
}

/// The name and size of a file, as the browser reports them.
fn file_meta(file: &File) -> FileMeta {
    FileMeta {
        name: file.name(),
        bytes: file.size() as u64,
    }
}

/// A file the user can download: its name and a `blob:` URL holding it.
#[derive(Debug, Clone, PartialEq)]
pub struct Download {
    /// The file name.
    pub name: String,
    /// Where the browser holds it.
    pub url: String,
}

/// The app's state, shared with components through context. Cheap to copy.
#[derive(Clone, Copy)]
pub struct Store {
    /// The engine's state.
    pub engine: RwSignal<Engine>,
    /// Jobs sent and not yet answered.
    pub jobs: RwSignal<Vec<ActiveJob>>,
    /// The latest outcome.
    pub notice: RwSignal<Option<Notice>>,
    /// The loaded transaction log.
    pub loaded: RwSignal<Option<LoadedFile>>,
    /// The extra tables, joined to the transaction log.
    pub extras: RwSignal<Vec<ExtraSummary>>,
    /// The file of each extra table the user loaded, by name, to load it again with
    /// other roles.
    extra_files: StoredValue<Vec<(String, File)>, LocalStorage>,
    /// The demo's CSV files, for download as templates.
    pub templates: RwSignal<Vec<Download>>,
    /// Column roles the user is asked to choose.
    pub question: RwSignal<Option<RoleQuestion>>,
    /// The transaction log that failed to load last, since the last one that loaded.
    pub failed_load: RwSignal<Option<FailedLoad>>,
    /// Each analysis's settings, latest result and error ([`Store::slot`]).
    analyses: All<Slots>,
    /// The latest customer search's answer.
    pub customer: RwSignal<Option<CustomerLookup>>,
    /// The `blob:` URL of the latest export, freed when the next one is made.
    export_url: StoredValue<Option<String>>,
    /// How the dataset shown was loaded, and the load that asked about roles.
    shown: StoredValue<Option<Load>, LocalStorage>,
    asked: StoredValue<Option<Load>, LocalStorage>,
    /// The choices the user made per file, sent again when the file is loaded again.
    memory: StoredValue<Memory>,
    /// What happened to each job, newest last (at most [`HISTORY`] lines).
    pub history: RwSignal<Vec<String>>,
    /// Jobs sent and not answered yet, also those no longer shown (superseded).
    started: StoredValue<Vec<Started>, LocalStorage>,
    client: StoredValue<Option<Client>, LocalStorage>,
}

/// How many lines the activity history keeps.
pub const HISTORY: usize = 50;

impl Store {
    /// Creates the state and starts the worker.
    pub fn new() -> Self {
        let store = Self {
            engine: RwSignal::new(Engine::Starting),
            jobs: RwSignal::new(Vec::new()),
            notice: RwSignal::new(None),
            loaded: RwSignal::new(None),
            extras: RwSignal::new(Vec::new()),
            extra_files: StoredValue::new_local(Vec::new()),
            templates: RwSignal::new(Vec::new()),
            question: RwSignal::new(None),
            failed_load: RwSignal::new(None),
            analyses: All::new(&mut analyses::Fresh),
            export_url: StoredValue::new(None),
            customer: RwSignal::new(None),
            shown: StoredValue::new_local(None),
            asked: StoredValue::new_local(None),
            memory: StoredValue::new(Memory::default()),
            history: RwSignal::new(Vec::new()),
            started: StoredValue::new_local(Vec::new()),
            client: StoredValue::new_local(None),
        };
        match Client::spawn(move |event| store.on_event(event)) {
            Ok(client) => store.client.set_value(Some(client)),
            Err(reason) => store.engine.set(Engine::Broken(reason)),
        }
        store
    }

    /// Loads a file the user chose: a transaction log or an extra table, with the
    /// choices made when a file of that name was loaded before.
    pub fn load_file(&self, file: File, kind: TableKind) {
        let name = file.name();
        let recalled = self.memory.with_value(|memory| memory.recall(kind, &name));
        let label = match recalled {
            Some(_) => format!("Loading {name} with your earlier choices"),
            None => format!("Loading {name}"),
        };
        let load = Load {
            source: Source::File(file, kind),
            recalled: recalled.is_some(),
            choice: recalled.unwrap_or_default(),
        };
        self.start_load(load, label);
    }

    /// Looks a customer up in the latest recommendations.
    pub fn lookup_customer(&self, query: String) {
        let label = format!("Looking up customer {query}");
        self.start(Request::LookupCustomer { query }, None, label, None);
    }

    /// How the loaded data's money is written (its currency), for the pages' money
    /// figures. Untracked: a page's figures are redrawn when new data brings new results.
    pub fn currency(&self) -> Currency {
        self.loaded.with_untracked(|loaded| {
            loaded
                .as_ref()
                .map(|l| Currency::of(&l.report.interpretation.currency))
                .unwrap_or_default()
        })
    }

    /// Whether a job of `lane` is running or queued.
    pub fn busy(&self, lane: Lane) -> bool {
        self.jobs
            .with(|jobs| jobs.iter().any(|job| job.lane == lane))
    }

    /// Forgets an extra table.
    pub fn remove_extra(&self, name: String) {
        let label = format!("Removing {name}");
        self.start(Request::RemoveTable { name }, None, label, None);
    }

    /// Loads the built-in demo shop.
    pub fn load_demo(&self) {
        let load = Load {
            source: Source::Demo,
            choice: Choice::default(),
            recalled: false,
        };
        self.start_load(load, "Loading the demo data".to_owned());
    }

    /// Loads a file again with the user's column roles (and the other choices it was
    /// loaded with).
    pub fn load_with_roles(&self, mapping: Mapping, target: &RolesFor) {
        let load = match target {
            RolesFor::Asked => self.asked.get_value(),
            RolesFor::Shown => self.shown.get_value(),
            RolesFor::Extra(name) => self.extra_files.with_value(|files| {
                files.iter().find(|(n, _)| n == name).map(|(_, file)| Load {
                    source: Source::File(file.clone(), TableKind::Extra),
                    choice: Choice::default(),
                    recalled: false,
                })
            }),
        };
        if let Some(mut load) = load {
            load.choice.mapping = Some(mapping);
            self.reload(load, "with your column roles");
        }
    }

    /// Loads the transaction log shown again with other reading choices (statuses,
    /// guests, pseudo-products, sheet), keeping its column roles.
    pub fn load_with_reading(&self, reading: Reading) {
        if let Some(mut load) = self.shown.get_value() {
            load.choice.reading = reading;
            self.reload(load, "with your choices");
        }
    }

    /// Loads the transaction log shown again with the guessed roles and the defaults,
    /// forgetting the choices made for it.
    pub fn load_with_guesses(&self) {
        if let Some(mut load) = self.shown.get_value() {
            load.choice = Choice::default();
            self.reload(load, "with the guessed roles");
        }
    }

    /// The reading choices the transaction log shown was loaded with.
    pub fn shown_reading(&self) -> Reading {
        self.shown
            .with_value(|load| load.as_ref().map(|l| l.choice.reading.clone()))
            .unwrap_or_default()
    }

    /// The choices the transaction log shown was loaded with.
    pub fn shown_choice(&self) -> Choice {
        self.shown
            .with_value(|load| load.as_ref().map(|l| l.choice.clone()))
            .unwrap_or_default()
    }

    /// Whether the transaction log shown was loaded with choices remembered from an
    /// earlier load of a file of the same name.
    pub fn shown_recalled(&self) -> bool {
        self.shown
            .with_value(|load| load.as_ref().is_some_and(|l| l.recalled))
    }

    /// Loads again what `load` reads, with its choices (made just now).
    fn reload(&self, mut load: Load, how: &str) {
        load.recalled = false;
        let label = match &load.source {
            Source::File(file, _) => format!("Loading {} {how}", file.name()),
            Source::Demo => format!("Loading the demo data {how}"),
        };
        self.start_load(load, label);
    }

    /// Starts a load and remembers what it reads and how.
    fn start_load(&self, load: Load, label: String) {
        let Choice { mapping, reading } = load.choice.clone();
        let (request, file) = match &load.source {
            Source::File(file, kind) => {
                let request = Request::LoadFile {
                    file: file_meta(file),
                    kind: *kind,
                    mapping,
                    reading,
                };
                (request, Some(file.clone()))
            }
            Source::Demo => (Request::LoadDemo { mapping, reading }, None),
        };
        if request.lane() == Lane::Load {
            // A new transaction log is on its way: the last failure is history.
            self.failed_load.set(None);
        }
        self.start(request, file.as_ref(), label, Some(load));
    }

    /// Forgets a job that has ended, returning what was kept of it.
    fn ended(&self, job: JobId) -> Option<Started> {
        let mut found = None;
        self.started.update_value(|started| {
            if let Some(index) = started.iter().position(|s| s.id == job) {
                found = Some(started.remove(index));
            }
        });
        found
    }

    /// The ids of the jobs being shown.
    pub fn job_ids(&self) -> Vec<JobId> {
        self.jobs
            .with(|jobs| jobs.iter().map(|job| job.id).collect())
    }

    /// Shows a problem that is not a job's.
    pub fn complain(&self, message: String) {
        self.notice.set(Some(Notice::Error(message)));
    }

    /// Asks the worker to stop a job.
    pub fn cancel(&self, job: JobId) {
        self.client.with_value(|client| {
            if let Some(client) = client {
                client.cancel(job);
            }
        });
    }

    fn start(&self, request: Request, file: Option<&File>, label: String, load: Option<Load>) {
        if let Engine::Broken(_) = self.engine.get_untracked() {
            // A dead worker would never answer: say so instead of showing a job forever.
            self.notice.set(Some(Notice::Error(
                "The analysis engine is not running. Reload the page to start it again.".into(),
            )));
            return;
        }
        let lane = request.lane();
        let id = self
            .client
            .with_value(|client| client.as_ref().map(|c| c.start(request, file)));
        let Some(id) = id else { return };
        self.notice.set(None);
        let started = Started {
            id,
            label: label.clone(),
            load,
        };
        self.started.update_value(|all| all.push(started));
        self.log(format!("Started: {label}"));
        self.jobs.update(|jobs| {
            // The worker interrupts what this job supersedes; stop showing it now.
            jobs.retain(|job| !lane.supersedes(job.lane));
            jobs.push(ActiveJob {
                id,
                lane,
                label,
                progress: None,
            });
        });
    }

    fn on_event(&self, event: Event) {
        match event {
            Event::Broken(reason) => {
                self.engine.set(Engine::Broken(reason));
                self.jobs.set(Vec::new());
            }
            Event::Reply(reply) => self.on_reply(reply),
        }
    }

    fn on_reply(&self, reply: FromWorker) {
        match reply {
            FromWorker::Ready { .. } => {
                self.engine.set(Engine::Ready);
                // A first visit shows the demo at once, unless a file is already on its way.
                if self.loaded.get_untracked().is_none()
                    && self.jobs.with_untracked(|jobs| jobs.is_empty())
                {
                    self.load_demo();
                }
            }
            FromWorker::Progress { job, progress } => self.jobs.update(|jobs| {
                if let Some(active) = jobs.iter_mut().find(|active| active.id == job) {
                    active.progress = Some(progress);
                }
            }),
            FromWorker::Done { job, result, data } => {
                let started = self.ended(job);
                self.log(format!("Done: {}", label(&started, job)));
                let shown = self.take_job(job).is_some();
                let load = started.and_then(|s| s.load);
                match result {
                    // Taken even when no longer shown: the worker's dataset did change.
                    JobResult::Loaded {
                        file,
                        report,
                        demo,
                        extras,
                    } => {
                        let loaded = LoadedFile {
                            file,
                            report,
                            demo,
                            data: job,
                        };
                        self.on_loaded(loaded, extras, load, shown);
                    }
                    _ if !shown => {}
                    JobResult::Extras { extras } => self.on_extras(extras, load),
                    JobResult::DemoFiles { files } => {
                        let downloads = files
                            .into_iter()
                            .filter_map(|(name, text)| {
                                // With the byte order mark Excel needs, as exports.
                                let text = format!("{}{text}", crate::export::BOM);
                                super::download::blob_url(&text, "text/csv;charset=utf-8")
                                    .ok()
                                    .map(|url| Download { name, url })
                            })
                            .collect();
                        self.templates.set(downloads);
                    }
                    result => self.on_result(result, data),
                }
            }
            FromWorker::Failed { job, error } => {
                let started = self.ended(job);
                self.log(format!(
                    "Failed: {}: {}",
                    label(&started, job),
                    error.message
                ));
                if let Some(active) = self.take_job(job) {
                    let load = started.and_then(|s| s.load);
                    self.on_failed(active.lane, error, load);
                }
            }
            FromWorker::Interrupted { job, reason } => {
                let how = match reason {
                    Interrupted::Cancelled => "Cancelled",
                    Interrupted::Superseded => "Replaced by a newer job",
                };
                self.log(format!("{how}: {}", label(&self.ended(job), job)));
                if let Some(active) = self.take_job(job)
                    && reason == Interrupted::Cancelled
                {
                    // Not made again by itself, which would undo the cancel.
                    if let Lane::Analysis(kind) = active.lane {
                        let button = Self::analysis_button(kind);
                        let again = format!("Cancelled; press \"{button}\" to run it.");
                        self.analysis_error(kind, again);
                    }
                    self.notice
                        .set(Some(Notice::Info(format!("Cancelled: {}", active.label))));
                }
            }
            // The client turns these into `Event::Broken`.
            FromWorker::Rejected { .. } => {}
        }
    }

    /// A transaction log is now the dataset: show it, forget the analyses of the old,
    /// and remember the choices it was loaded with.
    fn on_loaded(
        &self,
        loaded: LoadedFile,
        extras: Vec<ExtraSummary>,
        load: Option<Load>,
        shown: bool,
    ) {
        let name = loaded.file.name.clone();
        let columns: Vec<String> = loaded
            .report
            .columns
            .iter()
            .map(|c| c.name.clone())
            .collect();
        let demo = loaded.demo;
        if shown {
            self.notice
                .set(Some(Notice::Info(format!("Loaded {name}"))));
        }
        // Before the signal, which the Data page's choices read it through.
        self.shown.set_value(load.clone());
        self.loaded.set(Some(loaded));
        self.failed_load.set(None);
        self.set_extras(extras, None);
        self.data_changed(true);
        self.question.set(None);
        if let Some(load) = load
            && let Source::File(_, kind) = load.source
            && !self.remember(kind, &name, &load, columns)
        {
            // Another file of the same name: the choices made for the earlier one
            // (columns by position) would misread it.
            self.reload(
                Load {
                    choice: Choice::default(),
                    ..load
                },
                "with the guessed roles",
            );
            let said = format!(
                "{name} has other columns than the file of that name you chose roles for; \
                 it is loaded again with the guessed roles"
            );
            self.log(said.clone());
            self.notice.set(Some(Notice::Info(said)));
        }
        if demo && self.templates.with_untracked(Vec::is_empty) {
            let label = "Preparing templates".to_owned();
            self.start(Request::DemoFiles, None, label, None);
        }
    }

    /// Keeps the choices a file loaded with, for the next time a file of its name is
    /// loaded; `false` (and forgotten) when they were recalled for a file of other
    /// columns.
    fn remember(&self, kind: TableKind, name: &str, load: &Load, columns: Vec<String>) -> bool {
        let fits = !load.recalled || self.memory.with_value(|m| m.fits(kind, name, &columns));
        self.memory.update_value(|memory| match fits {
            true => memory.keep(kind, name, load.choice.clone(), columns),
            false => memory.forget(kind, name),
        });
        fits
    }

    /// The extra tables changed (one loaded or removed).
    fn on_extras(&self, extras: Vec<ExtraSummary>, load: Option<Load>) {
        if let Some(load) = &load
            && let Source::File(file, kind) = &load.source
        {
            let name = file.name();
            self.notice
                .set(Some(Notice::Info(format!("Loaded {name}"))));
            self.question.set(None);
            if let Some(extra) = extras.iter().find(|extra| extra.name == name) {
                let columns = extra
                    .report
                    .columns
                    .iter()
                    .map(|c| c.name.clone())
                    .collect();
                self.remember(*kind, &name, load, columns);
            }
        }
        self.set_extras(extras, load.map(|load| load.source));
        self.data_changed(false);
    }

    /// An analysis's result: kept with the data it was computed from, which must be the
    /// data shown (the worker answers in order, after the load of that data).
    fn on_result(&self, result: JobResult, data: Option<JobId>) {
        let tag = self.loaded.with_untracked(|loaded| {
            loaded
                .as_ref()
                .filter(|loaded| Some(loaded.data) == data)
                .map(LoadedFile::tag)
        });
        let Some(tag) = tag else {
            // Never shown under another data's name; said, so that it is not run again
            // and again by itself.
            if let JobResult::Analysed(summary) = &result {
                let stale = "This result was computed from other data than the data shown; \
                             run it again.";
                self.analysis_error(summary.kind(), stale.to_owned());
            }
            self.log("Ignored: a result of data no longer shown".to_owned());
            return;
        };
        match result {
            JobResult::Analysed(summary) => self.take_result(summary, tag),
            JobResult::Customer(found) => self.customer.set(Some(*found)),
            JobResult::Export { name, text } => self.save_csv(&name, &text),
            JobResult::Loaded { .. } | JobResult::Extras { .. } | JobResult::DemoFiles { .. } => {}
        }
    }

    /// A job failed: say why where it matters, and for a load, offer to choose roles
    /// when that can help.
    fn on_failed(&self, lane: Lane, error: JobError, load: Option<Load>) {
        let kind = match &load {
            Some(Load {
                source: Source::File(_, kind),
                ..
            }) => *kind,
            _ => TableKind::Transactions,
        };
        if let Some(load) = &load
            && load.recalled
            && let Source::File(file, kind) = &load.source
        {
            // Choices that no longer load are not sent again.
            self.memory
                .update_value(|memory| memory.forget(*kind, &file.name()));
        }
        if lane == Lane::Load {
            let name = match load.as_ref().map(|load| &load.source) {
                Some(Source::File(file, _)) => file.name(),
                _ => "the demo data".to_owned(),
            };
            let prefix = format!("{name}: ");
            let reason = error
                .message
                .strip_prefix(&prefix)
                .unwrap_or(&error.message)
                .to_owned();
            self.failed_load.set(Some(FailedLoad { name, reason }));
        }
        let question = (!error.choices.is_empty()).then(|| RoleQuestion {
            reason: error.message.clone(),
            columns: error.choices,
            mapping: load
                .as_ref()
                .and_then(|load| load.choice.mapping.clone())
                .unwrap_or_default(),
            kind,
        });
        if question.is_some() {
            self.asked.set_value(load);
        }
        self.question.set(question);
        if let Lane::Analysis(kind) = lane {
            self.analysis_error(kind, error.message.clone());
        }
        self.notice.set(Some(Notice::Error(error.message)));
    }

    /// Shows the extra tables the worker now has, remembering the file just loaded
    /// (`source`) and forgetting the files of tables that are gone.
    fn set_extras(&self, extras: Vec<ExtraSummary>, source: Option<Source>) {
        self.extra_files.update_value(|files| {
            if let Some(Source::File(file, _)) = source {
                let name = file.name();
                files.retain(|(n, _)| *n != name);
                files.push((name, file));
            }
            files.retain(|(name, _)| extras.iter().any(|extra| extra.name == *name));
        });
        self.extras.set(extras);
    }

    /// Saves `text` as the CSV file `name` (an export from the worker, or a table the
    /// page already holds), freeing the previous export's URL.
    pub fn save_csv(&self, name: &str, text: &str) {
        // For Excel, which reads UTF-8 without a byte order mark as a legacy code page.
        let text = format!("{}{text}", crate::export::BOM);
        let saved = super::download::blob_url(&text, "text/csv;charset=utf-8").and_then(|url| {
            super::download::save(&url, name)?;
            Ok(url)
        });
        match saved {
            Ok(url) => {
                if let Some(old) = self.export_url.get_value() {
                    let _ = web_sys::Url::revoke_object_url(&old);
                }
                self.export_url.set_value(Some(url));
                self.notice.set(Some(Notice::Info(format!("Saved {name}"))));
            }
            Err(_) => self.complain(format!("{name} could not be saved")),
        }
    }

    fn log(&self, line: String) {
        self.history.update(|history| {
            history.push(line);
            if history.len() > HISTORY {
                history.remove(0);
            }
        });
    }

    /// Removes a job from the active list; `None` if it was no longer shown (superseded).
    fn take_job(&self, job: JobId) -> Option<ActiveJob> {
        let mut taken = None;
        self.jobs.update(|jobs| {
            if let Some(index) = jobs.iter().position(|active| active.id == job) {
                taken = Some(jobs.remove(index));
            }
        });
        taken
    }
}

/// What the activity history calls a job.
fn label(started: &Option<Started>, job: JobId) -> String {
    started
        .as_ref()
        .map_or_else(|| format!("job {}", job.0), |s| s.label.clone())
}
