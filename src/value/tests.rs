//! The whole analysis on small logs and on the demo.

use super::*;
use crate::control::Unattended;

fn orders(csv: &str) -> Orders {
    Orders::from_csv(csv)
}

fn days(holdout: u32) -> Settings {
    Settings {
        unit: TimeUnit::Days,
        holdout,
        horizon: 30,
        ..Settings::default()
    }
}

fn run(csv: &str, settings: &Settings) -> Result<ValueAnalysis, ValueError> {
    pollster::block_on(analyse(&orders(csv), settings, &mut Unattended))
}

fn notes(csv: &str, settings: &Settings) -> String {
    run(csv, settings).expect("runs").summary.notes.join("\n")
}

#[test]
fn no_purchases_is_an_error() {
    let e = run(
        "customer,date,amount,quantity\na,2024-01-02,-5,-1\n",
        &days(2),
    )
    .expect_err("refused");
    assert!(matches!(e, ValueError::NoPurchases), "{e}");
    assert!(e.to_string().contains("no purchases"));
}

#[test]
fn no_repeat_customers_says_what_is_missing() {
    let n = notes(
        "customer,date,amount\na,2024-01-02,5\nb,2024-01-05,6\nc,2024-01-09,7\n",
        &days(2),
    );
    assert!(
        n.contains("No customer bought twice (in different days): BG/NBD needs repeat customers"),
        "{n}"
    );
}

#[test]
fn one_customer_says_so() {
    let v = run(
        "customer,date,amount\na,2024-01-02,5\na,2024-01-05,6\na,2024-01-09,7\n",
        &days(2),
    )
    .expect("runs");
    let s = v.summary();
    assert_eq!(s.customers, 1);
    assert!(
        s.notes.iter().any(|n| n.contains("only one customer")),
        "{:?}",
        s.notes
    );
    assert!(s.bgnbd.is_none() && s.churn.is_none());
}

#[test]
fn all_purchases_on_one_day_says_so() {
    let n = notes(
        "customer,date,amount\na,2024-01-02,5\nb,2024-01-02,6\nc,2024-01-02,7\n",
        &days(1),
    );
    assert!(n.contains("All purchases are on one day"), "{n}");
    let weeks = notes(
        "customer,date,amount\na,2024-01-02,5\na,2024-01-03,6\nb,2024-01-04,7\n",
        &Settings::default(),
    );
    assert!(weeks.contains("All purchases fall in one week"), "{weeks}");
}

#[test]
fn zero_amounts_leave_gamma_gamma_out_with_a_reason() {
    let n = notes(
        "customer,date,amount\na,2024-01-02,0\na,2024-01-05,0\nb,2024-01-03,0\nb,2024-01-09,0\n\
         c,2024-01-04,0\nc,2024-01-06,0\nd,2024-01-08,0\n",
        &days(2),
    );
    assert!(n.contains("Gamma-Gamma needs positive amounts"), "{n}");
    assert!(
        n.contains("worth zero or less are left out of Gamma-Gamma"),
        "{n}"
    );
}

#[test]
fn bad_settings_are_refused() {
    let e = run(
        "customer,date,amount\na,2024-01-02,5\n",
        &Settings {
            holdout: 0,
            ..days(1)
        },
    )
    .expect_err("refused");
    assert_eq!(e.to_string(), "the holdout must be at least 1 day");
}

/// Records every checkpoint; interrupts at the `stop`-th.
struct Recording {
    seen: Vec<crate::control::Progress>,
    stop: usize,
}

impl crate::control::Control for Recording {
    async fn checkpoint(
        &mut self,
        p: crate::control::Progress,
    ) -> Result<(), crate::control::Interrupted> {
        self.seen.push(p);
        if self.seen.len() == self.stop {
            Err(crate::control::Interrupted::Cancelled)
        } else {
            Ok(())
        }
    }
}

fn demo_orders(
    customers: usize,
    change: impl FnOnce(String) -> String,
) -> (crate::demo::Demo, Orders) {
    let size = crate::demo::DemoSize {
        customers,
        ..crate::demo::DemoSize::default()
    };
    let demo = crate::demo::generate(crate::demo::SEED, size);
    let text = change(demo.transactions.clone());
    let o = Orders::from_csv(&text);
    (demo, o)
}

#[test]
fn the_demo_runs_end_to_end_and_finds_the_lapsed() {
    use crate::control::Stage;
    use crate::demo::Persona;
    let (demo, o) = demo_orders(crate::demo::DemoSize::default().customers, |t| t);
    let mut control = Recording {
        seen: Vec::new(),
        stop: usize::MAX,
    };
    let v = pollster::block_on(analyse(&o, &Settings::default(), &mut control)).expect("runs");
    let s = v.summary();
    let fit = s.bgnbd.expect("BG/NBD fitted");
    assert!(fit.r > 0.0 && fit.a > 0.0, "{fit:?}");
    assert!(s.gamma_gamma.is_some(), "{:?}", s.notes);
    assert!(
        s.expected.is_some() && s.alive.is_some(),
        "{:?} {fit:?}",
        s.notes
    );
    assert!(!s.holdout_check.is_empty());
    assert!(s.total_clv.is_some_and(|t| t > 0.0) && s.clv_missing.is_none());
    let churn = s.churn.expect("churn models");
    for m in &churn.models {
        assert!(m.auc > 0.7, "{m:?}");
    }
    assert!(!churn.at_risk.is_empty());
    let loyalty = s.loyalty.expect("loyalty");
    assert!(loyalty.test_r2 > 0.0, "{loyalty:?}");
    let csv = v.csv(&o);
    assert_eq!(csv.lines().count(), s.customers + 1);

    // The churn risk finds the planted personas: the lapsed (who stopped buying in the
    // first year) are far riskier than the loyal big spenders, and the risk tells them
    // from everyone else.
    let persona: std::collections::HashMap<&str, Persona> = demo
        .truth
        .personas
        .iter()
        .map(|(id, p)| (id.as_str(), *p))
        .collect();
    let mut risks: Vec<(Persona, f64)> = Vec::new();
    for c in &v.customers {
        let id = o.customer_names[c.customer as usize].as_str();
        if let Some(p) = persona.get(id) {
            assert!(c.churn_risk.is_finite(), "{id}");
            risks.push((*p, c.churn_risk));
        }
    }
    let mean = |who: Persona| {
        let r: Vec<f64> = risks
            .iter()
            .filter(|(p, _)| *p == who)
            .map(|(_, r)| *r)
            .collect();
        r.iter().sum::<f64>() / r.len() as f64
    };
    let (lapsed, loyal) = (mean(Persona::Lapsed), mean(Persona::LoyalBigSpender));
    eprintln!("mean churn risk: lapsed {lapsed:.3}, loyal big spenders {loyal:.3}");
    assert!(lapsed > 0.9 && loyal < 0.1, "{lapsed} {loyal}");
    let is_lapsed: Vec<bool> = risks.iter().map(|(p, _)| *p == Persona::Lapsed).collect();
    let risk: Vec<f64> = risks.iter().map(|(_, r)| *r).collect();
    let auc = super::metrics::score("risk", &risk, &is_lapsed).auc;
    eprintln!("AUC of the churn risk for the lapsed: {auc:.3}");
    assert!(auc > 0.9, "{auc}");

    // The churn and loyalty models check in: the logistic regression's Newton steps
    // (of 100 at most), the tree's levels (4), and every customer scored at the end.
    let seen = &control.seen;
    assert!(
        seen.iter()
            .any(|p| p.stage == Stage::Fitting && p.total == Some(100)),
        "no Newton step"
    );
    assert!(
        seen.iter()
            .any(|p| p.stage == Stage::Fitting && p.total == Some(4) && p.done == 3),
        "no tree level"
    );
    let last = seen.last().expect("checkpoints");
    assert_eq!(last.stage, Stage::Predicting);
    // Cancelled at the last checkpoint (scoring the loyalty), it stops.
    let mut cancel = Recording {
        seen: Vec::new(),
        stop: seen.len(),
    };
    let stopped = pollster::block_on(analyse(&o, &Settings::default(), &mut cancel));
    assert!(matches!(stopped, Err(ValueError::Interrupted(_))));
}

#[test]
fn a_log_without_amounts_predicts_purchases_but_no_money() {
    // The demo without its unit price: every purchase line counts as 1.
    let (_, o) = demo_orders(800, |t| {
        t.lines()
            .map(|l| l.rsplit_once(',').map_or(l, |(head, _)| head))
            .collect::<Vec<_>>()
            .join("\n")
    });
    assert_eq!(o.amount_source, crate::orders::AmountSource::OnePerLine);
    let v = pollster::block_on(analyse(&o, &Settings::default(), &mut Unattended)).expect("runs");
    let s = v.summary();
    let notes = s.notes.join("\n");
    // The orders' own notes come first.
    assert_eq!(s.notes[..o.notes.len()], o.notes[..]);
    assert!(notes.contains("counts each purchase line as 1"), "{notes}");
    assert!(
        notes.contains(
            "Predicted CLV, Gamma-Gamma and the simple CLV need an amount or price column"
        ),
        "{notes}"
    );
    assert!(s.bgnbd.is_some() && s.expected.is_some(), "{notes}");
    assert!(s.gamma_gamma.is_none() && s.clv_histogram.is_empty());
    assert_eq!(s.total_clv, None);
    assert_eq!(
        s.clv_missing.as_deref(),
        Some("the log has no amount or price column")
    );
    assert!(s.simple.clv.is_nan() && s.simple.average_order_value.is_nan());
    assert!(s.simple.purchase_frequency > 0.0);
    assert!(!s.holdout_check.is_empty());
    let churn = s.churn.expect("churn");
    assert!(
        churn.definition.contains("purchase lines"),
        "{}",
        churn.definition
    );
    for r in &churn.at_risk {
        assert!(r.clv.is_nan() && r.spend.is_nan(), "{r:?}");
    }
    assert!(s.loyalty.is_some());
    for c in &v.customers {
        assert!(c.clv.is_nan() && c.rfm.monetary.is_nan());
        assert!(c.expected.is_finite() && c.alive.is_finite());
    }
    // predicted_clv (and monetary_value) are empty in the CSV.
    let csv = v.csv(&o);
    let row: Vec<&str> = csv.lines().nth(1).expect("a customer").split(',').collect();
    assert_eq!((row[4], row[7]), ("", ""), "{row:?}");
    assert!(!row[5].is_empty() && !row[6].is_empty());
}

#[test]
fn a_holdout_longer_than_the_history_says_so_plainly() {
    // Two months (January and February 2024, 9 weeks from Monday 1 January) of 40
    // customers, each buying every 4 to 10 days; the default holdout is 13 weeks.
    let mut csv = String::from("customer,date,amount\n");
    for c in 0..40u32 {
        let mut day = c % 7;
        // Some stop buying early, so that BG/NBD sees customers drop out.
        while day < 60 - (c % 4) * 12 {
            let date = chrono::NaiveDate::from_ymd_opt(2024, 1, 1)
                .and_then(|d| d.checked_add_days(chrono::Days::new(u64::from(day))))
                .expect("date");
            csv.push_str(&format!("c{c},{date},{}\n", 5 + c % 3));
            day += 4 + (c * 7 + day) % 7;
        }
    }
    let v = run(&csv, &Settings::default()).expect("runs");
    let s = v.summary();
    let notes = s.notes.join("\n");
    assert!(
        notes.contains(
            "The history is 9 weeks, and a holdout of 13 weeks leaves nothing before it: \
             choose a holdout of at most 7 weeks to check the predictions and train the \
             loyalty score, and of at most 4 weeks to train the churn models."
        ),
        "{notes}"
    );
    assert!(!notes.contains('-'), "a negative number: {notes}");
    assert!(s.holdout_check.is_empty());
    assert!(s.churn.is_none() && s.loyalty.is_none());
    assert!(s.calibration_end < s.observation_end);
    // The whole-history models still run.
    assert!(
        s.bgnbd.is_some() && s.total_clv.is_some_and(|t| t > 0.0),
        "{notes}"
    );
    // 8 weeks leave one week: still too little; 7 leave two, enough to check.
    let eight = run(
        &csv,
        &Settings {
            holdout: 8,
            ..Settings::default()
        },
    )
    .expect("runs")
    .summary;
    assert!(
        eight
            .notes
            .iter()
            .any(|n| n.contains("a holdout of 8 weeks leaves only 1 week before it")),
        "{:?}",
        eight.notes
    );
    assert!(eight.holdout_check.is_empty());
    let seven = run(
        &csv,
        &Settings {
            holdout: 7,
            ..Settings::default()
        },
    )
    .expect("runs")
    .summary;
    assert!(
        !seven.notes.iter().any(|n| n.contains("The history is")),
        "{:?}",
        seven.notes
    );
    assert!(
        seven.notes.iter().all(|n| !n.contains('-')),
        "{:?}",
        seven.notes
    );
}

#[test]
fn until_leaves_out_later_purchases_and_measures_t_to_it() {
    // a buys on days 1, 8 and 40; b first buys on day 35; c on days 3 and 10.
    let csv = "customer,date,amount\na,2024-01-01,10\na,2024-01-08,12\na,2024-02-09,9\n\
               b,2024-02-04,5\nc,2024-01-03,8\nc,2024-01-10,6\n";
    let until = |date: &str| {
        let d = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date");
        Some((d - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch")).num_days())
    };
    let settings = Settings {
        until: until("2024-01-31"),
        ..days(7)
    };
    let value = run(csv, &settings).expect("runs");
    let s = &value.summary;
    assert_eq!(s.observation_end, until("2024-01-31").expect("day"));
    assert_eq!(s.customers, 2, "b first bought after the end");
    let notes = s.notes.join("\n");
    assert!(
        notes.contains(
            "The observation ends on 2024-01-31: 2 purchase lines after it are left out, and \
             the customer who first bought after it is not valued."
        ),
        "{notes}"
    );
    // a: first day 0, last day 7, end day 30 (2024-01-01 to 2024-01-31).
    let a = value.customers[0].rfm;
    assert_eq!((a.frequency, a.recency, a.t), (1, 7.0, 30.0));
    let c = value.customers[1].rfm;
    assert_eq!((c.frequency, c.recency, c.t), (1, 7.0, 28.0));

    // An end after the data lengthens T.
    let later = run(
        csv,
        &Settings {
            until: until("2024-03-01"),
            ..days(7)
        },
    )
    .expect("runs");
    assert_eq!(later.summary.customers, 3);
    assert_eq!(later.customers[0].rfm.t, 60.0);
    assert!(
        !later
            .summary
            .notes
            .iter()
            .any(|n| n.contains("observation ends"))
    );

    let e = run(
        csv,
        &Settings {
            until: until("2023-12-31"),
            ..days(7)
        },
    )
    .expect_err("before the first purchase");
    assert!(
        matches!(e, ValueError::UntilBeforeFirstPurchase { .. }),
        "{e}"
    );
}

/// Weeks of 7 days are days divided by 7: BG/NBD's r, a and b are the daily fit's and
/// its alpha the daily one over 7; the holdout of 13 weeks is 91 days; the simple CLV's
/// rates are per week; the summary says how weeks were counted.
#[test]
fn weeks_of_seven_days_are_days_over_seven() {
    let (_, o) = demo_orders(crate::demo::DemoSize::default().customers, |t| t);
    let daily = pollster::block_on(analyse(
        &o,
        &Settings {
            unit: TimeUnit::Days,
            holdout: 91,
            horizon: 364,
            ..Settings::default()
        },
        &mut Unattended,
    ))
    .expect("runs")
    .summary;
    let seven = pollster::block_on(analyse(
        &o,
        &Settings {
            unit: TimeUnit::Weeks,
            weeks: Weeks::SevenDays,
            holdout: 13,
            horizon: 52,
            ..Settings::default()
        },
        &mut Unattended,
    ))
    .expect("runs")
    .summary;
    assert_eq!(seven.weeks, Some(Weeks::SevenDays));
    assert!(
        seven.periods.starts_with("weeks of 7 days"),
        "{}",
        seven.periods
    );
    assert_eq!(daily.weeks, None);
    let (d, w) = (
        daily.bgnbd.expect("daily fit"),
        seven.bgnbd.expect("7-day fit"),
    );
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-4 * b.abs();
    assert!(
        close(w.r, d.r) && close(w.a, d.a) && close(w.b, d.b),
        "{d:?} {w:?}"
    );
    assert!(close(w.alpha * 7.0, d.alpha), "{d:?} {w:?}");
    // The same customers and the same holdout days: the same check, per customer group.
    assert_eq!(seven.repeat_customers, daily.repeat_customers);
    assert_eq!(seven.calibration_end, daily.calibration_end);
    assert_eq!(seven.holdout_check.len(), daily.holdout_check.len());
    for (a, b) in seven.holdout_check.iter().zip(&daily.holdout_check) {
        assert_eq!((a.frequency, a.customers), (b.frequency, b.customers));
        assert_eq!(a.actual, b.actual);
        assert!((a.predicted - b.predicted).abs() < 1e-3, "{a:?} {b:?}");
    }
    let (sd, sw) = (daily.simple, seven.simple);
    assert!(close(sw.purchase_frequency, sd.purchase_frequency * 7.0));
    assert!(close(sw.retention_rate, sd.retention_rate.powi(7)));
    assert_eq!(sw.periods, 52);
    assert!(close(sw.clv, sd.clv), "{sd:?} {sw:?}");
    assert!(
        seven.churn.is_some() && seven.loyalty.is_some(),
        "{:?}",
        seven.notes
    );
}
