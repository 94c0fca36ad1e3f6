//! The value models: the simple formula with its inputs, the BG/NBD and Gamma-Gamma
//! parameters, the frequency x recency matrices, the holdout check and the CLV
//! distribution.

use crate::value::{MatrixSummary, ValueSummary};
use crate::view::chart::{Bars, Heatmap, LineChart, Series};
use crate::view::format::{self, money};
use crate::web::app::charts::Chart;
use crate::web::app::store::Store;
use leptos::prelude::*;

/// A parameter as the table shows it.
fn parameter(value: f64) -> String {
    format!("{value:.4}")
}

/// The models and their charts.
#[component]
pub fn Models(summary: ValueSummary) -> impl IntoView {
    let currency = expect_context::<Store>().currency();
    let unit = summary.unit.label();
    let simple = summary.simple;
    let simple_text = if !simple.clv.is_finite() {
        format!(
            "{:.3} orders per customer per {} x retention {:.1}%; no lifetime value without \
             money: it needs an amount or unit price column.",
            simple.purchase_frequency,
            unit.trim_end_matches('s'),
            simple.retention_rate * 100.0,
        )
    } else {
        format!(
            "Average order value {} x {:.3} orders per customer per {} x retention {:.1}%, \
         discounted at {:.2}% per period over {} periods = {} per customer.",
            money(simple.average_order_value, &currency),
            simple.purchase_frequency,
            unit.trim_end_matches('s'),
            simple.retention_rate * 100.0,
            simple.discount_rate * 100.0,
            simple.periods,
            money(simple.clv, &currency),
        )
    };
    let bgnbd = summary.bgnbd.map(|fit| {
        view! {
            <tr data-testid="bgnbd">
                <th scope="row">"BG/NBD (purchases, dropout)"</th>
                <td>
                    {format!(
                        "r = {}, α = {}, a = {}, b = {}",
                        parameter(fit.r),
                        parameter(fit.alpha),
                        parameter(fit.a),
                        parameter(fit.b)
                    )}
                </td>
                <td class="num">{format!("{:.2}", fit.log_likelihood)}</td>
                <td class="num">{fit.iterations}</td>
            </tr>
        }
    });
    let gamma_gamma = summary.gamma_gamma.map(|fit| {
        view! {
            <tr data-testid="gamma-gamma">
                <th scope="row">
                    {format!("Gamma-Gamma (spend, {} repeat customers)", format::count(fit.customers as u64))}
                </th>
                <td>{format!("p = {}, q = {}, v = {}", parameter(fit.p), parameter(fit.q), parameter(fit.v))}</td>
                <td class="num">"–"</td>
                <td class="num">{fit.iterations}</td>
            </tr>
        }
    });
    let missing = |testid: &'static str, model: &'static str, reason: &Option<String>| {
        reason.clone().map(|reason| {
            view! {
                <tr data-testid=testid>
                    <th scope="row">{model}</th>
                    <td colspan="3">{format!("not available — {reason}")}</td>
                </tr>
            }
        })
    };
    let bgnbd_missing = missing(
        "bgnbd-missing",
        "BG/NBD (purchases, dropout)",
        &summary.bgnbd_missing,
    );
    let gamma_gamma_missing = missing(
        "gamma-gamma-missing",
        "Gamma-Gamma (spend)",
        &summary.gamma_gamma_missing,
    );
    let expected: fn(f64) -> String = |v| format!("{v:.1}");
    let alive: fn(f64) -> String = |v| format!("{:.0}", v * 100.0);
    let matrices = [
        (summary.expected.clone(), "matrix-expected", expected),
        (summary.alive.clone(), "matrix-alive", alive),
    ]
    .into_iter()
    .filter_map(|(matrix, testid, label)| {
        let matrix = matrix?;
        Some(
            view! { <Chart testid title=matrix.title.clone() svg=heatmap(&matrix, label).svg() /> },
        )
    })
    .collect_view();
    let holdout = (!summary.holdout_check.is_empty()).then(|| {
        let rows = &summary.holdout_check;
        let chart = LineChart {
            x_label: "repeat purchases in the calibration period".into(),
            y_label: "mean purchases in the holdout".into(),
            points: rows
                .iter()
                .map(|r| (f64::from(r.frequency), r.actual))
                .collect(),
            name: "actual".into(),
            others: vec![Series {
                name: "predicted by BG/NBD".into(),
                points: rows
                    .iter()
                    .map(|r| (f64::from(r.frequency), r.predicted))
                    .collect(),
                dashed: false,
            }],
            ..LineChart::default()
        };
        view! {
            <Chart
                testid="holdout-check"
                title="Predicted and actual purchases in the holdout period".to_owned()
                svg=chart.svg()
            />
        }
    });
    let histogram = (!summary.clv_histogram.is_empty()).then(|| {
        let bars = Bars {
            bars: summary
                .clv_histogram
                .iter()
                .map(|bin| (format!("{} – {}", money(bin.from, &currency), money(bin.to, &currency)), bin.customers as f64))
                .collect(),
            label: |v| format::count(v as u64),
        };
        view! {
            <Chart
                testid="clv-distribution"
                title=format!("Customers by predicted value over the next {} {unit}", summary.horizon)
                svg=bars.svg()
            />
        }
    });
    view! {
        <section data-testid="value-models">
            <h2>"Lifetime value"</h2>
            <p data-testid="simple-clv">{simple_text}</p>
            <div class="scroll">
                <table class="grid" data-testid="model-params">
                    <thead>
                        <tr>
                            <th>"Model"</th>
                            <th>"Parameters (maximum likelihood)"</th>
                            <th class="num">"Log-likelihood"</th>
                            <th class="num">"Iterations"</th>
                        </tr>
                    </thead>
                    <tbody>{bgnbd}{bgnbd_missing}{gamma_gamma}{gamma_gamma_missing}</tbody>
                </table>
            </div>
            <div class="charts">{matrices}{holdout}{histogram}</div>
        </section>
    }
}

/// A frequency x recency matrix as a heat map.
fn heatmap(matrix: &MatrixSummary, label: fn(f64) -> String) -> Heatmap {
    let names = |values: &[f64]| values.iter().map(|v| format!("{v:.0}")).collect();
    Heatmap {
        row_label: "recency".into(),
        column_label: "frequency".into(),
        rows: names(&matrix.recencies),
        columns: names(&matrix.frequencies),
        values: matrix.values.clone(),
        label,
    }
}
