//! One shape for every analysis.
//!
//! An analysis is described once, by implementing [`Analysis`] on a marker type in its
//! own module: its settings (serde; checked inside `run` into checked settings), what it
//! reads of the loaded data ([`Input`]: the transaction log, the purchases, the extra
//! tables, other analyses' latest results) and which of those its result depends on
//! ([`Needs`]), its run on the core's [`Control`], the summary the page is sent, its
//! per-customer rows, and a headline. [`registry`] lists the analyses in one place, one
//! line each; from that list it makes the typed messages that carry any analysis's
//! settings and summary ([`AnySettings`], [`AnySummary`]), the analyses' names
//! ([`Kind`]), and [`All`]: one value per analysis, of a type the caller chooses through
//! a [`Family`] (the workspace keeps a [`Kept`] result per analysis, the page a set of
//! signals), so that the worker, the workspace, the page's store and the CLI each handle
//! every analysis with one generic path.

mod registry;

pub use registry::{All, AnySettings, AnySummary, Kind, Unit};

use crate::control::{Control, Interrupted};
use crate::ingest::Dataset;
use crate::orders::Orders;
use crate::segments::features::ExtraTable;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// An analysis: settings in, a result out, and what the page, the exports and the
/// Overview take from it. See the module documentation, and `ARCHITECTURE.md` ("Adding
/// an analysis").
pub trait Analysis: Sized + 'static {
    /// The settings as the page and the CLI write them: checked by `run`, which refuses
    /// bad ones with a message for the user.
    type Settings: Clone + Default + Debug + PartialEq + Serialize + DeserializeOwned + Send + Sync;
    /// The whole result, kept in the workspace (with its per-customer rows) for exports,
    /// look-ups and the analyses that read it.
    type Output: Debug + 'static;
    /// What the page is sent: everything it shows, without the per-customer rows.
    type Summary: Clone + Debug + PartialEq + Serialize + DeserializeOwned + Send + Sync;
    /// The analysis's own error; its messages are written for users.
    type Error: std::error::Error;

    /// Its words on screen: the page's title, what a running job says, its button.
    const WORDS: Words;

    /// What its result depends on, with these settings: when one of them changes, the
    /// result is forgotten.
    fn needs(settings: &Self::Settings) -> Needs;

    /// Runs it on the loaded data, pausing at `control`'s checkpoints.
    fn run<C: Control>(
        input: &Input<'_>,
        settings: &Self::Settings,
        control: &mut C,
    ) -> impl Future<Output = Result<Self::Output, Self::Error>>;

    /// Whether `error` says the run was cancelled or superseded rather than failed.
    fn interrupted(error: &Self::Error) -> Option<Interrupted>;

    /// What the page is sent of `output`, made with `settings`.
    fn summarise(output: &Self::Output, settings: &Self::Settings) -> Self::Summary;

    /// Every customer's rows as a CSV file, when the analysis has per-customer figures;
    /// `None` when it has none.
    fn customer_rows(output: &Self::Output, orders: &Orders) -> Option<String>;

    /// Its result in one sentence, English and Chinese, for the Overview.
    fn headline(summary: &Self::Summary) -> Headline;

    /// Settings that name parts of a result that is gone (a segment of a forgotten
    /// segmentation) are made to name nothing. Most analyses' settings name none.
    fn unlink(settings: &mut Self::Settings, gone: Kind) {
        let _ = (settings, gone);
    }
}

/// What an analysis says on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    /// The page's title, which also starts its error messages: "Segments".
    pub title: &'static str,
    /// What a running job is called: "Segmenting customers".
    pub doing: &'static str,
    /// The button that runs it again: "Segment again".
    pub button: &'static str,
    /// The file its per-customer rows are saved as, and what the file holds (for "There
    /// are no {what} to export yet"), when it has such rows.
    pub export: Option<(&'static str, &'static str)>,
}

/// What an analysis's result depends on besides the transaction log, which every result
/// depends on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Needs {
    /// The extra tables' columns.
    pub extras: bool,
    /// Other analyses' latest results.
    pub results: Vec<Kind>,
}

/// An analysis's result in one sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Headline {
    /// In English.
    pub en: String,
    /// In Simplified Chinese.
    pub zh: String,
}

/// What an analysis reads: the loaded data and the other analyses' latest results.
pub struct Input<'a> {
    /// The transaction log as loaded.
    pub dataset: &'a Dataset,
    /// Its purchases.
    pub orders: &'a Orders,
    /// The extra tables joined to it.
    pub extras: &'a [ExtraTable<'a>],
    results: &'a Results,
}

impl<'a> Input<'a> {
    /// The input of an analysis run on these data and results.
    pub fn new(
        dataset: &'a Dataset,
        orders: &'a Orders,
        extras: &'a [ExtraTable<'a>],
        results: &'a Results,
    ) -> Self {
        Self {
            dataset,
            orders,
            extras,
            results,
        }
    }

    /// The latest result of analysis `A` on these data, if it ran.
    pub fn result<A: Registered>(&self) -> Option<&'a A::Output> {
        self.results.get::<A>()
    }
}

/// A result kept with the settings it was made with.
#[derive(Debug)]
pub struct Kept<A: Analysis> {
    /// The result, shared with the analyses running on it.
    pub output: Rc<A::Output>,
    /// The settings it was made with.
    pub settings: A::Settings,
}

impl<A: Analysis> Clone for Kept<A> {
    fn clone(&self) -> Self {
        Self {
            output: Rc::clone(&self.output),
            settings: self.settings.clone(),
        }
    }
}

/// A type of one value per analysis: `All<F>` holds an `F::Of<A>` for every registered
/// analysis `A`.
pub trait Family {
    /// The value kept for analysis `A`.
    type Of<A: Registered>;
}

/// The workspace's family: each analysis's latest result, if any.
#[derive(Debug)]
pub struct KeptFamily;

impl Family for KeptFamily {
    type Of<A: Registered> = Option<Kept<A>>;
}

/// Makes the value of each analysis when an [`All`] is made.
pub trait Make<F: Family> {
    /// The value for `A`.
    fn make<A: Registered>(&mut self) -> F::Of<A>;
}

/// Visits the value of each analysis.
pub trait Visit<F: Family> {
    /// Called with `A`'s value.
    fn visit<A: Registered>(&mut self, value: &F::Of<A>);
}

/// Visits the value of each analysis, to change it.
pub trait VisitMut<F: Family> {
    /// Called with `A`'s value.
    fn visit<A: Registered>(&mut self, value: &mut F::Of<A>);
}

/// Does something with an analysis's settings (from [`AnySettings::dispatch`]) or
/// summary (from [`AnySummary::dispatch`]), whichever analysis it is.
pub trait Dispatch<T: Carried, R> {
    /// Called with analysis `A`'s value.
    fn call<A: Registered>(self, value: T::Of<A>) -> R;
}

/// What an [`AnySettings`] or [`AnySummary`] carries.
pub trait Carried: Family {}

/// An analysis's settings.
pub struct SettingsOf;

impl Family for SettingsOf {
    type Of<A: Registered> = A::Settings;
}

impl Carried for SettingsOf {}

/// An analysis's summary.
pub struct SummaryOf;

impl Family for SummaryOf {
    type Of<A: Registered> = A::Summary;
}

impl Carried for SummaryOf {}

/// An analysis in the registry; implemented by [`registry`] for each analysis it lists.
pub trait Registered: Analysis {
    /// Its name.
    const KIND: Kind;
    /// Its settings, as sent to the worker.
    fn wrap_settings(settings: Self::Settings) -> AnySettings;
    /// Its summary, as sent to the page.
    fn wrap_summary(summary: Self::Summary) -> AnySummary;
    /// Its value in `all`.
    fn pick<F: Family>(all: &All<F>) -> &F::Of<Self>;
    /// Its value in `all`, to change.
    fn pick_mut<F: Family>(all: &mut All<F>) -> &mut F::Of<Self>;
}

impl Default for All<KeptFamily> {
    fn default() -> Self {
        struct Nothing;
        impl Make<KeptFamily> for Nothing {
            fn make<A: Registered>(&mut self) -> Option<Kept<A>> {
                None
            }
        }
        All::new(&mut Nothing)
    }
}

impl Clone for All<KeptFamily> {
    fn clone(&self) -> Self {
        struct Copies<'a>(&'a All<KeptFamily>);
        impl Make<KeptFamily> for Copies<'_> {
            fn make<A: Registered>(&mut self) -> Option<Kept<A>> {
                A::pick(self.0).clone()
            }
        }
        All::new(&mut Copies(self))
    }
}

impl std::fmt::Debug for All<KeptFamily> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        struct Names(Vec<Kind>);
        impl Visit<KeptFamily> for Names {
            fn visit<A: Registered>(&mut self, value: &Option<Kept<A>>) {
                if value.is_some() {
                    self.0.push(A::KIND);
                }
            }
        }
        let mut names = Names(Vec::new());
        self.each(&mut names);
        f.debug_struct("Results").field("kept", &names.0).finish()
    }
}

/// Every analysis's latest result, as the workspace keeps them.
pub type Results = All<KeptFamily>;

impl Results {
    /// The latest result of `A`.
    pub fn get<A: Registered>(&self) -> Option<&A::Output> {
        A::pick(self).as_ref().map(|kept| &*kept.output)
    }

    /// Keeps `output` as the latest result of `A` and forgets the results that depend on
    /// its earlier one; the kinds forgotten.
    pub fn keep<A: Registered>(&mut self, output: A::Output, settings: A::Settings) -> Vec<Kind> {
        *A::pick_mut(self) = Some(Kept {
            output: Rc::new(output),
            settings,
        });
        let stale = stale(&self.needs(), false, &[A::KIND]);
        self.forget(&stale);
        stale
    }

    /// The analyses with a result kept, in the registry's order.
    pub fn kinds(&self) -> Vec<Kind> {
        self.needs().into_iter().map(|(kind, _)| kind).collect()
    }

    /// Forgets every result.
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    /// Forgets the results that depend on the extra tables, directly or through other
    /// results; the kinds forgotten.
    pub fn extras_changed(&mut self) -> Vec<Kind> {
        let stale = stale(&self.needs(), true, &[]);
        self.forget(&stale);
        stale
    }

    /// What each kept result depends on.
    fn needs(&self) -> Vec<(Kind, Needs)> {
        struct Collect(Vec<(Kind, Needs)>);
        impl Visit<KeptFamily> for Collect {
            fn visit<A: Registered>(&mut self, value: &Option<Kept<A>>) {
                if let Some(kept) = value {
                    self.0.push((A::KIND, A::needs(&kept.settings)));
                }
            }
        }
        let mut collect = Collect(Vec::new());
        self.each(&mut collect);
        collect.0
    }

    /// Forgets the results of `kinds`.
    fn forget(&mut self, kinds: &[Kind]) {
        struct Forget<'a>(&'a [Kind]);
        impl VisitMut<KeptFamily> for Forget<'_> {
            fn visit<A: Registered>(&mut self, value: &mut Option<Kept<A>>) {
                if self.0.contains(&A::KIND) {
                    *value = None;
                }
            }
        }
        self.each_mut(&mut Forget(kinds));
    }
}

/// Which of the results in `kept` (each kind with what it depends on) depend on what
/// changed: the extra tables (when `extras`) or the results of `changed`, directly or
/// through other results in `kept`. The changed kinds themselves are not in the answer
/// unless they depend on another change.
pub fn stale(kept: &[(Kind, Needs)], extras: bool, changed: &[Kind]) -> Vec<Kind> {
    let mut stale: Vec<Kind> = Vec::new();
    // Each round adds at least one kind or ends, so this ends within |Kind| rounds.
    loop {
        let before = stale.len();
        for (kind, needs) in kept {
            if stale.contains(kind) {
                continue;
            }
            let depends = (extras && needs.extras)
                || needs
                    .results
                    .iter()
                    .any(|k| changed.contains(k) || stale.contains(k));
            if depends {
                stale.push(*kind);
            }
        }
        if stale.len() == before {
            return stale;
        }
    }
}

/// Calls `visit` with every registered analysis's type, in the registry's order.
pub fn each(visit: &mut impl Visit<Unit<()>>) {
    struct Nothing;
    impl Make<Unit<()>> for Nothing {
        fn make<A: Registered>(&mut self) {}
    }
    All::<Unit<()>>::new(&mut Nothing).each(visit);
}

/// The future of a dispatched run.
pub type Running<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// Why a run did not give a result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stopped {
    /// Cancelled or superseded.
    Interrupted(Interrupted),
    /// It failed; the message is for the user and starts with the analysis's title.
    Failed(String),
}

/// Runs analysis `A` on `input`: its result, or why there is none (the error's message
/// prefixed with the analysis's title: "Segments: ...").
pub async fn run<A: Registered, C: Control>(
    input: &Input<'_>,
    settings: &A::Settings,
    control: &mut C,
) -> Result<A::Output, Stopped> {
    A::run(input, settings, control)
        .await
        .map_err(|error| match A::interrupted(&error) {
            Some(reason) => Stopped::Interrupted(reason),
            None => Stopped::Failed(format!("{}: {error}", A::WORDS.title)),
        })
}

#[cfg(test)]
mod tests;
