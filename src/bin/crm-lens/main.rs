//! `crm-lens`: the CRM Lens analytics core on the command line, for scripting and for
//! files too large for a browser tab. A thin shell: it parses arguments, opens files,
//! calls the core and prints what it returns.

mod output;
mod recommend;
mod segment;
mod value;

mod rules;

use clap::{Parser, Subcommand, ValueEnum};
use crm_lens::control::Unattended;
use crm_lens::ingest::{self, LoadOptions, LoadReport};
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "crm-lens",
    version,
    about = "Customer analytics on your own machine."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Load transaction logs and report on their quality: encoding, delimiter, rows
    /// read, kept, repaired and rejected (with line and reason), column types and roles,
    /// and a profile of every column. CSV and text files, and Excel or OpenDocument
    /// workbooks (.xlsx, .xls, .xlsb, .ods).
    Profile {
        /// The files to profile.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The sheet to read in workbooks (by name); without it, the first visible sheet
        /// with data.
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// Output format: one JSON report per file, or CSV with a row per column.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Find association rules (what sells together) in a transaction log, or in baskets
    /// given one per line. Prints the strongest rules with their support, confidence,
    /// lift, leverage and conviction, and each in words.
    Rules(rules::RulesArgs),
    /// Print the baskets a transaction log makes, one per line, items separated by tabs
    /// (for checking, or for other tools).
    Baskets(rules::BasketsArgs),
    /// Write the built-in demo shop's files (transactions.csv, customers.csv,
    /// feedback.csv) into a folder.
    Demo {
        /// The folder (created if missing).
        folder: PathBuf,
    },
    /// Segment the customers of a transaction log: RFM scores and named segments,
    /// k-means (k fixed or chosen by silhouette over a range) or DBSCAN, with profiles.
    /// Prints a CSV row per customer (segment, scores, features) or the full result as
    /// JSON.
    Segment(segment::SegmentArgs),
    /// Recommend what to offer each customer next (similar items, similar customers,
    /// segment favourites, bought together, blended), and evaluate each method against
    /// the most popular items with each customer's last order held out.
    Recommend(recommend::RecommendArgs),
    /// Value the customers of a transaction log: the simple CLV formula, BG/NBD and
    /// Gamma-Gamma (as lifetimes fits them) with predicted CLV and a holdout check,
    /// churn models with their test scores, and a loyalty score with its test error.
    /// Writes every customer's figures with --csv.
    Value(value::ValueArgs),
}

/// How results are printed.
#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// One JSON object per input file, one per line.
    Json,
    /// CSV with a header row and a row per result.
    Csv,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Profile {
            files,
            format,
            sheet,
        } => profile_files(&files, format, sheet.as_deref()),
        Command::Rules(args) => rules::rules(&args),
        Command::Baskets(args) => rules::baskets(&args),
        Command::Demo { folder } => rules::demo(&folder),
        Command::Segment(args) => segment::run(&args),
        Command::Recommend(args) => recommend::run(&args),
        Command::Value(args) => value::run(&args),
    }
}

/// Profiles each file and prints its report; a file that fails is reported on stderr
/// and the others go on. Exit code 1 if any failed.
fn profile_files(files: &[PathBuf], format: Format, sheet: Option<&str>) -> ExitCode {
    let mut printer = output::Printer::new(io::stdout().lock(), format);
    let mut failed = false;
    for path in files {
        let name = path.display().to_string();
        let outcome = match profile_file(path, sheet) {
            Ok(report) => printer.profile(&name, &report),
            Err(message) => {
                eprintln!("crm-lens: {name}: {message}");
                failed = true;
                Ok(())
            }
        };
        if let Err(error) = outcome {
            return output_failed(&error);
        }
    }
    if let Err(error) = printer.finish() {
        return output_failed(&error);
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Stdout is gone. A reader that stopped early (`crm-lens ... | head`) is no error; a
/// full disk is.
pub(crate) fn output_failed(error: &io::Error) -> ExitCode {
    if error.kind() == io::ErrorKind::BrokenPipe {
        return ExitCode::SUCCESS;
    }
    eprintln!("crm-lens: cannot write the output: {error}");
    ExitCode::FAILURE
}

fn profile_file(path: &Path, sheet: Option<&str>) -> Result<LoadReport, String> {
    let file = File::open(path).map_err(|error| format!("cannot open the file: {error}"))?;
    let size = file.metadata().ok().map(|metadata| metadata.len());
    let mut options = LoadOptions::default();
    options.reading.sheet = sheet.map(str::to_owned);
    pollster::block_on(ingest::load(file, size, &options, &mut Unattended))
        .map(|loaded| loaded.report)
        .map_err(|error| error.to_string())
}
