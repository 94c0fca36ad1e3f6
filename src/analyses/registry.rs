//! The list of analyses: one line each, below. A macro makes from it what every analysis
//! needs to be carried, kept and dispatched generically: [`Kind`], [`AnySettings`],
//! [`AnySummary`], [`All`] and the [`Registered`] implementations. A macro because the
//! list makes enum variants and struct fields, which generic code cannot.

use super::{Carried, Dispatch, Family, Make, Registered, SettingsOf, SummaryOf, Visit, VisitMut};
use serde::{Deserialize, Serialize};

macro_rules! registry {
    ($($field:ident: $kind:ident => $analysis:ty),* $(,)?) => {
        /// An analysis's name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum Kind {
            $(
                #[doc = concat!("`", stringify!($analysis), "`.")]
                $kind,
            )*
        }

        impl Kind {
            /// Every analysis, in the registry's order.
            pub const ALL: &'static [Kind] = &[$(Kind::$kind),*];
        }

        /// Any analysis's settings: what the page sends to run it.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub enum AnySettings {
            $(
                #[doc = concat!("`", stringify!($analysis), "`'s.")]
                $kind(Box<<$analysis as super::Analysis>::Settings>),
            )*
        }

        /// Any analysis's summary: what the worker sends back.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub enum AnySummary {
            $(
                #[doc = concat!("`", stringify!($analysis), "`'s.")]
                $kind(Box<<$analysis as super::Analysis>::Summary>),
            )*
        }

        /// One value per analysis, of the type `F` gives.
        pub struct All<F: Family> {
            $(
                #[doc = concat!("`", stringify!($analysis), "`'s.")]
                pub $field: F::Of<$analysis>,
            )*
        }

        impl<F: Family> All<F> {
            /// Every analysis's value, made by `make`.
            pub fn new(make: &mut impl Make<F>) -> Self {
                Self { $($field: make.make::<$analysis>()),* }
            }

            /// Visits every analysis's value, in the registry's order.
            pub fn each(&self, visit: &mut impl Visit<F>) {
                $(visit.visit::<$analysis>(&self.$field);)*
            }

            /// Visits every analysis's value to change it, in the registry's order.
            pub fn each_mut(&mut self, visit: &mut impl VisitMut<F>) {
                $(visit.visit::<$analysis>(&mut self.$field);)*
            }
        }

        $(
            impl Registered for $analysis {
                const KIND: Kind = Kind::$kind;

                fn wrap_settings(settings: Self::Settings) -> AnySettings {
                    AnySettings::$kind(Box::new(settings))
                }

                fn wrap_summary(summary: Self::Summary) -> AnySummary {
                    AnySummary::$kind(Box::new(summary))
                }

                fn pick<F: Family>(all: &All<F>) -> &F::Of<Self> {
                    &all.$field
                }

                fn pick_mut<F: Family>(all: &mut All<F>) -> &mut F::Of<Self> {
                    &mut all.$field
                }
            }
        )*

        impl AnySettings {
            /// Which analysis these settings are for.
            pub fn kind(&self) -> Kind {
                match self {
                    $(AnySettings::$kind(_) => Kind::$kind,)*
                }
            }

            /// Calls `dispatch` with the settings, as their analysis's type.
            pub fn dispatch<R>(self, dispatch: impl Dispatch<SettingsOf, R>) -> R {
                match self {
                    $(AnySettings::$kind(settings) => dispatch.call::<$analysis>(*settings),)*
                }
            }
        }

        impl AnySummary {
            /// Which analysis this summary is of.
            pub fn kind(&self) -> Kind {
                match self {
                    $(AnySummary::$kind(_) => Kind::$kind,)*
                }
            }

            /// Calls `dispatch` with the summary, as its analysis's type.
            pub fn dispatch<R>(self, dispatch: impl Dispatch<SummaryOf, R>) -> R {
                match self {
                    $(AnySummary::$kind(summary) => dispatch.call::<$analysis>(*summary),)*
                }
            }
        }

        impl Kind {
            /// Calls `dispatch` with this analysis's type and `value`.
            pub fn dispatch<T, R>(self, dispatch: impl Dispatch<Unit<T>, R>, value: T) -> R {
                match self {
                    $(Kind::$kind => dispatch.call::<$analysis>(value),)*
                }
            }
        }
    };
}

/// A value of the same type `T` for every analysis, to dispatch on a [`Kind`] alone.
pub struct Unit<T>(std::marker::PhantomData<T>);

impl<T> Family for Unit<T> {
    type Of<A: Registered> = T;
}

impl<T> Carried for Unit<T> {}

// The analyses. Adding one is one line here: `field: Kind => marker type`.
registry! {
    segments: Segments => crate::segments::Segmenting,
    baskets: Baskets => crate::baskets::FindingRules,
    recommendations: Recommendations => crate::recommend::Recommending,
    value: Value => crate::value::Valuing,
    opportunities: Opportunities => crate::opportunities::Finding,
}
