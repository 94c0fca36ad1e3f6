//! `crm-lens opportunities` on a small demo shop written to a temporary folder.

use super::{Folder, crm_lens, stderr, stdout};

/// The demo's files for test `name` (600 customers).
fn demo_files(name: &str) -> (String, String, Folder) {
    super::demo_files(&format!("opportunities-{name}"), 600)
}

const COLUMNS: &str = "group,item,kind,group_penetration,peer_penetration,index,\
                       customers_affected,expected_revenue,p_value";

#[test]
fn opportunities_by_an_attribute_print_a_csv_row_per_gap_strongest_first() {
    let (orders, customers, _folder) = demo_files("csv");
    let output = crm_lens(&[
        "opportunities",
        &orders,
        "--extra",
        &customers,
        "--by",
        "extra:customers.csv:gender",
        "--level",
        "product",
        "--all",
        "--whole-log",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let mut lines = text.lines();
    let header = lines.next().expect("header");
    assert!(header.starts_with(COLUMNS), "{header}");
    let rows: Vec<Vec<String>> = lines
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect();
    assert!(!rows.is_empty());
    let revenue: Vec<f64> = rows
        .iter()
        .map(|r| r[7].parse().expect("revenue"))
        .collect();
    assert!(revenue.windows(2).all(|w| w[0] >= w[1]), "{revenue:?}");
    for row in &rows {
        assert!(row[0] == "F" || row[0] == "M", "{row:?}");
        assert_eq!(row[2], "penetration");
        let (own, peer): (f64, f64) = (row[3].parse().expect("own"), row[4].parse().expect("peer"));
        assert!(own < peer, "{row:?}");
    }

    // That gap's contacts.
    let (group, item) = (rows[0][0].clone(), rows[0][1].clone());
    let output = crm_lens(&[
        "opportunities",
        &orders,
        "--extra",
        &customers,
        "--by",
        "extra:customers.csv:gender",
        "--level",
        "product",
        "--all",
        "--whole-log",
        "--contacts",
        &group,
        &item,
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let affected: usize = rows[0][6].parse().expect("affected");
    assert_eq!(text.lines().count(), affected + 1);
    assert!(
        text.starts_with("group,item,rank,customer_id,score,next_best"),
        "{text}"
    );
    assert!(
        text.lines()
            .nth(1)
            .is_some_and(|l| l.starts_with(&format!("{group},{item},1,C")))
    );
}

#[test]
fn opportunities_of_rfm_segments_as_json() {
    // (Without an extra table, groups by an attribute fall back to the RFM segments with
    // a note in the core, `opportunities::tests`; the CLI refuses them instead.)
    let (orders, _customers, _folder) = demo_files("json");
    let output = crm_lens(&["opportunities", &orders, "--by", "rfm", "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let summary: serde_json::Value = serde_json::from_str(stdout(&output).trim()).expect("json");
    assert_eq!(summary["groups_from"], "rfm");
    assert_eq!(summary["level"], "category");
    assert!(summary["opportunities"].as_array().is_some());
}

#[test]
fn opportunities_refuse_what_they_cannot_do_with_a_message() {
    let (orders, customers, _folder) = demo_files("refuse");
    let output = crm_lens(&[
        "opportunities",
        &orders,
        "--extra",
        &customers,
        "--by",
        "extra:customers.csv:income",
    ]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("different values; groups need a column with at most"),
        "{}",
        stderr(&output)
    );
    let output = crm_lens(&[
        "opportunities",
        &orders,
        "--by",
        "extra:customers.csv:region",
    ]);
    assert!(!output.status.success());
    assert!(
        stderr(&output)
            .contains("--by names the extra table \"customers.csv\", which is not given"),
        "{}",
        stderr(&output)
    );
    let output = crm_lens(&["opportunities", &orders, "--by", "region"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("is not segments, rfm or extra:TABLE:COLUMN"),
        "{}",
        stderr(&output)
    );
    let output = crm_lens(&[
        "opportunities",
        &orders,
        "--by",
        "rfm",
        "--contacts",
        "Nobody",
        "Nothing",
    ]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("no gap of \"Nobody\" on \"Nothing\""),
        "{}",
        stderr(&output)
    );
}

#[test]
fn opportunities_between_segments_run_the_segmentation_first() {
    let (orders, customers, _folder) = demo_files("segments");
    let output = crm_lens(&["opportunities", &orders, "--extra", &customers, "--all"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).starts_with(COLUMNS));
    assert!(
        !stderr(&output).contains("no segments yet"),
        "{}",
        stderr(&output)
    );
}
