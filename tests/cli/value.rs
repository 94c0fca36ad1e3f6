//! `crm-lens value` on the CDNOW sample, against lifetimes' results
//! (`tests/fixtures/value/`).

use super::{crm_lens, json, scratch, stderr, stdout};
use std::path::PathBuf;

/// The CDNOW sample as a CSV the loader reads (customer, date, amount), in `dir`.
fn cdnow_csv(dir: &std::path::Path) -> String {
    let cdnow =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/value/CDNOW_sample.txt");
    let mut csv = String::from("customer,date,amount\n");
    for line in std::fs::read_to_string(cdnow).expect("fixture").lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        let d = f[2];
        csv.push_str(&format!(
            "{},{}-{}-{},{}\n",
            f[0],
            &d[..4],
            &d[4..6],
            &d[6..],
            f[4]
        ));
    }
    let log = dir.join("cdnow.csv");
    std::fs::write(&log, csv).expect("written");
    log.to_string_lossy().into_owned()
}

/// A number of a lifetimes fixture.
fn model(path: &[&str]) -> f64 {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/value/models.json"),
    )
    .expect("fixture");
    let mut value: &serde_json::Value = &serde_json::from_str(&text).expect("json");
    for key in path {
        value = &value[*key];
    }
    value.as_f64().expect("a number")
}

fn close(ours: f64, theirs: f64) -> bool {
    (ours - theirs).abs() <= 1e-5 * theirs.abs()
}

#[test]
fn until_ends_the_observation_as_lifetimes_observation_period_end() {
    let dir = scratch("value-until");
    let log = cdnow_csv(&dir);
    let args = [
        "value",
        &log,
        "--unit",
        "days",
        "--holdout",
        "60",
        "--until",
        "1998-03-29",
    ];
    let output = crm_lens(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("observed up to 1998-03-29"), "{text}");
    assert!(
        text.contains("note: The observation ends on 1998-03-29: ")
            && text.contains(" purchase lines after it are left out."),
        "{text}"
    );
    let mut with_json = args.to_vec();
    with_json.push("--json");
    let summary = json(&crm_lens(&with_json));
    // 1998-03-29 is day 10314.
    assert_eq!(summary["observation_end"], 10314);
    assert_eq!(summary["customers"], 2357);
    for name in ["r", "alpha", "a", "b"] {
        let ours = summary["bgnbd"][name].as_f64().expect("fitted");
        let theirs = model(&["until_days", "bgnbd", name]);
        assert!(close(ours, theirs), "{name}: {ours} vs lifetimes' {theirs}");
    }

    let before = crm_lens(&["value", &log, "--until", "1996-12-31"]);
    assert_eq!(before.status.code(), Some(1));
    assert!(
        stderr(&before).contains(
            "cdnow.csv: the observation cannot end on 1996-12-31, before the first purchase \
             (on 1997-01-01); choose 1997-01-01 or a later day"
        ),
        "{}",
        stderr(&before)
    );
    let bad = crm_lens(&["value", &log, "--until", "29/03/1998"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("is not a date such as 2024-12-31"));
    let _ = std::fs::remove_dir_all(dir);
}

/// A lifetimes fixture's summary: id -> (frequency, recency, T).
fn summary(file: &str) -> std::collections::HashMap<String, [f64; 3]> {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/value")
            .join(file),
    )
    .expect("fixture");
    text.lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            let number = |i: usize| cells[i].parse::<f64>().expect("a number");
            (cells[0].to_owned(), [number(1), number(2), number(3)])
        })
        .collect()
}

#[test]
fn weeks_of_seven_days_are_lifetimes_freq_multiplier_7_and_said() {
    let dir = scratch("value-7-days");
    let log = cdnow_csv(&dir);
    let out = dir.join("value.csv");
    let out = out.to_string_lossy().into_owned();
    let args = ["value", &log, "--unit", "7-days", "--holdout", "13"];
    let mut with_csv = args.to_vec();
    with_csv.extend(["--csv", &out]);
    let output = crm_lens(&with_csv);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("periods in weeks of 7 days from each customer's first purchase"),
        "{text}"
    );
    // Every customer's frequency, recency and T as lifetimes' summary_data_from_
    // transaction_data(freq='D', freq_multiplier=7) has them.
    let lifetimes = summary("summary_7days.csv");
    let written = std::fs::read_to_string(&out).expect("csv");
    let mut rows = 0;
    for line in written.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let ours: Vec<f64> = cells[1..4]
            .iter()
            .map(|c| c.parse().expect("a number"))
            .collect();
        assert_eq!(ours, lifetimes[cells[0]], "{line}");
        rows += 1;
    }
    assert_eq!(rows, lifetimes.len());

    let mut with_json = args.to_vec();
    with_json.push("--json");
    let summary = json(&crm_lens(&with_json));
    assert_eq!(summary["unit"], "weeks");
    assert_eq!(summary["weeks"], "seven-days");
    for name in ["r", "alpha", "a", "b"] {
        let ours = summary["bgnbd"][name].as_f64().expect("fitted");
        let theirs = model(&["seven_days", "bgnbd", name]);
        assert!(close(ours, theirs), "{name}: {ours} vs lifetimes' {theirs}");
    }

    // Calendar weeks stay the default, and say so.
    let calendar = json(&crm_lens(&["value", &log, "--json"]));
    assert_eq!(calendar["weeks"], "calendar");
    assert_eq!(calendar["periods"], "calendar weeks (Monday to Sunday)");
    let days = json(&crm_lens(&["value", &log, "--unit", "days", "--json"]));
    assert_eq!(days["weeks"], serde_json::Value::Null);
    let _ = std::fs::remove_dir_all(dir);
}
