//! `crm-lens`: the CRM Lens analytics core on the command line, for scripting and for
//! files too large for a browser tab. A thin shell: it parses arguments, opens files,
//! calls the core and prints what it returns.
//!
//! Every analysis subcommand has the same shape: [`input::Input::load`] reads the
//! transaction log (and extra tables), the subcommand's own options become the core's
//! settings, the core runs, and [`output::Sink`] writes the result (JSON, CSV or text,
//! to standard output or a file). A subcommand returns `Err(message)` with a message that
//! names the file; `main` prints it and exits with 1.

mod exports;
mod input;
mod opportunities;
mod output;
mod recommend;
mod rules;
mod segment;
mod value;

use clap::{Parser, Subcommand, ValueEnum};
use crm_lens::ingest;
use std::io;
use std::path::PathBuf;
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
    #[command(after_help = PROFILE_EXAMPLES)]
    Profile {
        /// The files to profile.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format: one JSON report per file, or CSV with a row per column.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        #[command(flatten)]
        read: input::ReadArgs,
    },
    /// Find association rules (what sells together) in a transaction log, or in baskets
    /// given one per line. Prints the strongest rules with their support, confidence,
    /// lift, leverage and conviction, and each in words.
    #[command(after_help = RULES_EXAMPLES)]
    Rules(rules::RulesArgs),
    /// Print the baskets a transaction log makes, one per line, items separated by tabs
    /// (for checking, or for other tools).
    #[command(after_help = BASKETS_EXAMPLES)]
    Baskets(rules::BasketsArgs),
    /// Write the built-in demo shop's files (transactions.csv, customers.csv,
    /// feedback.csv) into a folder; with --platform, a generated export of that
    /// platform's layout instead.
    #[command(after_help = DEMO_EXAMPLES)]
    Demo {
        /// The folder (created if missing).
        folder: PathBuf,
        /// Write a platform's export (shopify, woocommerce, magento, bigcommerce, square,
        /// stripe, paypal, taobao, jd, youzan, pinduoduo, shopee, uci, german), or all of
        /// them, named PLATFORM-FILE.
        #[arg(long, value_name = "NAME")]
        platform: Option<String>,
    },
    /// Segment the customers of a transaction log: RFM scores and named segments,
    /// k-means (k fixed or chosen by silhouette over a range) or DBSCAN, with profiles.
    /// Prints a CSV row per customer (segment, scores, features) or the full result as
    /// JSON.
    #[command(after_help = SEGMENT_EXAMPLES)]
    Segment(segment::SegmentArgs),
    /// Recommend what to offer each customer next (similar items, similar customers,
    /// segment favourites, bought together, blended), and evaluate each method against
    /// the most popular items with each customer's last order held out.
    #[command(after_help = RECOMMEND_EXAMPLES)]
    Recommend(recommend::RecommendArgs),
    /// Value the customers of a transaction log: the simple CLV formula, BG/NBD and
    /// Gamma-Gamma (as lifetimes fits them) with predicted CLV and a holdout check,
    /// churn models with their test scores, and a loyalty score with its test error.
    /// Writes every customer's figures with --csv.
    #[command(after_help = VALUE_EXAMPLES)]
    Value(value::ValueArgs),
    /// Find where a group of customers (segments, RFM segments, or the values of an
    /// extra table's column) buys a category or product far less often than its peers:
    /// penetration, index, significance, customers affected and expected revenue, a
    /// CSV row per gap, strongest first; --contacts GROUP ITEM writes whom to contact.
    #[command(after_help = OPPORTUNITIES_EXAMPLES)]
    Opportunities(opportunities::OpportunitiesArgs),
}

// Each subcommand's examples, shown after its options by --help. tests/cli/examples.rs
// runs every line that starts with `crm-lens` in a folder with the files they name: the
// demo shop's orders.csv and customers.csv, a basket file baskets.csv
// (transaction_id,item) and iris.csv (four measurements and the species).

const PROFILE_EXAMPLES: &str = "Examples:
  crm-lens profile orders.csv customers.csv
  crm-lens profile --format csv --role customer=customer_id orders.csv";

const RULES_EXAMPLES: &str = "Examples:
  crm-lens rules orders.csv --min-support 0.005 --min-confidence 0.3
  crm-lens rules orders.csv --level category --format csv
  crm-lens rules baskets.csv --max-len none   # a basket file: transaction_id,item";

const BASKETS_EXAMPLES: &str = "Examples:
  crm-lens baskets orders.csv --per customer
  crm-lens baskets baskets.csv";

const DEMO_EXAMPLES: &str = "Examples:
  crm-lens demo demo/
  crm-lens demo --platform taobao exports/";

const SEGMENT_EXAMPLES: &str = "Examples:
  crm-lens segment orders.csv --k 4
  crm-lens segment orders.csv --extra customers.csv --features recency,monetary,extra:customers.csv:age
  crm-lens segment iris.csv --k 3 --scaling none   # a plain table of numbers";

const RECOMMEND_EXAMPLES: &str = "Examples:
  crm-lens recommend orders.csv --weights 1,0,0,0 --top 5   # similar items only
  crm-lens recommend orders.csv --customer C00012";

const VALUE_EXAMPLES: &str = "Examples:
  crm-lens value orders.csv --unit 7-days --holdout 13 --horizon 52
  crm-lens value orders.csv --unit days --until 2024-06-30 --holdout 60 --json";

const OPPORTUNITIES_EXAMPLES: &str = "Examples:
  crm-lens opportunities orders.csv --by rfm   # RFM segments against everyone else
  crm-lens opportunities orders.csv --extra customers.csv --by extra:customers.csv:region --level product --format json";

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
    let outcome = match cli.command {
        Command::Profile {
            files,
            format,
            read,
        } => return profile_files(&files, format, &read),
        Command::Rules(args) => rules::rules(&args),
        Command::Baskets(args) => rules::baskets(&args),
        Command::Demo { folder, platform } => match platform {
            Some(name) => exports::write(&folder, &name),
            None => rules::demo(&folder),
        },
        Command::Segment(args) => segment::run(&args),
        Command::Recommend(args) => recommend::run(&args),
        Command::Value(args) => value::run(&args),
        Command::Opportunities(args) => opportunities::run(&args),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("crm-lens: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Profiles each file and prints its report; a file that fails is reported on stderr
/// and the others go on. Exit code 1 if any failed.
fn profile_files(files: &[PathBuf], format: Format, read: &input::ReadArgs) -> ExitCode {
    let mut printer = output::Printer::new(io::stdout().lock(), format);
    let mut failed = false;
    for path in files {
        let name = path.display().to_string();
        let outcome = match input::load(path, ingest::TableKind::Transactions, read) {
            Ok(loaded) => printer.profile(&name, &loaded.report),
            Err(message) => {
                eprintln!("crm-lens: {message}");
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
