//! `crm-lens opportunities`: where a group of customers buys a category or product far
//! less often than its peers, as CSV (a row per gap, strongest first) or as the JSON
//! summary; `--contacts GROUP ITEM` writes that opportunity's customers instead.

use crate::Format;
use crate::input::{Input, ReadArgs};
use crate::output::Sink;
use clap::{Args, ValueEnum};
use crm_lens::opportunities::export::{contacts_csv, gaps_csv};
use crm_lens::opportunities::{Benchmark, Finding, GroupBy, Level, Settings};
use crm_lens::segments::{Segmenting, Settings as SegmentSettings};
use std::path::PathBuf;

/// The arguments of `crm-lens opportunities`.
#[derive(Args)]
pub struct OpportunitiesArgs {
    /// The transaction log.
    file: PathBuf,
    #[command(flatten)]
    read: ReadArgs,
    /// Extra tables (customer attributes, events, feedback) joined on the customer id,
    /// or on the order id when they have no customer column.
    #[arg(long = "extra", value_name = "FILE")]
    extras: Vec<PathBuf>,
    /// The groups compared: `segments` (k-means segments, segmented first with the
    /// default settings and the extra tables' numeric columns), `rfm` (RFM named
    /// segments), or `extra:TABLE:COLUMN` (the values of a column of an extra table,
    /// TABLE its file name).
    #[arg(long, value_name = "GROUPS", default_value = "segments", value_parser = parse_by)]
    by: GroupBy,
    /// Compare categories or products.
    #[arg(long, value_enum, default_value_t = LevelArg::Category)]
    level: LevelArg,
    /// Compare each group with its look-alikes (this many most similar customers per
    /// member, outside the group) instead of everyone else.
    #[arg(long, value_name = "K")]
    look_alikes: Option<usize>,
    /// The period: the last this many days of the log.
    #[arg(long, default_value_t = 365, conflicts_with = "whole_log")]
    days: u32,
    /// The whole log as the period.
    #[arg(long)]
    whole_log: bool,
    /// The false discovery rate below which a gap is significant.
    #[arg(long, default_value_t = 0.05)]
    alpha: f64,
    /// List the gaps that are not significant too.
    #[arg(long)]
    all: bool,
    /// Opportunities in the JSON summary (with their first 20 contacts each).
    #[arg(long, default_value_t = 50)]
    top: usize,
    /// Write the customers to contact for the gap of this group and item (names as in
    /// the CSV), most likely buyers first, with their next best item.
    #[arg(long, num_args = 2, value_names = ["GROUP", "ITEM"])]
    contacts: Option<Vec<String>>,
    /// Output: a CSV row per gap (or contact), or the summary as one JSON object.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum LevelArg {
    /// Categories.
    Category,
    /// Products.
    Product,
}

fn parse_by(text: &str) -> Result<GroupBy, String> {
    match text {
        "segments" => Ok(GroupBy::Segments),
        "rfm" => Ok(GroupBy::Rfm),
        _ => match text
            .strip_prefix("extra:")
            .and_then(|rest| rest.rsplit_once(':'))
        {
            Some((table, column)) if !table.is_empty() && !column.is_empty() => {
                Ok(GroupBy::Attribute {
                    table: table.to_owned(),
                    column: column.to_owned(),
                })
            }
            _ => Err(format!(
                "{text:?} is not segments, rfm or extra:TABLE:COLUMN (such as \
                 extra:customers.csv:region)"
            )),
        },
    }
}

impl OpportunitiesArgs {
    fn settings(&self) -> Settings {
        Settings {
            groups: self.by.clone(),
            level: match self.level {
                LevelArg::Category => Level::Category,
                LevelArg::Product => Level::Product,
            },
            benchmark: match self.look_alikes {
                Some(neighbours) => Benchmark::LookAlikes { neighbours },
                None => Benchmark::Everyone,
            },
            period_days: (!self.whole_log).then_some(self.days),
            alpha: self.alpha,
            show_all: self.all,
            top: self.top,
            ..Settings::default()
        }
    }
}

/// Runs `crm-lens opportunities`: prints the result; the error names the file. Grouped
/// by segments, the customers are segmented first with the default settings.
pub fn run(args: &OpportunitiesArgs) -> Result<(), String> {
    let mut input = Input::load(&args.file, &args.read, &args.extras)?;
    let name = input.name.clone();
    let orders = input.orders();
    let settings = args.settings();
    // With no extra table at all, the core falls back to the RFM segments with a note
    // (the page's chosen table may have been removed); on the command line, a table named
    // and not given is a mistake. One given under another name the core refuses.
    if let GroupBy::Attribute { table, .. } = &settings.groups
        && input.extras.is_empty()
    {
        return Err(format!(
            "{name}: --by names the extra table {table:?}, which is not given with --extra \
             (extra tables are named by their file name)"
        ));
    }
    if settings.groups == GroupBy::Segments {
        let segments = SegmentSettings::default();
        let segmentation = input.run::<Segmenting>(&orders, &segments)?;
        input.keep::<Segmenting>(segmentation, segments);
    }
    let found = input.run::<Finding>(&orders, &settings)?;
    for note in &found.summary.notes {
        eprintln!("crm-lens: {name}: note: {note}");
    }
    match (&args.contacts, args.format) {
        (Some(pair), format) => {
            let (group, item) = match pair.as_slice() {
                [group, item] => (group, item),
                _ => return Err("--contacts takes a group and an item".to_owned()),
            };
            let position = found.position(group, item).ok_or_else(|| {
                format!(
                    "{name}: no gap of {group:?} on {item:?} is listed (see the CSV without \
                     --contacts{})",
                    if args.all { "" } else { ", or add --all" }
                )
            })?;
            match format {
                Format::Csv => {
                    Sink::Stdout.write(contacts_csv(&found, &orders, &[position]).as_bytes())
                }
                Format::Json => Sink::Stdout.json(&found.contacts(&orders, position, None)),
            }
        }
        (None, Format::Csv) => Sink::Stdout.write(gaps_csv(&found).as_bytes()),
        (None, Format::Json) => Sink::Stdout.json(&found.summary),
    }
}
