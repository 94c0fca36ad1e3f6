//! `crm-lens value`: what each customer is worth and who is slipping away. Prints the
//! fitted models, the holdout check, the churn models' scores and the loyalty score's
//! error (or the whole summary as JSON, with the money's currency), and writes every
//! customer's figures as CSV. A model or figure that is not available is said so with its
//! reason, in the text and in the JSON (where such figures are null, never NaN: see
//! `--json`).

use crate::input::{self, Input, ReadArgs};
use crate::output::Sink;
use clap::{Args, ValueEnum};
use crm_lens::analyses::Analysis;
use crm_lens::ingest::currency;
use crm_lens::ingest::reading::CurrencyReport;
use crm_lens::value::params::date;
use crm_lens::value::{Settings, TimeUnit, ValueSummary, Valuing, Weeks};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::PathBuf;

/// The arguments of `crm-lens value`.
#[derive(Args)]
pub struct ValueArgs {
    /// The transaction log.
    file: PathBuf,
    #[command(flatten)]
    read: ReadArgs,
    /// The time unit of frequency, recency, T, the holdout and the horizon. Weeks are
    /// calendar weeks, Monday to Sunday (lifetimes' freq='W'); 7-days are weeks of 7
    /// days from each customer's first purchase, with the purchases counted per day
    /// (lifetimes' freq='D', freq_multiplier=7).
    #[arg(long, value_enum, default_value_t = UnitArg::Weeks)]
    unit: UnitArg,
    /// Periods at the end held out to check the predictions and to label churn.
    #[arg(long, default_value_t = Settings::default().holdout)]
    holdout: u32,
    /// Periods ahead that expected purchases and CLV are predicted for.
    #[arg(long, default_value_t = Settings::default().horizon)]
    horizon: u32,
    /// Yearly discount rate (0.1 = 10%).
    #[arg(long, default_value_t = Settings::default().discount_rate, allow_negative_numbers = true)]
    discount_rate: f64,
    /// L2 penalty on the model parameters (lifetimes' penalizer_coef).
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    penalizer: f64,
    /// The end of the observation (YYYY-MM-DD), as lifetimes' observation_period_end:
    /// purchases after it are left out, and recency, T, the holdout and the churn windows
    /// are measured to it (default: the day of the last purchase).
    #[arg(long, value_name = "DATE", value_parser = input::parse_day)]
    until: Option<i64>,
    /// Share of customers, by spend so far, whose churn risk is listed (valuable
    /// customers at risk).
    #[arg(long, default_value_t = Settings::default().valuable_share)]
    valuable_share: f64,
    /// Write every customer's figures to this CSV file.
    #[arg(long, value_name = "OUT")]
    csv: Option<PathBuf>,
    /// Print the whole summary as one JSON object instead of text. A figure that is
    /// not available is null (never NaN): total_clv (with clv_missing saying why),
    /// simple.average_order_value and simple.clv (no amounts), a cell of the expected
    /// and alive matrices the model could not compute, a holdout row's predicted, a
    /// churn model's auc (one outcome only), loyalty's test_r2 (no spread),
    /// and an at-risk customer's clv and spend; bgnbd and gamma_gamma are null when not
    /// available, with bgnbd_missing and gamma_gamma_missing saying why.
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum UnitArg {
    /// Calendar days.
    Days,
    /// Calendar weeks, Monday to Sunday: the purchases of a week are one purchase.
    Weeks,
    /// Weeks of 7 days from each customer's first purchase: the purchases of a day are
    /// one purchase, recency and T are days / 7.
    #[value(name = "7-days")]
    SevenDays,
    /// Calendar months.
    Months,
}

impl ValueArgs {
    /// The core's settings.
    fn settings(&self) -> Settings {
        Settings {
            unit: match self.unit {
                UnitArg::Days => TimeUnit::Days,
                UnitArg::Weeks | UnitArg::SevenDays => TimeUnit::Weeks,
                UnitArg::Months => TimeUnit::Months,
            },
            weeks: match self.unit {
                UnitArg::SevenDays => Weeks::SevenDays,
                _ => Weeks::Calendar,
            },
            holdout: self.holdout,
            horizon: self.horizon,
            discount_rate: self.discount_rate,
            penalizer: self.penalizer,
            valuable_share: self.valuable_share,
            until: self.until,
        }
    }
}

/// Runs `crm-lens value`: prints the result; the error names the file.
pub fn run(args: &ValueArgs) -> Result<(), String> {
    let input = Input::load(&args.file, &args.read, &[])?;
    let orders = input.orders();
    let value = input.run::<Valuing>(&orders, &args.settings())?;
    if let Some(out) = &args.csv {
        let rows = Valuing::customer_rows(&value, &orders).unwrap_or_default();
        Sink::File(out).write(rows.as_bytes())?;
    }
    let summary = value.summary();
    if args.json {
        Sink::Stdout.json(&JsonOutput {
            summary: &summary,
            currency: currency::of_dataset(&input.dataset),
        })
    } else {
        Sink::Stdout.text(&report(&summary))
    }
}

/// The JSON output: the summary and the currency of its money.
#[derive(Serialize)]
struct JsonOutput<'a> {
    #[serde(flatten)]
    summary: &'a ValueSummary,
    currency: CurrencyReport,
}

/// Why a figure is missing, as the summary says.
fn missing(reason: &Option<String>) -> &str {
    reason.as_deref().unwrap_or("see the notes")
}

/// The summary in words and small tables.
fn report(s: &ValueSummary) -> String {
    let unit = s.unit.label();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} customers, {} of them repeat customers; periods in {}; observed up to {}",
        s.customers,
        s.repeat_customers,
        s.periods,
        date(s.observation_end)
    );
    let c = &s.simple;
    if c.clv.is_finite() {
        let _ = writeln!(
            out,
            "simple CLV: {:.2} = average order {:.2} x {:.4} orders per {} x retention {:.3}, \
             over {} {unit} at {:.4} per period",
            c.clv,
            c.average_order_value,
            c.purchase_frequency,
            unit.trim_end_matches('s'),
            c.retention_rate,
            c.periods,
            c.discount_rate
        );
    } else {
        let _ = writeln!(
            out,
            "simple CLV: none without amounts ({:.4} orders per {}, retention {:.3})",
            c.purchase_frequency,
            unit.trim_end_matches('s'),
            c.retention_rate
        );
    }
    match &s.bgnbd {
        Some(f) => {
            let _ = writeln!(
                out,
                "BG/NBD: r = {:.6}, alpha = {:.6}, a = {:.6}, b = {:.6} (log-likelihood {:.3}, {} \
                 iterations)",
                f.r, f.alpha, f.a, f.b, f.log_likelihood, f.iterations
            );
        }
        None => {
            let _ = writeln!(out, "BG/NBD: not available — {}", missing(&s.bgnbd_missing));
        }
    }
    match &s.gamma_gamma {
        Some(f) => {
            let _ = writeln!(
                out,
                "Gamma-Gamma: p = {:.6}, q = {:.6}, v = {:.6} ({} repeat customers)",
                f.p, f.q, f.v, f.customers
            );
        }
        None => {
            let _ = writeln!(
                out,
                "Gamma-Gamma: not available — {}",
                missing(&s.gamma_gamma_missing)
            );
        }
    }
    match s.total_clv {
        Some(total) => {
            let _ = writeln!(
                out,
                "predicted CLV over {} {unit}: {total:.2} in total",
                s.horizon
            );
        }
        None => {
            let _ = writeln!(
                out,
                "predicted CLV over {} {unit}: not available — {}",
                s.horizon,
                missing(&s.clv_missing)
            );
        }
    }
    if !s.holdout_check.is_empty() {
        out.push_str("holdout check (by repeat purchases before the holdout):\n");
        out.push_str("  frequency  customers  predicted     actual\n");
        for r in &s.holdout_check {
            let _ = writeln!(
                out,
                "  {:>9}  {:>9}  {:>9.3}  {:>9.3}",
                r.frequency, r.customers, r.predicted, r.actual
            );
        }
    }
    if let Some(churn) = &s.churn {
        let _ = writeln!(
            out,
            "churn ({} customers trained, {} tested, {:.1}% churned):",
            churn.train,
            churn.test,
            churn.churn_rate * 100.0
        );
        for m in &churn.models {
            let _ = writeln!(
                out,
                "  {:<20} accuracy {:.3}  precision {:.3}  recall {:.3}  AUC {:.3}",
                m.name, m.accuracy, m.precision, m.recall, m.auc
            );
        }
        let _ = writeln!(out, "  {} valuable customers at risk", churn.at_risk.len());
    }
    if let Some(l) = &s.loyalty {
        let _ = writeln!(
            out,
            "loyalty score ({}): test RMSE {:.3}, R² {:.3} ({} customers trained, {} tested)",
            l.target, l.test_rmse, l.test_r2, l.train, l.test
        );
    }
    for note in &s.notes {
        let _ = writeln!(out, "note: {note}");
    }
    out.trim_end().to_owned()
}
