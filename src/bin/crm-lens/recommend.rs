//! `crm-lens recommend`: every customer's recommendations from a transaction log. Prints
//! the offline evaluation (each customer's last order held out) as a table, and with
//! `--customer` one customer's history and recommendations with reasons; `--csv` writes
//! every customer's recommendations to a file.

use crate::input::{self, ReadArgs};
use clap::Args;
use crm_lens::control::Unattended;
use crm_lens::ingest::TableKind;
use crm_lens::orders::Orders;
use crm_lens::recommend::{Settings, Weights, recommend};
use std::path::PathBuf;
use std::process::ExitCode;

/// The arguments of `crm-lens recommend`.
#[derive(Args)]
pub struct RecommendArgs {
    /// The transaction log.
    file: PathBuf,
    #[command(flatten)]
    read: ReadArgs,
    /// Items per customer (and the k of the evaluation's measures).
    #[arg(long, default_value_t = 10)]
    top: usize,
    /// Similar items kept per item.
    #[arg(long, default_value_t = 50)]
    item_neighbours: usize,
    /// Similar customers used per customer.
    #[arg(long, default_value_t = 30)]
    user_neighbours: usize,
    /// Weigh the similarities by inverse frequency (IDF).
    #[arg(long)]
    idf: bool,
    /// Allow items the customer already bought (consumables).
    #[arg(long)]
    allow_repeats: bool,
    /// The blend's weights: similar items, similar customers, segment favourites, bought
    /// together.
    #[arg(
        long,
        value_delimiter = ',',
        num_args = 4,
        value_name = "ITEM,USER,SEGMENT,RULES",
        allow_negative_numbers = true
    )]
    weights: Option<Vec<f64>>,
    /// Print this customer's history and recommendations (an id, or part of one).
    #[arg(long, value_name = "ID")]
    customer: Option<String>,
    /// Write every customer's recommendations to this CSV file.
    #[arg(long, value_name = "OUT")]
    csv: Option<PathBuf>,
}

/// Runs `crm-lens recommend`: prints the result, or the error on stderr (exit code 1).
pub fn run(args: &RecommendArgs) -> ExitCode {
    match run_file(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("crm-lens: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run_file(args: &RecommendArgs) -> Result<(), String> {
    let name = args.file.display();
    let log = input::load(&args.file, TableKind::Transactions, &args.read)?.dataset;
    let orders = Orders::from_dataset(&log);
    let weights = match args.weights.as_deref() {
        Some(&[item, user, segment, rules]) => Weights {
            item,
            user,
            segment,
            rules,
        },
        _ => Weights::default(),
    };
    let settings = Settings {
        top_n: args.top,
        item_neighbours: args.item_neighbours,
        user_neighbours: args.user_neighbours,
        idf: args.idf,
        allow_repeats: args.allow_repeats,
        weights,
    };
    let found = pollster::block_on(recommend(&orders, None, &settings, &mut Unattended))
        .map_err(|e| format!("{name}: {e}"))?;
    let summary = found.summary();
    println!(
        "{} customers, {} items, {} purchases; {} cold start; segments: {}",
        summary.customers,
        summary.items,
        summary.purchases,
        summary.cold_start,
        summary.segments_from
    );
    for note in &summary.notes {
        println!("note: {note}");
    }
    if let Some(e) = &summary.evaluation {
        println!(
            "\nEvaluation: last order held out, {} customers evaluated, {} skipped, k = {}",
            e.customers, e.skipped, e.k
        );
        println!(
            "{:<26} {:>9} {:>9} {:>9} {:>9} {:>9}",
            "method", "precision", "recall", "hit rate", "NDCG", "coverage"
        );
        for s in &e.scores {
            println!(
                "{:<26} {:>9.4} {:>9.4} {:>9.4} {:>9.4} {:>9.4}",
                s.method.label(),
                s.precision,
                s.recall,
                s.hit_rate,
                s.ndcg,
                s.coverage
            );
        }
    }
    if let Some(query) = &args.customer {
        let lookup = found.lookup(&orders, query);
        match lookup.view {
            Some(view) => {
                println!(
                    "\nCustomer {} ({}): {} orders, {} lines{}",
                    view.id,
                    view.segment.as_deref().unwrap_or("no segment"),
                    view.orders,
                    view.history_lines,
                    if view.cold_start {
                        "; nothing personal to go on yet"
                    } else {
                        ""
                    }
                );
                for (rank, item) in view.items.iter().enumerate() {
                    let reasons: Vec<String> = item.reasons.iter().map(|r| r.text()).collect();
                    println!(
                        "{:>3}. {} ({:.3}): {}",
                        rank + 1,
                        item.item,
                        item.score,
                        reasons.join("; ")
                    );
                }
            }
            None if lookup.matches.is_empty() => {
                return Err(format!("{name}: no customer id contains {query:?}"));
            }
            None => println!(
                "\nCustomers matching {query:?}: {}",
                lookup.matches.join(", ")
            ),
        }
    }
    if let Some(out) = &args.csv {
        std::fs::write(out, found.csv(&orders))
            .map_err(|e| format!("{}: cannot write: {e}", out.display()))?;
    }
    Ok(())
}
