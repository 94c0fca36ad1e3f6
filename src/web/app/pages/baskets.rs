//! The Baskets page: what sells together. Settings, the strongest rules in words, a
//! searchable and sortable table of them, a network of the strongest, and a CSV export.
//! The rules are found in the worker; searching and sorting the few thousand received
//! happens here, at once.

mod settings;

use super::outcome::outcome;
use crate::baskets::FindingRules;
use crate::baskets::RulesFound;
use crate::baskets::notes::Setting;
use crate::baskets::words::Language;
use crate::baskets::{Partial, Per, Rule, Warning};
use crate::export::{Cell, CsvFile};
use crate::view::chart::{Link, Network};
use crate::view::format;
use crate::web::app::charts::Chart;
use crate::web::app::store::Store;
use leptos::prelude::*;
use std::sync::Arc;

/// Rules listed in the table at most (all are searched and exported).
const LISTED: usize = 200;
/// Rules drawn in the network at most.
const DRAWN: usize = 25;

/// Baskets.
#[component]
pub fn BasketsPage() -> impl IntoView {
    let store = expect_context::<Store>();
    store.auto_run::<FindingRules>();
    view! {
        <section class="page" data-testid="page-baskets">
            <h1>"Baskets"</h1>
            <p class="lead">
                "What sells together: association rules found in your orders (FP-growth, the \
                 same rules as Apriori and mlxtend), each said in words, with support, \
                 confidence, lift, leverage and conviction."
            </p>
            <settings::SettingsForm />
            {outcome(
                store.slot::<FindingRules>().error,
                "rules-error",
                store.slot::<FindingRules>().result,
                "Finding rules…",
                |found| view! { <Results found=Arc::new(found) /> }.into_any(),
            )}
        </section>
    }
}

/// A column the table can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sort {
    Support,
    Confidence,
    Lift,
    Leverage,
    Conviction,
}

impl Sort {
    fn value(self, rule: &Rule) -> f64 {
        match self {
            Sort::Support => rule.support,
            Sort::Confidence => rule.confidence,
            Sort::Lift => rule.lift,
            Sort::Leverage => rule.leverage,
            Sort::Conviction => rule.conviction,
        }
    }
}

/// The items of one side of a rule, joined.
fn side(items: &[u32], names: &[String]) -> String {
    items
        .iter()
        .map(|&i| names.get(i as usize).map_or("?", String::as_str))
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Whether `rule` mentions an item containing `query` (lower case), on either side.
fn mentions(rule: &Rule, names: &[String], query: &str) -> bool {
    query.is_empty()
        || rule.antecedent.iter().chain(&rule.consequent).any(|&i| {
            names
                .get(i as usize)
                .is_some_and(|n| n.to_lowercase().contains(query))
        })
}

/// A metric as the table shows it.
fn metric(value: f64) -> String {
    if value.is_infinite() {
        "∞".to_owned()
    } else {
        format!("{value:.3}")
    }
}

/// The network of the strongest rules among `rules`: a node per item set on either side.
fn network(rules: &[&Rule], names: &[String]) -> Network {
    let mut network = Network::default();
    let node =
        |label: String, network: &mut Network| match network.nodes.iter().position(|n| *n == label)
        {
            Some(i) => i,
            None => {
                network.nodes.push(label);
                network.nodes.len() - 1
            }
        };
    for rule in rules.iter().take(DRAWN) {
        let from = node(side(&rule.antecedent, names), &mut network);
        let to = node(side(&rule.consequent, names), &mut network);
        network.links.push(Link {
            from,
            to,
            weight: rule.lift,
            title: format!(
                "{} → {}: lift {:.2}, confidence {:.0}%",
                side(&rule.antecedent, names),
                side(&rule.consequent, names),
                rule.lift,
                rule.confidence * 100.0
            ),
        });
    }
    network
}

/// The rules as a CSV file.
fn rules_csv(found: &RulesFound) -> String {
    let names = &found.analysis.names;
    let mut file = CsvFile::new(&[
        "antecedents",
        "consequents",
        "antecedent support",
        "consequent support",
        "support",
        "confidence",
        "lift",
        "leverage",
        "conviction",
        "in words",
    ]);
    for (index, rule) in found.analysis.rules.iter().enumerate() {
        let words = found.analysis.headline(index, Language::English);
        file.row(&[
            Cell::Text(&side(&rule.antecedent, names)),
            Cell::Text(&side(&rule.consequent, names)),
            Cell::Number(rule.antecedent_support),
            Cell::Number(rule.consequent_support),
            Cell::Number(rule.support),
            Cell::Number(rule.confidence),
            Cell::Number(rule.lift),
            Cell::Number(rule.leverage),
            if rule.conviction.is_infinite() {
                Cell::Text("inf")
            } else {
                Cell::Number(rule.conviction)
            },
            Cell::Text(&words),
        ]);
    }
    file.finish()
}

/// What the analysis found, and the explorer.
#[component]
fn Results(found: Arc<RulesFound>) -> impl IntoView {
    let store = expect_context::<Store>();
    let query = RwSignal::new(String::new());
    let sort = RwSignal::new(Sort::Lift);
    let analysis = &found.analysis;
    let per = match analysis.per {
        Per::Order => "orders",
        Per::Customer => "customers",
    };
    let whose = found
        .segment
        .as_ref()
        .map_or_else(String::new, |name| format!(" of segment \"{name}\""));
    let headline = format!(
        "{} baskets ({per}{whose}) of {} items; {} frequent itemsets (in at least {} baskets); \
         {} rules met the thresholds{}.",
        format::count(u64::from(analysis.estimate.baskets)),
        format::count(u64::from(analysis.estimate.items)),
        format::count(analysis.itemsets),
        format::count(u64::from(analysis.min_count)),
        format::count(analysis.matched),
        if (analysis.rules.len() as u64) < analysis.matched {
            format!(
                ", the strongest {} kept",
                format::count(analysis.rules.len() as u64)
            )
        } else {
            String::new()
        }
    );
    let mut warnings = Vec::new();
    if let Some(partial) = analysis.partial {
        warnings.push(match partial {
            Partial::MostFrequentItems { items, limit } => format!(
                "The search stopped at its limit of {} itemsets: the rules cover the {} most \
                 frequent items only. Raise the minimum support to see all.",
                format::count(limit),
                format::count(u64::from(items))
            ),
            Partial::UpToLength { length, limit } => format!(
                "The search stopped at its limit of {} itemsets: rules of up to {length} items \
                 only. Raise the minimum support to see all.",
                format::count(limit)
            ),
        });
    }
    // Rules the settings left out, counted, each naming the field that keeps them.
    warnings.extend(analysis.notes.iter().map(|note| {
        let text = note.text(|setting| format!("\"{}\"", field(setting)));
        let mut chars = text.chars();
        let first: String = chars
            .next()
            .into_iter()
            .flat_map(char::to_uppercase)
            .collect();
        format!("{first}{}.", chars.as_str())
    }));
    if let Some(warning) = analysis.estimate.warning {
        let (Warning::OverLimit {
            suggested_min_support,
            ..
        }
        | Warning::Slow {
            suggested_min_support,
            ..
        }) = warning;
        warnings.push(format!(
            "The minimum support is low for these baskets: about {:.2}% would find the \
             strongest rules much faster.",
            suggested_min_support * 100.0
        ));
    }

    let shown = {
        let found = Arc::clone(&found);
        move || {
            let q = query.get().trim().to_lowercase();
            let by = sort.get();
            let names = &found.analysis.names;
            let mut rules: Vec<(usize, &Rule)> = found
                .analysis
                .rules
                .iter()
                .enumerate()
                .filter(|(_, rule)| mentions(rule, names, &q))
                .collect();
            rules.sort_by(|a, b| by.value(b.1).total_cmp(&by.value(a.1)).then(a.0.cmp(&b.0)));
            rules.into_iter().map(|(i, _)| i).collect::<Vec<usize>>()
        }
    };
    let shown = Memo::new(move |_| shown());
    let table_rows = {
        let found = Arc::clone(&found);
        move || {
            let names = &found.analysis.names;
            shown
                .get()
                .into_iter()
                .take(LISTED)
                .map(|i| {
                    let rule = &found.analysis.rules[i];
                    view! {
                        <tr data-rule=i>
                            <td>{found.analysis.headline(i, Language::English)}</td>
                            <td data-testid="antecedent">{side(&rule.antecedent, names)}</td>
                            <td data-testid="consequent">{side(&rule.consequent, names)}</td>
                            <td class="num">{metric(rule.support)}</td>
                            <td class="num">{metric(rule.confidence)}</td>
                            <td class="num" data-testid="lift">{metric(rule.lift)}</td>
                            <td class="num">{metric(rule.leverage)}</td>
                            <td class="num">{metric(rule.conviction)}</td>
                        </tr>
                    }
                })
                .collect_view()
        }
    };
    let picture = {
        let found = Arc::clone(&found);
        move || {
            let rules: Vec<&Rule> = shown
                .get()
                .into_iter()
                .map(|i| &found.analysis.rules[i])
                .collect();
            let chart = network(&rules, &found.analysis.names);
            let title = format!(
                "The strongest {} rules shown, as arrows (width: lift)",
                rules.len().min(DRAWN)
            );
            view! { <Chart testid="rule-network" title svg=chart.svg() /> }
        }
    };
    let count = move || {
        let n = shown.get().len();
        if n > LISTED {
            format!(
                "{} rules match; the first {LISTED} are listed.",
                format::count(n as u64)
            )
        } else {
            format!("{} rules match.", format::count(n as u64))
        }
    };
    let header = move |label: &'static str, by: Sort| {
        view! {
            <th class="num sortable" class:sorted=move || sort.get() == by>
                <button type="button" class="link" on:click=move |_| sort.set(by)>
                    {label}
                </button>
            </th>
        }
    };
    let export = {
        let found = Arc::clone(&found);
        move |_| store.save_csv("association-rules.csv", &rules_csv(&found))
    };
    view! {
        <article class="card" data-testid="rules">
            <div class="extra-head">
                <p class="headline" data-testid="rules-headline">{headline}</p>
                <button type="button" data-testid="export-rules" on:click=export>
                    "Export rules (CSV)"
                </button>
            </div>
            {(!warnings.is_empty())
                .then(|| {
                    view! {
                        <ul class="notes" data-testid="rules-warnings">
                            {warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
                        </ul>
                    }
                })}
            <label class="search">
                "Find an item "
                <input
                    type="search"
                    data-testid="rule-search"
                    placeholder="such as coffee"
                    on:input=move |e| query.set(event_target_value(&e))
                />
            </label>
            <p class="muted" data-testid="rule-count">{count}</p>
            <div class="charts">{picture}</div>
            <div class="scroll">
                <table class="grid" data-testid="rule-table">
                    <thead>
                        <tr>
                            <th>"In words"</th>
                            <th>"If bought"</th>
                            <th>"Then also"</th>
                            {header("Support", Sort::Support)}
                            {header("Confidence", Sort::Confidence)}
                            {header("Lift", Sort::Lift)}
                            {header("Leverage", Sort::Leverage)}
                            {header("Conviction", Sort::Conviction)}
                        </tr>
                    </thead>
                    <tbody>{table_rows}</tbody>
                </table>
            </div>
        </article>
    }
}

/// The settings field a rule note points to, as the form labels it.
fn field(setting: Setting) -> &'static str {
    match setting {
        Setting::MinConfidence => "Minimum confidence (%)",
        Setting::MinLift => "Minimum lift",
        Setting::ItemFilters => "If bought includes / Then also includes",
        Setting::MaxRules => "Keep the strongest … rules",
        Setting::MaxLen => "Longest itemset",
    }
}
