//! `crm-lens recommend`: every customer's recommendations from a transaction log. Prints
//! the offline evaluation (each customer's last order held out) as a table, and with
//! `--customer` one customer's history and recommendations with reasons; `--csv` writes
//! every customer's recommendations to a file.

use crate::input::{Input, ReadArgs};
use crate::output::Sink;
use clap::Args;
use crm_lens::analyses::Analysis;
use crm_lens::recommend::{CustomerLookup, RecommendSummary, Recommending, Settings, Weights};
use std::fmt::Write as _;
use std::path::PathBuf;

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
    /// The blend's weights, four numbers of 0 or more separated by commas: similar items,
    /// similar customers, segment favourites, bought together (`--weights 1,0,0,0` for
    /// similar items only; default 1,1,1,1).
    #[arg(
        long,
        value_name = "ITEM,USER,SEGMENT,RULES",
        value_parser = parse_weights,
        allow_hyphen_values = true
    )]
    weights: Option<Weights>,
    /// Print this customer's history and recommendations (an id, or part of one).
    #[arg(long, value_name = "ID")]
    customer: Option<String>,
    /// Write every customer's recommendations to this CSV file.
    #[arg(long, value_name = "OUT")]
    csv: Option<PathBuf>,
}

/// `ITEM,USER,SEGMENT,RULES`: four numbers. Whether they are usable weights (not
/// negative, not all 0) is the core's check.
fn parse_weights(text: &str) -> Result<Weights, String> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let numbers = parts
        .iter()
        .map(|part| {
            part.parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .ok_or_else(|| format!("{part:?} is not a number"))
        })
        .collect::<Result<Vec<f64>, String>>()
        .map_err(|error| format!("{error}: {WEIGHTS_FORM}"))?;
    match numbers[..] {
        [item, user, segment, rules] => Ok(Weights {
            item,
            user,
            segment,
            rules,
        }),
        _ => Err(format!(
            "{} weights were given, 4 are needed: {WEIGHTS_FORM}",
            numbers.len()
        )),
    }
}

/// How the weights are written, for the messages.
const WEIGHTS_FORM: &str = "give four numbers separated by commas, for similar items, \
                            similar customers, segment favourites and bought together \
                            (such as 1,0.5,0.5,0)";

impl RecommendArgs {
    /// The core's settings.
    fn settings(&self) -> Settings {
        let weights = self.weights.unwrap_or_default();
        Settings {
            top_n: self.top,
            item_neighbours: self.item_neighbours,
            user_neighbours: self.user_neighbours,
            idf: self.idf,
            allow_repeats: self.allow_repeats,
            weights,
        }
    }
}

/// Runs `crm-lens recommend`: prints the result; the error names the file.
pub fn run(args: &RecommendArgs) -> Result<(), String> {
    let input = Input::load(&args.file, &args.read, &[])?;
    let orders = input.orders();
    let found = input.run::<Recommending>(&orders, &args.settings())?;
    let mut text = report(&found.summary());
    if let Some(query) = &args.customer {
        let lookup = found.lookup(&orders, query);
        if lookup.view.is_none() && lookup.matches.is_empty() {
            return Err(input.error(format!("no customer id contains {query:?}")));
        }
        text.push_str(&customer(&lookup, query));
    }
    if let Some(out) = &args.csv {
        let rows = Recommending::customer_rows(&found, &orders).unwrap_or_default();
        Sink::File(out).write(rows.as_bytes())?;
    }
    Sink::Stdout.text(&text)
}

/// The counts, the notes and the evaluation table.
fn report(summary: &RecommendSummary) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} customers, {} items, {} purchases; {} cold start; segments: {}",
        summary.customers,
        summary.items,
        summary.purchases,
        summary.cold_start,
        summary.segments_from
    );
    for note in &summary.notes {
        let _ = writeln!(out, "note: {note}");
    }
    if let Some(e) = &summary.evaluation {
        let _ = writeln!(
            out,
            "\nEvaluation: last order held out, {} customers evaluated, {} skipped, k = {}",
            e.customers, e.skipped, e.k
        );
        let _ = writeln!(
            out,
            "{:<26} {:>9} {:>9} {:>9} {:>9} {:>9}",
            "method", "precision", "recall", "hit rate", "NDCG", "coverage"
        );
        for s in &e.scores {
            let _ = writeln!(
                out,
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
    out
}

/// One customer's history and recommendations, or the ids matching the query.
fn customer(lookup: &CustomerLookup, query: &str) -> String {
    let mut out = String::new();
    match &lookup.view {
        Some(view) => {
            let _ = writeln!(
                out,
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
                let _ = writeln!(
                    out,
                    "{:>3}. {} ({:.3}): {}",
                    rank + 1,
                    item.item,
                    item.score,
                    reasons.join("; ")
                );
            }
        }
        None => {
            let _ = writeln!(
                out,
                "\nCustomers matching {query:?}: {}",
                lookup.matches.join(", ")
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_four_numbers_separated_by_commas() {
        let w = parse_weights("1,0,0.5, 2").expect("four numbers");
        assert_eq!((w.item, w.user, w.segment, w.rules), (1.0, 0.0, 0.5, 2.0));
        let error = parse_weights("1,0,0").expect_err("three");
        assert!(error.starts_with("3 weights were given, 4 are needed: give four numbers"));
        let error = parse_weights("1,0,x,0").expect_err("not a number");
        assert!(error.starts_with("\"x\" is not a number: give four numbers"));
        assert!(parse_weights("1,0,inf,0").is_err());
        assert!(parse_weights("").is_err());
    }
}
