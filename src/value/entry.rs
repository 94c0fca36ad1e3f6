//! The value analysis's entry in the analysis registry ([`crate::analyses`]).

use super::{Settings, ValueAnalysis, ValueError, ValueSummary, analyse};
use crate::analyses::{Analysis, Headline, Input, Needs, Words};
use crate::control::{Control, Interrupted};
use crate::orders::Orders;
use crate::view::format::count;

/// Value, churn and loyalty models, as the registry runs them.
#[derive(Debug)]
pub struct Valuing;

impl Analysis for Valuing {
    type Settings = Settings;
    type Output = ValueAnalysis;
    type Summary = ValueSummary;
    type Error = ValueError;

    const WORDS: Words = Words {
        title: "Value",
        doing: "Fitting the value models",
        button: "Fit models",
        export: Some(("customer-value.csv", "value figures")),
    };

    /// The models read the transaction log alone.
    fn needs(_: &Settings) -> Needs {
        Needs::default()
    }

    async fn run<C: Control>(
        input: &Input<'_>,
        settings: &Settings,
        control: &mut C,
    ) -> Result<ValueAnalysis, ValueError> {
        analyse(input.orders, settings, control).await
    }

    fn interrupted(error: &ValueError) -> Option<Interrupted> {
        match error {
            ValueError::Interrupted(reason) => Some(*reason),
            _ => None,
        }
    }

    fn summarise(output: &ValueAnalysis, _: &Settings) -> ValueSummary {
        output.summary()
    }

    fn customer_rows(output: &ValueAnalysis, orders: &Orders) -> Option<String> {
        Some(output.csv(orders))
    }

    /// "Predicted lifetime value over 52 weeks: 123,456 in all; 87 valuable customers
    /// at risk."
    fn headline(summary: &ValueSummary) -> Headline {
        let unit = summary.unit.label();
        let zh_unit = match unit {
            "days" => "天",
            "weeks" => "周",
            "months" => "个月",
            other => other,
        };
        let horizon = summary.horizon;
        let at_risk = summary
            .churn
            .as_ref()
            .map(|churn| count(churn.at_risk.len() as u64));
        let (en_risk, zh_risk) = match &at_risk {
            Some(n) => (
                format!("; {n} valuable customers at risk"),
                format!("；{n} 位高价值客户有流失风险"),
            ),
            None => (String::new(), String::new()),
        };
        match summary.total_clv {
            Some(total) if total.is_finite() && total >= 0.0 => {
                let total = count(total.round() as u64);
                Headline {
                    en: format!(
                        "Predicted lifetime value over {horizon} {unit}: {total} in all{en_risk}."
                    ),
                    zh: format!(
                        "未来 {horizon} {zh_unit}的预测客户终身价值合计 {total}{zh_risk}。"
                    ),
                }
            }
            _ => Headline {
                en: format!(
                    "{} customers, {} of them repeat customers{en_risk}.",
                    count(summary.customers as u64),
                    count(summary.repeat_customers as u64)
                ),
                zh: format!(
                    "{} 位客户，其中 {} 位回头客{zh_risk}。",
                    count(summary.customers as u64),
                    count(summary.repeat_customers as u64)
                ),
            },
        }
    }
}
