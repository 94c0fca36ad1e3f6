//! The one typed protocol between the UI thread and the worker.
//!
//! The UI sends [`ToWorker`]; the worker answers with [`FromWorker`]. Every job carries a
//! [`JobId`] chosen by the UI, so progress, results and errors can be matched to the job
//! that asked for them and stale answers can be ignored. Messages travel as compact
//! binary ([`encode`]/[`decode`], postcard) in a transferred buffer, not as copied JS
//! objects. A user's file travels beside the message as a browser `File` handle (for
//! [`Request::LoadFile`]), so the UI thread never reads its bytes.

use crate::analyses::{AnySettings, AnySummary, Kind};
use crate::control::{Interrupted, Progress};
use crate::ingest::infer::ColumnType;
use crate::ingest::reading::Reading;
use crate::ingest::roles::Mapping;
use crate::ingest::{LoadReport, TableKind};
use crate::recommend::CustomerLookup;
use crate::workspace::ExtraSummary;
use serde::{Deserialize, Serialize, de::DeserializeOwned};

/// Identifies the sources this program was built from (computed by `build.rs`). The app
/// and the worker of one build share it; the UI refuses a worker of another build (a
/// cached old worker after a deployment) and asks for a reload, rather than misread its
/// messages. Any change to a message changes the sources, so no version number is kept
/// by hand.
pub const BUILD_ID: &str = env!("CRM_LENS_BUILD");

/// Identifies one job; chosen by the UI, increasing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct JobId(pub u64);

/// A message from the UI thread to the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ToWorker {
    /// Start a job. A newer job in the same [`Lane`] supersedes older ones.
    Start {
        /// The job's id.
        job: JobId,
        /// What to do.
        request: Request,
    },
    /// Stop a job, queued or running. Unknown or finished jobs are ignored.
    Cancel {
        /// The job to stop.
        job: JobId,
    },
}

/// A unit of work for the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Load the file sent beside this message: a transaction log replaces the dataset,
    /// an extra table is joined to it (replacing one of the same name).
    LoadFile {
        /// The file's name and size, as the browser reported them.
        file: FileMeta,
        /// Which kind of table it is.
        kind: TableKind,
        /// The user's column roles, instead of the guessed ones.
        mapping: Option<Mapping>,
        /// The user's other reading choices (statuses, guests, pseudo-products, sheet);
        /// the default for a first load. Ignored for an extra table.
        reading: Reading,
    },
    /// Generate the built-in demo shop and load its transaction log and extra tables.
    LoadDemo {
        /// The user's column roles, instead of the guessed ones.
        mapping: Option<Mapping>,
        /// The user's other reading choices for its transaction log.
        reading: Reading,
    },
    /// Generate the demo's CSV files, to download as templates.
    DemoFiles,
    /// Forget an extra table.
    RemoveTable {
        /// Its file name.
        name: String,
    },
    /// Run an analysis (any of the registry's) with these settings on the loaded data.
    Analyse(AnySettings),
    /// Write the per-customer rows of an analysis's latest result as a CSV file.
    Export(Kind),
    /// Look a customer up in the latest recommendations.
    LookupCustomer {
        /// The customer id, or part of it.
        query: String,
    },
}

impl Request {
    /// The lane this request runs in; see [`Lane::supersedes`].
    pub fn lane(&self) -> Lane {
        match self {
            Request::LoadFile {
                kind: TableKind::Extra,
                ..
            }
            | Request::RemoveTable { .. } => Lane::Extra,
            Request::LoadFile { .. } | Request::LoadDemo { .. } => Lane::Load,
            Request::DemoFiles => Lane::Files,
            Request::Analyse(settings) => Lane::Analysis(settings.kind()),
            Request::Export(_) => Lane::Export,
            Request::LookupCustomer { .. } => Lane::Lookup,
        }
    }
}

/// Jobs of one lane replace each other: re-running an analysis with new settings makes
/// the old run pointless. Loading data replaces the work of every lane that depends on
/// the dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lane {
    /// Loading a transaction log. Changes the dataset every other job works on.
    Load,
    /// Loading or removing an extra table. Each such job has its own table to work on.
    Extra,
    /// Making files to download.
    Files,
    /// Running an analysis: a new run of an analysis replaces the old.
    Analysis(Kind),
    /// Writing an analysis's rows to a file.
    Export,
    /// Looking a customer up.
    Lookup,
}

impl Lane {
    /// Whether a new job in `self` makes a queued or running job in `older` pointless.
    pub fn supersedes(self, older: Lane) -> bool {
        match (self, older) {
            // Files to download do not depend on the dataset.
            (_, Lane::Files) => self == Lane::Files,
            // Extra tables are kept and joined again to whichever log is loaded.
            (_, Lane::Extra) | (Lane::Extra, _) => false,
            (Lane::Load, _) => true,
            _ => self == older,
        }
    }
}

/// A file's name and size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileMeta {
    /// The file name, without a path.
    pub name: String,
    /// Size in bytes.
    pub bytes: u64,
}

/// A message from the worker to the UI thread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    /// The worker has started and accepts requests. Always the first message and always
    /// variant 0 with these fields, so that every version can read it.
    Ready {
        /// The worker's [`BUILD_ID`].
        build: String,
    },
    /// A running job's progress.
    Progress {
        /// The job.
        job: JobId,
        /// How far it has got.
        progress: Progress,
    },
    /// A job finished.
    Done {
        /// The job.
        job: JobId,
        /// Its result.
        result: JobResult,
        /// The dataset the worker held when the job finished, named by the load job
        /// that made it (`None` before any): an analysis's result was computed from it,
        /// and a [`JobResult::Loaded`] names its own job. The page shows a result only
        /// under the name of the data it came from.
        data: Option<JobId>,
    },
    /// A job failed; the message is for the user.
    Failed {
        /// The job.
        job: JobId,
        /// What went wrong.
        error: JobError,
    },
    /// A job stopped early, on request or because a newer job replaced it.
    Interrupted {
        /// The job.
        job: JobId,
        /// Why it stopped.
        reason: Interrupted,
    },
    /// The worker could not understand a message (a bug, or mismatched versions).
    Rejected {
        /// What was wrong with it.
        reason: String,
    },
}

/// The result of a finished job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum JobResult {
    /// The answer to [`Request::LoadFile`] of a transaction log and to
    /// [`Request::LoadDemo`]: the file is now the dataset.
    Loaded {
        /// The file.
        file: FileMeta,
        /// What loading found: counts, problems, column types, roles and profiles.
        report: Box<LoadReport>,
        /// Whether this is the built-in demo.
        demo: bool,
        /// The extra tables, joined to it.
        extras: Vec<ExtraSummary>,
    },
    /// The answer to [`Request::LoadFile`] of an extra table and to
    /// [`Request::RemoveTable`]: the extra tables now loaded.
    Extras {
        /// Each table's report and join.
        extras: Vec<ExtraSummary>,
    },
    /// The answer to [`Request::DemoFiles`].
    DemoFiles {
        /// The files, each a name and its CSV text.
        files: Vec<(String, String)>,
    },
    /// The answer to [`Request::Analyse`]: what the page shows of the result.
    Analysed(AnySummary),
    /// The answer to [`Request::LookupCustomer`].
    Customer(Box<CustomerLookup>),
    /// A file to save, made by an export request.
    Export {
        /// The file name.
        name: String,
        /// Its CSV text.
        text: String,
    },
}

/// A failed job, described for the user: what went wrong, in which file and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct JobError {
    /// One or two sentences a user can act on.
    pub message: String,
    /// When choosing column roles can fix it: each column's name and type.
    pub choices: Vec<(String, ColumnType)>,
}

impl JobError {
    /// An error with nothing to choose.
    pub fn new(message: String) -> Self {
        Self {
            message,
            choices: Vec::new(),
        }
    }
}

/// A message that could not be encoded or decoded.
#[derive(Debug, thiserror::Error)]
#[error("malformed message: {0}")]
pub struct WireError(#[from] postcard::Error);

/// Encodes a message for the wire.
pub fn encode<T: Serialize>(message: &T) -> Result<Vec<u8>, WireError> {
    Ok(postcard::to_allocvec(message)?)
}

/// Decodes a message from the wire.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, WireError> {
    Ok(postcard::from_bytes(bytes)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::control::Stage;

    fn roundtrip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(message: T) {
        let bytes = encode(&message).expect("encodes");
        assert_eq!(decode::<T>(&bytes).expect("decodes"), message);
    }

    #[test]
    fn every_message_survives_the_wire() {
        let file = FileMeta {
            name: "订单.csv".into(),
            bytes: 1 << 40,
        };
        roundtrip(ToWorker::Start {
            job: JobId(7),
            request: Request::LoadFile {
                file: file.clone(),
                kind: TableKind::Transactions,
                mapping: None,
                reading: Reading::default(),
            },
        });
        // The user's choices cross intact.
        roundtrip(ToWorker::Start {
            job: JobId(8),
            request: Request::LoadDemo {
                mapping: Some(Mapping {
                    columns: vec![(crate::ingest::roles::Role::Status, 3)],
                }),
                reading: Reading {
                    counted_statuses: Some(vec!["已完成".into(), "paid".into()]),
                    guests: crate::ingest::reading::GuestPolicy::Email,
                    keep_pseudo_products: true,
                    sheet: Some("Orders".into()),
                    roles: vec![(
                        crate::ingest::roles::Role::Customer,
                        Some(crate::ingest::reading::ColumnRef::Name("Email".into())),
                    )],
                },
            },
        });
        roundtrip(ToWorker::Cancel {
            job: JobId(u64::MAX),
        });
        roundtrip(FromWorker::Ready {
            build: BUILD_ID.into(),
        });
        roundtrip(FromWorker::Progress {
            job: JobId(1),
            progress: Progress {
                stage: Stage::Reading,
                done: 10,
                total: Some(20),
            },
        });
        // A real report, with every kind of problem, type and summary in it.
        let csv = "customer,date,amount,note\na,2024-01-05,\"1,234.50\",x\nb,2024-02-01,3\n,2024-02-02,4,y\nc,soon,5,z\nd,2024-03-01,6,w,extra\n";
        let options = crate::ingest::LoadOptions::default();
        let loaded = pollster::block_on(crate::ingest::load(
            csv.as_bytes(),
            None,
            &options,
            &mut crate::control::Unattended,
        ))
        .expect("loads");
        assert!(loaded.report.rejected.count >= 2 && loaded.report.repaired.count == 1);
        let extra = ExtraSummary {
            name: "feedback.csv".into(),
            report: Box::new(loaded.report.clone()),
            join: Some(crate::ingest::join::join(&loaded.dataset, &loaded.dataset).report),
            demo: false,
        };
        roundtrip(FromWorker::Done {
            job: JobId(2),
            result: JobResult::Loaded {
                file,
                report: Box::new(loaded.report),
                demo: false,
                extras: vec![extra.clone()],
            },
            data: Some(JobId(2)),
        });
        roundtrip(FromWorker::Done {
            job: JobId(2),
            result: JobResult::Extras {
                extras: vec![extra],
            },
            data: None,
        });
        roundtrip(FromWorker::Failed {
            job: JobId(3),
            error: JobError {
                message: "x".into(),
                choices: vec![("客户".into(), ColumnType::Text)],
            },
        });
        roundtrip(FromWorker::Interrupted {
            job: JobId(4),
            reason: Interrupted::Superseded,
        });
        roundtrip(FromWorker::Rejected { reason: "?".into() });
    }

    #[test]
    fn rules_cross_intact_also_an_infinite_conviction() {
        use crate::baskets::{self, Baskets, BasketsReport, MinSupport, RulesFound, RulesParams};
        let baskets = Baskets::from_lists([
            vec!["coffee", "croissant"],
            vec!["coffee", "croissant"],
            vec!["tea"],
        ]);
        let params = RulesParams {
            min_support: MinSupport::Share(0.5),
            ..RulesParams::default()
        };
        let checked = params.check(&baskets).expect("valid");
        let analysis = pollster::block_on(baskets::analyse(
            &baskets,
            &checked,
            &mut crate::control::Unattended,
        ))
        .expect("runs");
        assert!(analysis.rules.iter().any(|r| r.conviction.is_infinite()));
        roundtrip(FromWorker::Done {
            job: JobId(9),
            result: JobResult::Analysed(AnySummary::Baskets(Box::new(RulesFound {
                report: BasketsReport::default(),
                analysis,
                segment: Some("Loyal".into()),
            }))),
            data: Some(JobId(1)),
        });
        roundtrip(ToWorker::Start {
            job: JobId(10),
            request: Request::Analyse(AnySettings::Baskets(Box::default())),
        });
    }

    #[test]
    fn recommendations_and_value_cross_intact() {
        use crate::recommend::{CustomerView, Reason, Recommended};
        for request in [
            Request::Analyse(AnySettings::Recommendations(Box::default())),
            Request::LookupCustomer {
                query: "C00".into(),
            },
            Request::Export(Kind::Recommendations),
            Request::Analyse(AnySettings::Value(Box::default())),
            Request::Analyse(AnySettings::Segments(Box::default())),
            Request::Export(Kind::Value),
        ] {
            roundtrip(ToWorker::Start {
                job: JobId(11),
                request,
            });
        }
        let view = CustomerView {
            id: "C00017".into(),
            segment: Some("Champions".into()),
            orders: 3,
            history_lines: 0,
            history: Vec::new(),
            cold_start: false,
            items: vec![Recommended {
                item: "Brie".into(),
                score: 0.75,
                reasons: vec![
                    Reason::BecauseYouBought {
                        item: "Baguette".into(),
                    },
                    Reason::PopularInSegment {
                        segment: "Champions".into(),
                    },
                ],
            }],
        };
        for result in [
            JobResult::Analysed(AnySummary::Recommendations(Box::default())),
            JobResult::Customer(Box::new(CustomerLookup {
                query: "17".into(),
                matches: vec!["C00017".into()],
                view: Some(view),
            })),
            JobResult::Analysed(AnySummary::Value(Box::default())),
        ] {
            roundtrip(FromWorker::Done {
                job: JobId(12),
                result,
                data: Some(JobId(u64::MAX)),
            });
        }
    }

    /// `Ready` must stay readable by any version of the UI: variant 0, then the build
    /// string (its length as a varint, then its bytes).
    #[test]
    fn ready_has_a_frozen_layout() {
        let bytes = encode(&FromWorker::Ready { build: "b".into() }).expect("encodes");
        assert_eq!(bytes, [0, 1, b'b']);
    }

    #[test]
    fn the_build_id_is_sixteen_hex_digits() {
        assert_eq!(BUILD_ID.len(), 16);
        assert!(BUILD_ID.bytes().all(|b| b.is_ascii_hexdigit()));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(decode::<ToWorker>(&[0xff, 0xff, 0xff]).is_err());
        assert!(decode::<FromWorker>(&[]).is_err());
    }

    #[test]
    fn loading_supersedes_everything_in_its_lane() {
        assert!(Lane::Load.supersedes(Lane::Load));
        assert!(
            !Lane::Load.supersedes(Lane::Files),
            "templates survive a new file"
        );
        assert!(Lane::Files.supersedes(Lane::Files) && !Lane::Files.supersedes(Lane::Load));
        let load = |kind| Request::LoadFile {
            file: FileMeta {
                name: "a".into(),
                bytes: 0,
            },
            kind,
            mapping: None,
            reading: Reading::default(),
        };
        assert_eq!(load(TableKind::Transactions).lane(), Lane::Load);
        assert_eq!(load(TableKind::Extra).lane(), Lane::Extra);
    }

    #[test]
    fn a_customer_look_up_neither_replaces_nor_is_replaced_by_the_recommendations() {
        let lookup = Request::LookupCustomer { query: "C".into() }.lane();
        let recommend = Request::Analyse(AnySettings::Recommendations(Box::default())).lane();
        assert!(lookup.supersedes(lookup), "the newest search wins");
        assert!(!lookup.supersedes(recommend) && !recommend.supersedes(lookup));
        assert!(
            Lane::Load.supersedes(lookup) && Lane::Load.supersedes(Lane::Analysis(Kind::Value))
        );
        assert_eq!(Request::Export(Kind::Value).lane(), Lane::Export);
    }

    #[test]
    fn a_new_segmentation_replaces_the_old_and_new_data_replaces_both() {
        let segment = Request::Analyse(AnySettings::Segments(Box::default()));
        let lane = Lane::Analysis(Kind::Segments);
        assert_eq!(segment.lane(), lane);
        assert!(lane.supersedes(lane));
        assert!(Lane::Load.supersedes(lane) && Lane::Load.supersedes(Lane::Export));
        assert!(!lane.supersedes(Lane::Load));
        assert_eq!(Request::Export(Kind::Segments).lane(), Lane::Export);
        // Each analysis in its own lane: a new segmentation leaves the rules running.
        for &kind in Kind::ALL {
            assert_eq!(
                lane.supersedes(Lane::Analysis(kind)),
                kind == Kind::Segments
            );
        }
    }

    #[test]
    fn extra_tables_neither_supersede_nor_are_superseded() {
        for lane in [Lane::Load, Lane::Extra, Lane::Files] {
            assert!(!Lane::Extra.supersedes(lane) && !lane.supersedes(Lane::Extra));
        }
    }
}
