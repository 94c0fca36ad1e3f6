//! `crm-lens rules`, `crm-lens baskets` and `crm-lens demo`: market basket analysis on
//! the command line.

use crate::input::{self, ReadArgs};
use crate::{Format, output_failed};
use clap::{Args, ValueEnum};
use crm_lens::baskets::rules::infinite;
use crm_lens::baskets::words::Language;
use crm_lens::baskets::{
    self, Algorithm, Analysis, BasketOptions, Baskets, BasketsReport, Level, MinSupport, Per,
    RulesParams, Warning,
};
use crm_lens::control::Unattended;
use crm_lens::demo::{self, DemoSize};
use crm_lens::ingest::TableKind;
use serde::Serialize;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What the input file holds.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Input {
    /// A transaction log: one row per order line.
    Transactions,
    /// Baskets: one per line, items separated by tabs.
    Baskets,
}

/// How baskets are gathered from a transaction log.
#[derive(Args)]
pub struct Gathering {
    /// One basket per order, or everything each customer bought.
    #[arg(long, value_enum, default_value_t = PerArg::Order)]
    per: PerArg,
    /// Products or categories as items.
    #[arg(long, value_enum, default_value_t = LevelArg::Product)]
    level: LevelArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum PerArg {
    Order,
    Customer,
}

#[derive(Clone, Copy, ValueEnum)]
enum LevelArg {
    Product,
    Category,
}

#[derive(Clone, Copy, ValueEnum)]
enum AlgorithmArg {
    Fpgrowth,
    Apriori,
}

#[derive(Clone, Copy, ValueEnum)]
enum LanguageArg {
    En,
    Zh,
}

impl Gathering {
    fn options(&self) -> BasketOptions {
        BasketOptions {
            per: match self.per {
                PerArg::Order => Per::Order,
                PerArg::Customer => Per::Customer,
            },
            level: match self.level {
                LevelArg::Product => Level::Product,
                LevelArg::Category => Level::Category,
            },
        }
    }
}

/// Arguments of `crm-lens rules`.
#[derive(Args)]
pub struct RulesArgs {
    /// The transaction log (or baskets, with `--input baskets`).
    file: PathBuf,
    /// What the file holds.
    #[arg(long, value_enum, default_value_t = Input::Transactions)]
    input: Input,
    #[command(flatten)]
    read: ReadArgs,
    #[command(flatten)]
    gathering: Gathering,
    /// Minimum support: the share of baskets an itemset must be in (0 to 1).
    #[arg(long, default_value_t = 0.01, conflicts_with = "min_count")]
    min_support: f64,
    /// Minimum support as a number of baskets, instead of a share.
    #[arg(long)]
    min_count: Option<u32>,
    /// Minimum confidence (0 to 1).
    #[arg(long, default_value_t = 0.2)]
    min_confidence: f64,
    /// Minimum lift (1 means no association).
    #[arg(long, default_value_t = 1.0)]
    min_lift: f64,
    /// The longest itemset looked for (antecedent and consequent together), or `none`.
    #[arg(long, default_value = "4", value_parser = limit)]
    max_len: Limit,
    /// Keep the strongest rules, this many at most, or `none` for all.
    #[arg(long, default_value = "1000", value_parser = limit)]
    max_rules: Limit,
    /// Keep only rules whose antecedent contains this item (repeat for any of several).
    #[arg(long = "if", value_name = "ITEM")]
    antecedent: Vec<String>,
    /// Keep only rules whose consequent contains this item (repeat for any of several).
    #[arg(long = "then", value_name = "ITEM")]
    consequent: Vec<String>,
    /// The algorithm for the frequent itemsets (both give the same result).
    #[arg(long, value_enum, default_value_t = AlgorithmArg::Fpgrowth)]
    algorithm: AlgorithmArg,
    /// Stop when this many frequent itemsets are found.
    #[arg(long, default_value_t = 1_000_000)]
    max_itemsets: u64,
    /// Output: one JSON object, or CSV with a row per rule.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// The language of the rules said in words.
    #[arg(long, value_enum, default_value_t = LanguageArg::En)]
    language: LanguageArg,
}

/// Arguments of `crm-lens baskets`.
#[derive(Args)]
pub struct BasketsArgs {
    /// The transaction log.
    file: PathBuf,
    #[command(flatten)]
    read: ReadArgs,
    #[command(flatten)]
    gathering: Gathering,
}

/// A number, or `none` for no limit.
#[derive(Clone, Copy)]
struct Limit(Option<u32>);

fn limit(text: &str) -> Result<Limit, String> {
    match text {
        "none" => Ok(Limit(None)),
        _ => text
            .parse()
            .map(|n| Limit(Some(n)))
            .map_err(|_| format!("expected a number or `none`, not {text:?}")),
    }
}

impl RulesArgs {
    fn params(&self) -> RulesParams {
        RulesParams {
            min_support: match self.min_count {
                Some(count) => MinSupport::Count(count),
                None => MinSupport::Share(self.min_support),
            },
            min_confidence: self.min_confidence,
            min_lift: self.min_lift,
            max_len: self.max_len.0,
            max_rules: self.max_rules.0,
            antecedent_items: self.antecedent.clone(),
            consequent_items: self.consequent.clone(),
            algorithm: match self.algorithm {
                AlgorithmArg::Fpgrowth => Algorithm::FpGrowth,
                AlgorithmArg::Apriori => Algorithm::Apriori,
            },
            max_itemsets: self.max_itemsets,
        }
    }
}

/// Loads a transaction log and gathers its baskets.
fn gather(
    path: &Path,
    read: &ReadArgs,
    options: BasketOptions,
) -> Result<(Baskets, BasketsReport), String> {
    let loaded = input::load(path, TableKind::Transactions, read)?;
    pollster::block_on(Baskets::from_dataset(
        &loaded.dataset,
        options,
        &mut Unattended,
    ))
    .map_err(|error| error.to_string())
}

/// The analysis of the file, with how its baskets were gathered (none for baskets given
/// one per line).
fn analyse(args: &RulesArgs) -> Result<(Analysis, Option<BasketsReport>), String> {
    let (baskets, report) = match args.input {
        Input::Transactions => {
            let (baskets, report) = gather(&args.file, &args.read, args.gathering.options())?;
            (baskets, Some(report))
        }
        Input::Baskets => {
            let text = fs::read_to_string(&args.file)
                .map_err(|error| format!("cannot read the file: {error}"))?;
            (Baskets::from_text(&text), None)
        }
    };
    let checked = args
        .params()
        .check(&baskets)
        .map_err(|error| error.to_string())?;
    let analysis = pollster::block_on(baskets::analyse(&baskets, &checked, &mut Unattended))
        .map_err(|error| error.to_string())?;
    Ok((analysis, report))
}

/// `crm-lens rules`.
pub fn rules(args: &RulesArgs) -> ExitCode {
    let name = args.file.display().to_string();
    let (analysis, report) = match analyse(args) {
        Ok(done) => done,
        Err(message) => {
            eprintln!("crm-lens: {name}: {message}");
            return ExitCode::FAILURE;
        }
    };
    for note in notes(&analysis, report.as_ref()) {
        eprintln!("crm-lens: {name}: note: {note}");
    }
    let language = match args.language {
        LanguageArg::En => Language::English,
        LanguageArg::Zh => Language::Chinese,
    };
    let written = match args.format {
        Format::Json => write_json(&name, &analysis, report.as_ref(), language),
        Format::Csv => write_csv(&analysis, language),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => output_failed(&error),
    }
}

/// What the user should know about the analysis, in words.
fn notes(analysis: &Analysis, report: Option<&BasketsReport>) -> Vec<String> {
    let mut notes: Vec<String> = report.map(|r| r.notes.clone()).unwrap_or_default();
    let support = |share: f64| format!("{:.3}%", share * 100.0);
    match analysis.estimate.warning {
        Some(Warning::OverLimit {
            limit,
            suggested_min_count,
            suggested_min_support,
        }) => notes.push(format!(
            "the items and pairs alone pass the limit of {limit} itemsets, so the search \
             stops there; a minimum support of {} ({suggested_min_count} baskets) fits",
            support(suggested_min_support)
        )),
        Some(Warning::Slow {
            suggested_min_count,
            suggested_min_support,
        }) => notes.push(format!(
            "at least {} itemsets: this may take a while; a minimum support of {} \
             ({suggested_min_count} baskets) is quicker",
            analysis.estimate.at_least,
            support(suggested_min_support)
        )),
        None => {}
    }
    match analysis.partial {
        Some(baskets::Partial::MostFrequentItems { items, limit }) => notes.push(format!(
            "stopped at the limit of {limit} itemsets: the rules are among the {items} most \
             frequent items only; raise the minimum support or --max-itemsets"
        )),
        Some(baskets::Partial::UpToLength { length, limit }) => notes.push(format!(
            "stopped at the limit of {limit} itemsets: the rules are among itemsets of up to \
             {length} items only; raise the minimum support or --max-itemsets"
        )),
        None => {}
    }
    notes
}

/// A rule with item names, as printed in JSON.
#[derive(Serialize)]
struct NamedRule<'a> {
    antecedent: Vec<&'a str>,
    consequent: Vec<&'a str>,
    count: u32,
    antecedent_support: f64,
    consequent_support: f64,
    support: f64,
    confidence: f64,
    lift: f64,
    leverage: f64,
    #[serde(with = "infinite")]
    conviction: f64,
    headline: String,
    detail: String,
}

#[derive(Serialize)]
struct RulesOutput<'a> {
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    baskets: Option<&'a BasketsReport>,
    estimate: &'a baskets::Estimate,
    min_count: u32,
    itemsets: u64,
    partial: Option<baskets::Partial>,
    matched: u64,
    rules: Vec<NamedRule<'a>>,
}

fn names<'a>(analysis: &'a Analysis, ids: &[u32]) -> Vec<&'a str> {
    ids.iter()
        .map(|&id| analysis.names[id as usize].as_str())
        .collect()
}

fn write_json(
    file: &str,
    analysis: &Analysis,
    report: Option<&BasketsReport>,
    language: Language,
) -> io::Result<()> {
    let rules = analysis
        .rules
        .iter()
        .enumerate()
        .map(|(i, rule)| NamedRule {
            antecedent: names(analysis, &rule.antecedent),
            consequent: names(analysis, &rule.consequent),
            count: rule.count,
            antecedent_support: rule.antecedent_support,
            consequent_support: rule.consequent_support,
            support: rule.support,
            confidence: rule.confidence,
            lift: rule.lift,
            leverage: rule.leverage,
            conviction: rule.conviction,
            headline: analysis.headline(i, language),
            detail: analysis.detail(i, language),
        })
        .collect();
    let output = RulesOutput {
        file,
        baskets: report,
        estimate: &analysis.estimate,
        min_count: analysis.min_count,
        itemsets: analysis.itemsets,
        partial: analysis.partial,
        matched: analysis.matched,
        rules,
    };
    let mut out = io::stdout().lock();
    serde_json::to_writer(&mut out, &output)?;
    out.write_all(b"\n")?;
    out.flush()
}

const RULES_CSV_HEADER: [&str; 12] = [
    "antecedent",
    "consequent",
    "count",
    "antecedent support",
    "consequent support",
    "support",
    "confidence",
    "lift",
    "leverage",
    "conviction",
    "headline",
    "detail",
];

/// Text for a spreadsheet: a leading `=`, `+`, `-`, `@`, tab or carriage return would
/// make it a formula, so such text gets a leading apostrophe.
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

fn write_csv(analysis: &Analysis, language: Language) -> io::Result<()> {
    write_csv_rows(analysis, language).map_err(|error| match error.into_kind() {
        csv::ErrorKind::Io(error) => error,
        other => io::Error::other(format!("{other:?}")),
    })
}

fn write_csv_rows(analysis: &Analysis, language: Language) -> csv::Result<()> {
    let mut out = csv::Writer::from_writer(io::stdout().lock());
    out.write_record(RULES_CSV_HEADER)?;
    for (i, rule) in analysis.rules.iter().enumerate() {
        let number = |value: f64| value.to_string();
        out.write_record([
            cell(&names(analysis, &rule.antecedent).join(" | ")),
            cell(&names(analysis, &rule.consequent).join(" | ")),
            rule.count.to_string(),
            number(rule.antecedent_support),
            number(rule.consequent_support),
            number(rule.support),
            number(rule.confidence),
            number(rule.lift),
            number(rule.leverage),
            number(rule.conviction),
            cell(&analysis.headline(i, language)),
            cell(&analysis.detail(i, language)),
        ])?;
    }
    out.flush()?;
    Ok(())
}

/// `crm-lens baskets`.
pub fn baskets(args: &BasketsArgs) -> ExitCode {
    let name = args.file.display().to_string();
    match gather(&args.file, &args.read, args.gathering.options()) {
        Ok((baskets, report)) => {
            for note in &report.notes {
                eprintln!("crm-lens: {name}: note: {note}");
            }
            let mut out = io::stdout().lock();
            match out
                .write_all(baskets.to_text().as_bytes())
                .and_then(|()| out.flush())
            {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => output_failed(&error),
            }
        }
        Err(message) => {
            eprintln!("crm-lens: {name}: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `crm-lens demo`.
pub fn demo(folder: &Path) -> ExitCode {
    let demo = demo::generate(demo::SEED, DemoSize::default());
    let files = [
        ("transactions.csv", &demo.transactions),
        ("customers.csv", &demo.customers),
        ("feedback.csv", &demo.feedback),
    ];
    let written = fs::create_dir_all(folder).and_then(|()| {
        files
            .iter()
            .try_for_each(|(name, text)| fs::write(folder.join(name), text.as_bytes()))
    });
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let folder: PathBuf = folder.to_owned();
            eprintln!(
                "crm-lens: {}: cannot write the demo: {error}",
                folder.display()
            );
            ExitCode::FAILURE
        }
    }
}
