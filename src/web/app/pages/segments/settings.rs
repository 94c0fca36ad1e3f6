//! The segmentation settings: features, scaling, method and its parameters. Checked in
//! the worker, which says what to change.

use crate::segments::Segmenting;
use crate::segments::Settings;
use crate::segments::analysis::{KChoice, Method};
use crate::segments::params::{Distance, KRange};
use crate::segments::scaling::{LogColumns, Scale};
use crate::web::app::pages::fields::{
    Access, Choice, checklist, choice, form, optional_number, whole,
};
use crate::web::app::store::Store;
use leptos::prelude::*;

/// The kinds of method the form offers, each with its own fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Range,
    Fixed,
    Dbscan,
}

const KINDS: &[Choice<Kind>] = &[
    Choice::new(Kind::Range, "range", "k-means, best k of a range"),
    Choice::new(Kind::Fixed, "fixed", "k-means, fixed k"),
    Choice::new(Kind::Dbscan, "dbscan", "DBSCAN"),
];

const DISTANCES: &[Choice<Distance>] = &[
    Choice::new(Distance::Euclidean, "euclidean", "Euclidean"),
    Choice::new(Distance::Manhattan, "manhattan", "Manhattan (k-medians)"),
];

const SCALES: &[Choice<Scale>] = &[
    Choice::new(Scale::ZScore, "zscore", "z-score"),
    Choice::new(Scale::MinMax, "minmax", "min-max"),
    Choice::new(Scale::None, "none", "none"),
];

const LOGS: &[Choice<LogColumns>] = &[
    Choice::new(LogColumns::Money, "money", "money columns"),
    Choice::new(LogColumns::Skewed, "skewed", "skewed columns"),
    Choice::new(LogColumns::None, "none", "none"),
];

/// The range of k a switch to "best k of a range" starts with.
const START_RANGE: KRange = KRange { from: 2, to: 8 };
/// The k a switch to "fixed k" starts with.
const START_K: usize = 4;
/// The min points a switch to DBSCAN starts with.
const START_MIN_POINTS: usize = 5;

/// The kind of the settings' method.
fn kind(s: &Settings) -> Kind {
    match s.method {
        Method::KMeans(KChoice::Range(_)) => Kind::Range,
        Method::KMeans(KChoice::Fixed(_)) => Kind::Fixed,
        Method::Dbscan { .. } => Kind::Dbscan,
    }
}

/// Switches the method to `kind`, with the parameters it starts with.
fn set_kind(s: &mut Settings, kind: Kind) {
    s.method = match kind {
        Kind::Range => Method::KMeans(KChoice::Range(START_RANGE)),
        Kind::Fixed => Method::KMeans(KChoice::Fixed(START_K)),
        Kind::Dbscan => Method::Dbscan {
            eps: None,
            min_points: START_MIN_POINTS,
        },
    };
}

/// The range of k.
fn range(s: &Settings) -> KRange {
    match s.method {
        Method::KMeans(KChoice::Range(range)) => range,
        _ => START_RANGE,
    }
}

/// The fixed k.
fn fixed(s: &Settings) -> usize {
    match s.method {
        Method::KMeans(KChoice::Fixed(k)) => k,
        _ => START_K,
    }
}

/// DBSCAN's eps and min points.
fn dbscan(s: &Settings) -> (Option<f64>, usize) {
    match s.method {
        Method::Dbscan { eps, min_points } => (eps, min_points),
        _ => (None, START_MIN_POINTS),
    }
}

// The method's parameters: each field shows only with its kind of method, and writes
// only to a method of that kind (a change the field sends as the method is switched
// away from it is dropped).

/// The first k of the range.
const K_FROM: Access<Settings, usize> = (
    |s| range(s).from,
    |s, from| {
        if let Method::KMeans(KChoice::Range(range)) = &mut s.method {
            range.from = from;
        }
    },
);
/// The last k of the range.
const K_TO: Access<Settings, usize> = (
    |s| range(s).to,
    |s, to| {
        if let Method::KMeans(KChoice::Range(range)) = &mut s.method {
            range.to = to;
        }
    },
);
/// The fixed k.
const K: Access<Settings, usize> = (fixed, |s, k| {
    if let Method::KMeans(KChoice::Fixed(fixed)) = &mut s.method {
        *fixed = k;
    }
});
/// DBSCAN's eps.
const EPS: Access<Settings, Option<f64>> = (
    |s| dbscan(s).0,
    |s, value| {
        if let Method::Dbscan { eps, .. } = &mut s.method {
            *eps = value;
        }
    },
);
/// DBSCAN's min points.
const MIN_POINTS: Access<Settings, usize> = (
    |s| dbscan(s).1,
    |s, value| {
        if let Method::Dbscan { min_points, .. } = &mut s.method {
            *min_points = value;
        }
    },
);

/// The settings, applied with "Segment again".
#[component]
pub fn SettingsForm() -> impl IntoView {
    let store = expect_context::<Store>();
    // The features of the latest segmentation, the ones it used on by default.
    let features = move || {
        store.slot::<Segmenting>().result.with(|summary| {
            let Some(summary) = summary.as_ref().map(|c| &c.value) else {
                return Vec::new();
            };
            summary
                .features
                .iter()
                .enumerate()
                .map(|(j, info)| {
                    let choice = Choice {
                        value: info.key.clone(),
                        key: info.key.clone().into(),
                        label: info.label.clone().into(),
                    };
                    (choice, summary.selected.contains(&j))
                })
                .collect::<Vec<_>>()
        })
    };
    form(
        "segment-settings",
        store.slot::<Segmenting>().settings,
        move || store.run::<Segmenting>(),
        ["run-segments", "Segment again"],
        move |draft| {
            let shows = move |shown: Kind| move || draft.with(kind) == shown;
            view! {
                <div class="fields">
                    {choice("Method", "method", draft, (kind, set_kind), KINDS)}
                    <Show when=shows(Kind::Range)>
                        {whole("k from", "k-from", draft, K_FROM, 2..=30)}
                        {whole("to", "k-to", draft, K_TO, 2..=30)}
                    </Show>
                    <Show when=shows(Kind::Fixed)>
                        {whole("k", "k", draft, K, 1..)}
                    </Show>
                    <Show when=shows(Kind::Dbscan)>
                        {optional_number("eps (empty: the knee)", "eps", draft, EPS)}
                        {whole("min points", "min-points", draft, MIN_POINTS, 1..)}
                    </Show>
                    {choice("Distance", "distance", draft, (|s: &Settings| s.distance, |s, v| s.distance = v), DISTANCES)}
                    {choice("Scale", "scale", draft, (|s: &Settings| s.scaling.scale, |s, v| s.scaling.scale = v), SCALES)}
                    {choice("Log first", "log", draft, (|s: &Settings| s.scaling.log, |s, v| s.scaling.log = v), LOGS)}
                </div>
                {checklist("Features", "features", draft, (|s: &Settings| s.features.clone(), |s, v| s.features = v), features)}
            }
        },
    )
}
