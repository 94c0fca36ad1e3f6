//! Every analysis's state on the page, kept the same way for each analysis of the
//! registry ([`crate::analyses`]): its settings, its latest result with the data it was
//! computed from, and why its last run failed. A result is forgotten when what it was
//! made from changes, as the worker forgets it: new data forgets every result, a changed
//! extra table the results that read the extra tables, and a new result the results
//! made with the old one (new segments make the recommendations stale).

use super::{Computed, DataTag, Engine, Store};
use crate::analyses::{
    Dispatch, Family, Kind, Make, Needs, Registered, SummaryOf, Unit, Visit, stale,
};
use crate::protocol::{Lane, Request};
use leptos::prelude::*;

/// One analysis's state on the page.
pub struct Slot<A: Registered> {
    /// Its settings, as last run.
    pub settings: RwSignal<A::Settings>,
    /// Its latest result on the data shown.
    pub result: RwSignal<Option<Computed<A::Summary>>>,
    /// Why its latest run failed or was cancelled, until it runs again.
    pub error: RwSignal<Option<String>>,
}

impl<A: Registered> Clone for Slot<A> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<A: Registered> Copy for Slot<A> {}

/// The store's family: a [`Slot`] per analysis.
pub struct Slots;

impl Family for Slots {
    type Of<A: Registered> = Slot<A>;
}

impl Clone for crate::analyses::All<Slots> {
    fn clone(&self) -> Self {
        *self
    }
}

impl Copy for crate::analyses::All<Slots> {}

/// Makes each analysis's slot: default settings, no result, no error.
pub struct Fresh;

impl Make<Slots> for Fresh {
    fn make<A: Registered>(&mut self) -> Slot<A> {
        Slot {
            settings: RwSignal::new(A::Settings::default()),
            result: RwSignal::new(None),
            error: RwSignal::new(None),
        }
    }
}

impl Store {
    /// Analysis `A`'s settings, result and error.
    pub fn slot<A: Registered>(&self) -> Slot<A> {
        *A::pick(&self.analyses)
    }

    /// Runs analysis `A` with its current settings.
    pub fn run<A: Registered>(&self) {
        let slot = self.slot::<A>();
        slot.error.set(None);
        let settings = slot.settings.get_untracked();
        let label = A::WORDS.doing.to_owned();
        self.start(
            Request::Analyse(A::wrap_settings(settings)),
            None,
            label,
            None,
        );
    }

    /// Saves analysis `A`'s per-customer rows as a CSV file.
    pub fn export<A: Registered>(&self) {
        let what = A::WORDS.export.map_or("rows", |(_, what)| what);
        let label = format!("Writing the {what}");
        self.start(Request::Export(A::KIND), None, label, None);
    }

    /// Makes a page run its analysis by itself: whenever data is shown and `A` has no
    /// result for it (and its last run neither failed nor was cancelled, which its error
    /// says), a run starts.
    pub fn auto_run<A: Registered>(self) {
        let slot = self.slot::<A>();
        let lane = Lane::Analysis(A::KIND);
        Effect::new(move |_| {
            let ready = self.engine.get() == Engine::Ready;
            let data = self.loaded.with(Option::is_some);
            let missing = slot.result.with(Option::is_none);
            let failed = slot.error.with(Option::is_some);
            if ready && data && missing && !failed && !self.busy(lane) && !self.busy(Lane::Load) {
                self.run::<A>();
            }
        });
    }

    /// Says why analysis `kind` has no result (a failure, a cancel, a stale result).
    pub(super) fn analysis_error(&self, kind: Kind, message: String) {
        struct SetError<'s>(&'s Store);
        impl Dispatch<Unit<String>, ()> for SetError<'_> {
            fn call<A: Registered>(self, message: String) {
                self.0.slot::<A>().error.set(Some(message));
            }
        }
        kind.dispatch(SetError(self), message);
    }

    /// The button that runs analysis `kind` again.
    pub(super) fn analysis_button(kind: Kind) -> &'static str {
        struct Button;
        impl Dispatch<Unit<()>, &'static str> for Button {
            fn call<A: Registered>(self, (): ()) -> &'static str {
                A::WORDS.button
            }
        }
        kind.dispatch(Button, ())
    }

    /// Shows an analysis's result, computed from the data shown (`tag`), and forgets
    /// the results made with its earlier one.
    pub(super) fn take_result(&self, summary: crate::analyses::AnySummary, tag: DataTag) {
        struct Take<'s>(&'s Store, DataTag);
        impl Dispatch<SummaryOf, ()> for Take<'_> {
            fn call<A: Registered>(self, summary: A::Summary) {
                self.0.slot::<A>().result.set(Some(Computed {
                    data: self.1,
                    value: summary,
                }));
            }
        }
        let kind = summary.kind();
        summary.dispatch(Take(self, tag));
        let forgotten = stale(&self.shown_needs(), false, &[kind]);
        self.forget(&forgotten, false);
    }

    /// Forgets analyses of data that changed: of a new transaction log all, of a changed
    /// extra table those that read the extra tables and those made with them (as the
    /// worker does).
    pub(super) fn data_changed(&self, transactions: bool) {
        let forgotten = match transactions {
            true => Kind::ALL.to_vec(),
            false => stale(&self.shown_needs(), true, &[]),
        };
        self.forget(&forgotten, true);
    }

    /// What each result shown depends on, by the settings it was run with.
    fn shown_needs(&self) -> Vec<(Kind, Needs)> {
        struct Collect(Vec<(Kind, Needs)>);
        impl Visit<Slots> for Collect {
            fn visit<A: Registered>(&mut self, slot: &Slot<A>) {
                if slot.result.with_untracked(Option::is_some) {
                    let needs = slot.settings.with_untracked(A::needs);
                    self.0.push((A::KIND, needs));
                }
            }
        }
        let mut collect = Collect(Vec::new());
        self.analyses.each(&mut collect);
        collect.0
    }

    /// Forgets the results of `kinds` and the errors of their last runs; when they are
    /// `gone` (not replaced), settings that name parts of them no longer do.
    fn forget(&self, kinds: &[Kind], gone: bool) {
        struct Forget<'k> {
            kinds: &'k [Kind],
            gone: bool,
        }
        impl Visit<Slots> for Forget<'_> {
            fn visit<A: Registered>(&mut self, slot: &Slot<A>) {
                if self.kinds.contains(&A::KIND) {
                    slot.result.set(None);
                    slot.error.set(None);
                }
                if self.gone {
                    for &kind in self.kinds {
                        // Only when a setting changes, so that pages showing the
                        // settings are not redrawn for nothing.
                        let mut settings = slot.settings.get_untracked();
                        A::unlink(&mut settings, kind);
                        if slot.settings.with_untracked(|s| *s != settings) {
                            slot.settings.set(settings);
                        }
                    }
                }
            }
        }
        self.analyses.each(&mut Forget { kinds, gone });
        if kinds.contains(&Kind::Recommendations) {
            // A customer's recommendations go with the recommendations.
            self.customer.set(None);
        }
    }
}
