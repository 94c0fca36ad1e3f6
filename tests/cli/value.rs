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
