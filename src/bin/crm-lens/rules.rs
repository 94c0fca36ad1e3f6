//! `crm-lens rules`, `crm-lens baskets` and `crm-lens demo`: market basket analysis on
//! the command line.

use crate::Format;
use crate::input::{self, Data, Input, ReadArgs};
use crate::output::Sink;
use clap::{Args, ValueEnum};
use crm_lens::baskets::rules::infinite;
use crm_lens::baskets::words::Language;
use crm_lens::baskets::{
    self, Algorithm, Analysis, BasketOptions, Baskets, BasketsReport, Level, MinSupport, Per,
    RulesNote, RulesParams, Setting, Warning,
};
use crm_lens::control::Unattended;
use crm_lens::demo::{self, DemoSize};
use crm_lens::ingest::Dataset;
use crm_lens::ingest::roles::Role;
use serde::Serialize;
use std::fs;
use std::path::{Path, PathBuf};

/// What the input file holds.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FileKind {
    /// A transaction log: one row per order line.
    Transactions,
    /// Baskets: one per line, items separated by tabs.
    Baskets,
    /// A basket file: a basket (transaction) id and an item per line, such as
    /// `transaction_id,item`; the columns with the order (or customer) and the product
    /// (or category) role, else the first two.
    Pairs,
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
    /// The transaction log, or a basket file of two columns (a transaction id and an
    /// item per line, such as `transaction_id,item`), or baskets one per line with
    /// `--input baskets`.
    file: PathBuf,
    /// What the file holds. Without it: a transaction log, or, when the file has two
    /// columns and no customer or date column, a basket file (`pairs`); a note says how
    /// it was read.
    #[arg(long, value_enum)]
    input: Option<FileKind>,
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
    /// The transaction log, or a basket file of two columns (a transaction id and an
    /// item per line).
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

/// The baskets of the file, as `kind` says it holds them (see [`FileKind`]; `None`:
/// a transaction log, or a basket file of two columns), with how they were gathered
/// (none for baskets given one per line); the error names the file.
fn gather(
    path: &Path,
    kind: Option<FileKind>,
    read: &ReadArgs,
    gathering: &Gathering,
) -> Result<(Baskets, Option<BasketsReport>), String> {
    let name = input::name(path);
    let from_log = |input: Input| {
        pollster::block_on(Baskets::from_dataset(
            &input.dataset,
            gathering.options(),
            &mut Unattended,
        ))
        .map(|(baskets, report)| (baskets, Some(report)))
        .map_err(|error| input.error(error))
    };
    match kind {
        Some(FileKind::Transactions) => from_log(Input::load(path, read, &[])?),
        Some(FileKind::Baskets) => {
            let text = fs::read_to_string(path)
                .map_err(|error| format!("{name}: cannot read the file: {error}"))?;
            Ok((Baskets::from_text(&text), None))
        }
        Some(FileKind::Pairs) => pairs(&name, &input::load_plain(path, read)?),
        None => match input::load_log_or_plain(path, read, &[])? {
            Data::Log(input) => from_log(input),
            Data::Plain(plain) if plain.dataset.table.columns.len() == 2 => {
                pairs(&name, &plain.dataset)
            }
            Data::Plain(plain) => Err(plain.not_a_log),
        },
    }
}

/// The baskets of a basket file: the basket id in the column with the order (or
/// customer) role, else the first; the item in the column with the product (or
/// category) role, else the first other.
fn pairs(name: &str, table: &Dataset) -> Result<(Baskets, Option<BasketsReport>), String> {
    let mapping = &table.mapping;
    let columns = table.table.columns.len();
    if columns < 2 {
        return Err(format!(
            "{name}: a basket file needs two columns, a basket id and an item"
        ));
    }
    let basket = mapping
        .column(Role::Order)
        .or_else(|| mapping.column(Role::Customer))
        .unwrap_or(0);
    let item = mapping
        .column(Role::Product)
        .or_else(|| mapping.column(Role::Category))
        .filter(|&c| c != basket)
        .unwrap_or(if basket == 0 { 1 } else { 0 });
    let (baskets, report) =
        pollster::block_on(Baskets::from_pairs(table, basket, item, &mut Unattended))
            .map_err(|error| format!("{name}: {error}"))?;
    Ok((baskets, Some(report)))
}

/// The analysis of the file, with how its baskets were gathered (none for baskets given
/// one per line); the error names the file.
fn analyse(args: &RulesArgs) -> Result<(Analysis, Option<BasketsReport>), String> {
    let name = input::name(&args.file);
    let (baskets, report) = gather(&args.file, args.input, &args.read, &args.gathering)?;
    let checked = args
        .params()
        .check(&baskets)
        .map_err(|error| format!("{name}: {error}"))?;
    let analysis = pollster::block_on(baskets::analyse(&baskets, &checked, &mut Unattended))
        .map_err(|error| format!("{name}: {error}"))?;
    Ok((analysis, report))
}

/// `crm-lens rules`.
pub fn rules(args: &RulesArgs) -> Result<(), String> {
    let name = input::name(&args.file);
    let (analysis, report) = analyse(args)?;
    let notes = notes(&analysis, report.as_ref());
    for note in &notes {
        eprintln!("crm-lens: {name}: note: {note}");
    }
    let language = match args.language {
        LanguageArg::En => Language::English,
        LanguageArg::Zh => Language::Chinese,
    };
    match args.format {
        Format::Json => {
            Sink::Stdout.json(&output(&name, &analysis, report.as_ref(), notes, language))
        }
        Format::Csv => Sink::Stdout.csv(|out| write_csv(out, &analysis, language)),
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
    notes.extend(analysis.notes.iter().map(|note| note.text(option)));
    notes
}

/// The option that changes a setting.
fn option(setting: Setting) -> String {
    match setting {
        Setting::MinConfidence => "--min-confidence",
        Setting::MinLift => "--min-lift",
        Setting::ItemFilters => "--if/--then",
        Setting::MaxRules => "--max-rules",
        Setting::MaxLen => "--max-len",
    }
    .to_owned()
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
    /// Every note printed on stderr, in words.
    notes: Vec<String>,
    /// What the settings left out, counted (the last of the notes).
    left_out: &'a [RulesNote],
    rules: Vec<NamedRule<'a>>,
}

fn names<'a>(analysis: &'a Analysis, ids: &[u32]) -> Vec<&'a str> {
    ids.iter()
        .map(|&id| analysis.names[id as usize].as_str())
        .collect()
}

fn output<'a>(
    file: &'a str,
    analysis: &'a Analysis,
    report: Option<&'a BasketsReport>,
    notes: Vec<String>,
    language: Language,
) -> RulesOutput<'a> {
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
    RulesOutput {
        file,
        baskets: report,
        estimate: &analysis.estimate,
        min_count: analysis.min_count,
        itemsets: analysis.itemsets,
        partial: analysis.partial,
        matched: analysis.matched,
        notes,
        left_out: &analysis.notes,
        rules,
    }
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

fn write_csv(
    out: &mut csv::Writer<Vec<u8>>,
    analysis: &Analysis,
    language: Language,
) -> csv::Result<()> {
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
    Ok(())
}

/// `crm-lens baskets`.
pub fn baskets(args: &BasketsArgs) -> Result<(), String> {
    let name = input::name(&args.file);
    let (baskets, report) = gather(&args.file, None, &args.read, &args.gathering)?;
    for note in report.iter().flat_map(|report| &report.notes) {
        eprintln!("crm-lens: {name}: note: {note}");
    }
    Sink::Stdout.write(baskets.to_text().as_bytes())
}

/// `crm-lens demo`.
pub fn demo(folder: &Path) -> Result<(), String> {
    let demo = demo::generate(demo::SEED, DemoSize::default());
    let files = [
        ("transactions.csv", &demo.transactions),
        ("customers.csv", &demo.customers),
        ("feedback.csv", &demo.feedback),
    ];
    fs::create_dir_all(folder)
        .and_then(|()| {
            files
                .iter()
                .try_for_each(|(name, text)| fs::write(folder.join(name), text.as_bytes()))
        })
        .map_err(|error| format!("{}: cannot write the demo: {error}", folder.display()))
}
