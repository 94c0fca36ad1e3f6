//! `crm-lens segment` on a small demo shop written to a temporary folder.

use super::{Folder, crm_lens, stderr, stdout};

/// The demo's files for test `name` (300 customers).
fn demo_files(name: &str) -> (String, String, Folder) {
    super::demo_files(&format!("segment-{name}"), 300)
}

#[test]
fn segment_prints_a_csv_row_per_customer() {
    let (orders, customers, _folder) = demo_files("csv");
    let output = crm_lens(&[
        "segment",
        &orders,
        "--extra",
        &customers,
        "--k",
        "4",
        "--features",
        "recency,frequency,monetary,extra:customers.csv:income",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let mut lines = text.lines();
    let header = lines.next().expect("header");
    assert!(
        header.starts_with("customer_id,segment,segment_name,rfm_segment,r_score,f_score,m_score,map_x,map_y,recency,"),
        "{header}"
    );
    assert!(header.contains(",extra:customers.csv:income"), "{header}");
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert!(
        (250..=300).contains(&rows.len()),
        "{} customers",
        rows.len()
    );
    assert!(rows.iter().all(|r| r[0].starts_with('C')));
    let mut segments: Vec<&str> = rows.iter().map(|r| r[1]).collect();
    segments.sort_unstable();
    segments.dedup();
    assert_eq!(segments, ["0", "1", "2", "3"]);
}

#[test]
fn segment_prints_the_full_result_as_json() {
    let (orders, _, _folder) = demo_files("json");
    let output = crm_lens(&["segment", &orders, "--k-range", "2..4", "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let result: serde_json::Value = serde_json::from_str(stdout(&output).trim()).expect("json");
    let curve = &result["clustering"]["k-means"]["curve"];
    assert_eq!(curve["ks"], serde_json::json!([2, 3, 4]));
    assert_eq!(result["rfm"]["grid"].as_array().map(Vec::len), Some(25));
    assert!(result["profiles"]["clusters"][0]["name"].is_string());
    assert_eq!(result["features"]["features"][0]["key"], "recency");
}

#[test]
fn segment_runs_dbscan_and_refuses_bad_settings() {
    let (orders, _, _folder) = demo_files("dbscan");
    let output = crm_lens(&["segment", &orders, "--dbscan", "--min-points", "4"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).lines().count() > 250);

    let output = crm_lens(&["segment", &orders, "--k", "5000"]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert!(
        errors.contains("orders.csv: 5000 segments were asked for but there are only"),
        "{errors}"
    );

    let output = crm_lens(&["segment", &orders, "--features", "recency,age"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("there is no feature \"age\""),
        "{}",
        stderr(&output)
    );

    let output = crm_lens(&["segment", &orders, "--dbscan", "--eps", "-1"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("eps must be a number greater than 0"));

    let output = crm_lens(&["segment", &orders, "--k-range", "1..3"]);
    assert_eq!(output.status.code(), Some(2), "a usage error");
}
