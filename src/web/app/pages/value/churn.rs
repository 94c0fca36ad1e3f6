//! Churn risk and loyalty: the classifiers' test scores and ROC curves, the valuable
//! customers at risk, and the loyalty regression.

use crate::value::{ChurnSummary, LoyaltySummary, ValueSummary};
use crate::view::chart::{LineChart, Series};
use crate::view::format::{self, money};
use crate::web::app::charts::Chart;
use crate::web::app::store::Store;
use leptos::prelude::*;

/// At-risk customers listed.
const LISTED: usize = 50;

/// A share as a percentage.
fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// Churn and loyalty, or why they are missing.
#[component]
pub fn Churn(summary: ValueSummary) -> impl IntoView {
    view! {
        {summary.churn.map(|churn| view! { <ChurnModels churn /> })}
        {summary.loyalty.map(|loyalty| view! { <Loyalty loyalty /> })}
    }
}

#[component]
fn ChurnModels(churn: ChurnSummary) -> impl IntoView {
    let currency = expect_context::<Store>().currency();
    let mut curves = churn.models.iter().map(|m| (m.name.clone(), m.roc.clone()));
    let roc = curves.next().map(|(name, points)| {
        let mut others: Vec<Series> = curves
            .map(|(name, points)| Series {
                name,
                points: points.iter().map(|p| (p[0], p[1])).collect(),
                dashed: false,
            })
            .collect();
        others.push(Series {
            name: "chance".into(),
            points: vec![(0.0, 0.0), (1.0, 1.0)],
            dashed: true,
        });
        let chart = LineChart {
            x_label: "false positive rate".into(),
            y_label: "true positive rate".into(),
            points: points.iter().map(|p| (p[0], p[1])).collect(),
            name,
            others,
            ..LineChart::default()
        };
        view! { <Chart testid="roc" title="ROC curves on the test period".to_owned() svg=chart.svg() /> }
    });
    let models = churn
        .models
        .iter()
        .map(|m| {
            view! {
                <tr data-model=m.name.clone()>
                    <th scope="row">{m.name.clone()}</th>
                    <td class="num">{percent(m.accuracy)}</td>
                    <td class="num">{percent(m.precision)}</td>
                    <td class="num">{percent(m.recall)}</td>
                    <td class="num" data-testid="auc">{format!("{:.3}", m.auc)}</td>
                </tr>
            }
        })
        .collect_view();
    let coefficients = churn
        .coefficients
        .iter()
        .map(|(name, c)| format!("{name} {c:+.2}"))
        .collect::<Vec<_>>()
        .join(", ");
    let shown = churn.at_risk.len().min(LISTED);
    let at_risk_title = if shown == churn.at_risk.len() {
        format!("Valuable customers at risk: {shown}, riskiest first")
    } else {
        format!(
            "Valuable customers at risk: the riskiest {shown} of {} (every customer's risk is in the CSV export)",
            format::count(churn.at_risk.len() as u64)
        )
    };
    let at_risk = churn
        .at_risk
        .iter()
        .take(LISTED)
        .map(|c| {
            view! {
                <tr>
                    <td>{c.customer.clone()}</td>
                    <td class="num">{percent(c.risk)}</td>
                    <td class="num">{money(c.clv, &currency)}</td>
                    <td class="num">{c.orders}</td>
                    <td class="num">{money(c.spend, &currency)}</td>
                    <td class="num">{c.days_since}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section data-testid="churn">
            <h2>"Churn risk"</h2>
            <p class="muted">
                {format!(
                    "{} Trained on {} customers, tested on {} of a later period, {} of whom churned.",
                    churn.definition,
                    format::count(churn.train as u64),
                    format::count(churn.test as u64),
                    percent(churn.churn_rate),
                )}
            </p>
            <div class="scroll">
                <table class="grid" data-testid="churn-metrics">
                    <thead>
                        <tr>
                            <th>"Model"</th>
                            <th class="num" title="Share of test customers classified right">"Accuracy"</th>
                            <th class="num" title="Of those predicted to churn, the share who did">"Precision"</th>
                            <th class="num" title="Of those who churned, the share predicted">"Recall"</th>
                            <th class="num" title="Area under the ROC curve: 0.5 is chance, 1 perfect">"AUC"</th>
                        </tr>
                    </thead>
                    <tbody>{models}</tbody>
                </table>
            </div>
            <p class="muted">{format!("Logistic regression weights (standardised features): {coefficients}.")}</p>
            <div class="charts">{roc}</div>
            <h3 data-testid="at-risk-title">{at_risk_title}</h3>
            <div class="scroll short">
                <table class="grid" data-testid="at-risk">
                    <thead>
                        <tr>
                            <th>"Customer"</th>
                            <th class="num">"Churn risk"</th>
                            <th class="num">"Predicted value"</th>
                            <th class="num">"Orders"</th>
                            <th class="num">"Spend"</th>
                            <th class="num">"Days since last order"</th>
                        </tr>
                    </thead>
                    <tbody>{at_risk}</tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn Loyalty(loyalty: LoyaltySummary) -> impl IntoView {
    let coefficients = loyalty
        .coefficients
        .iter()
        .map(|(name, c)| format!("{name} {c:+.3}"))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <section data-testid="loyalty">
            <h2>"Loyalty score"</h2>
            <p>
                {format!(
                    "A linear regression predicting {} from behaviour: {coefficients} (intercept {:.3}). \
                     On {} held-out customers its error (RMSE) is {:.3}, R² {:.3}; trained on {}.",
                    loyalty.target,
                    loyalty.intercept,
                    format::count(loyalty.test as u64),
                    loyalty.test_rmse,
                    loyalty.test_r2,
                    format::count(loyalty.train as u64),
                )}
            </p>
        </section>
    }
}
