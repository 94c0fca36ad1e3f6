//! `crm-lens segment`: customer segments of a transaction log, as CSV (a row per
//! customer with segment, RFM scores, map position and features) or as the full JSON
//! result (features, RFM grid, clustering, curves, profiles, map); or clusters of a
//! plain table of numbers, one row per entity (a row per entity, no RFM).

use crate::Format;
use crate::input::{self, Data, ReadArgs};
use crate::output::Sink;
use clap::{Args, ValueEnum};
use crm_lens::control::Unattended;
use crm_lens::segments::analysis::{KChoice, Method, Settings};
use crm_lens::segments::params::{Distance, KRange};
use crm_lens::segments::scaling::{LogColumns, Scale, Scaling};
use crm_lens::segments::{SegmentError, Segmenting, customers_csv, segment_table, table};
use std::path::PathBuf;

/// The arguments of `crm-lens segment`.
#[derive(Args)]
pub struct SegmentArgs {
    /// The transaction log, or a plain table of numbers with one row per entity (such as
    /// iris's measurements; an optional id column), whose number columns are the
    /// features.
    file: PathBuf,
    #[command(flatten)]
    read: ReadArgs,
    /// Extra tables (customer attributes, events, feedback) joined on the customer id,
    /// or on the order id when they have no customer column (items); their numeric
    /// columns become features named `extra:FILE-NAME:COLUMN`.
    #[arg(long = "extra", value_name = "FILE")]
    extras: Vec<PathBuf>,
    /// K-means with this many segments.
    #[arg(long, conflicts_with_all = ["k_range", "dbscan"])]
    k: Option<usize>,
    /// K-means with the k of this range that has the best silhouette (default 2..8).
    #[arg(long, value_name = "FROM..TO", value_parser = parse_range)]
    k_range: Option<KRange>,
    /// DBSCAN instead of k-means.
    #[arg(long)]
    dbscan: bool,
    /// DBSCAN's radius, in scaled units (default: the knee of the k-distance curve).
    #[arg(long, requires = "dbscan", allow_negative_numbers = true)]
    eps: Option<f64>,
    /// DBSCAN's points within eps (the point included) that make a core point.
    #[arg(long, default_value_t = 5, requires = "dbscan")]
    min_points: usize,
    /// Features, comma-separated (default: recency,frequency,monetary,aov,tenure; also
    /// ipt, category:NAME, extra:FILE-NAME:COLUMN). For a plain table: its column names
    /// (default: every number column).
    #[arg(long, value_delimiter = ',')]
    features: Vec<String>,
    /// How features are scaled.
    #[arg(long, value_enum, default_value_t = ScaleArg::Zscore)]
    scaling: ScaleArg,
    /// Which features get ln(1 + x) before scaling.
    #[arg(long, value_enum, default_value_t = LogArg::Money)]
    log: LogArg,
    /// Distance between customers.
    #[arg(long, value_enum, default_value_t = DistanceArg::Euclidean)]
    distance: DistanceArg,
    /// K-means restarts (the least inertia wins).
    #[arg(long, default_value_t = 10)]
    restarts: usize,
    /// Seed of every random choice.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// The date recency and tenure are measured at (YYYY-MM-DD; default: the day after
    /// the last date in the data).
    #[arg(long, value_name = "DATE", value_parser = input::parse_day)]
    as_of: Option<i64>,
    /// Output: a CSV row per customer, or the full result as one JSON object.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum ScaleArg {
    /// Mean 0, standard deviation 1.
    Zscore,
    /// 0 to 1.
    Minmax,
    /// As they are.
    None,
}

#[derive(Clone, Copy, ValueEnum)]
enum LogArg {
    /// Money columns.
    Money,
    /// Columns with a skewness above 1.
    Skewed,
    /// None.
    None,
}

#[derive(Clone, Copy, ValueEnum)]
enum DistanceArg {
    /// Straight-line distance (k-means).
    Euclidean,
    /// Sum of absolute differences (k-medians).
    Manhattan,
}

fn parse_range(text: &str) -> Result<KRange, String> {
    let (from, to) = text
        .split_once("..")
        .ok_or_else(|| format!("{text:?} is not a range such as 2..8"))?;
    let number = |s: &str| {
        s.trim_start_matches('=')
            .parse::<usize>()
            .map_err(|_| format!("{text:?} is not a range such as 2..8"))
    };
    KRange {
        from: number(from)?,
        to: number(to)?,
    }
    .check()
    .map_err(|error| error.to_string())
}

impl SegmentArgs {
    fn settings(&self) -> Settings {
        let method = if self.dbscan {
            Method::Dbscan {
                eps: self.eps,
                min_points: self.min_points,
            }
        } else if let Some(k) = self.k {
            Method::KMeans(KChoice::Fixed(k))
        } else {
            Method::KMeans(KChoice::Range(
                self.k_range.unwrap_or(KRange { from: 2, to: 8 }),
            ))
        };
        Settings {
            features: self.features.clone(),
            scaling: Scaling {
                log: match self.log {
                    LogArg::Money => LogColumns::Money,
                    LogArg::Skewed => LogColumns::Skewed,
                    LogArg::None => LogColumns::None,
                },
                scale: match self.scaling {
                    ScaleArg::Zscore => Scale::ZScore,
                    ScaleArg::Minmax => Scale::MinMax,
                    ScaleArg::None => Scale::None,
                },
            },
            method,
            distance: match self.distance {
                DistanceArg::Euclidean => Distance::Euclidean,
                DistanceArg::Manhattan => Distance::Manhattan,
            },
            restarts: self.restarts,
            seed: self.seed,
            as_of: self.as_of,
            ..Settings::default()
        }
    }
}

/// Runs `crm-lens segment`: prints the result; the error names the file. A file that
/// is no transaction log is clustered as a plain table of numbers, one row per entity,
/// with notes on stderr saying how it was read.
pub fn run(args: &SegmentArgs) -> Result<(), String> {
    let result = match input::load_log_or_plain(&args.file, &args.read, &args.extras)? {
        Data::Log(input) => {
            let orders = input.orders();
            input.run::<Segmenting>(&orders, &args.settings())?
        }
        Data::Plain(plain) => {
            if !args.extras.is_empty() {
                return Err(plain.error(
                    "extra tables are joined to a transaction log's customers, and this file \
                     is read as a plain table (it has no customer or date column); leave \
                     out --extra, or load a transaction log",
                ));
            }
            let id = table::id_column(&plain.dataset);
            let result = pollster::block_on(segment_table(
                &plain.dataset,
                id,
                &args.settings(),
                &mut Unattended,
            ))
            .map_err(|error| match error {
                // Neither a transaction log nor a table of numbers.
                SegmentError::NoFeatures if args.features.is_empty() => plain.not_a_log.clone(),
                SegmentError::RepeatedId { .. } => {
                    format!("{}; and read as a plain table, {error}", plain.not_a_log)
                }
                error => plain.error(error),
            })?;
            for note in &result.notes {
                eprintln!("crm-lens: {}: note: {note}", plain.name);
            }
            result
        }
    };
    match args.format {
        Format::Csv => Sink::Stdout.write(customers_csv(&result).as_bytes()),
        Format::Json => Sink::Stdout.json(&result),
    }
}
