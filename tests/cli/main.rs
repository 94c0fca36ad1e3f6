//! Runs the `crm-lens` binary as a user would.

// The helpers below are outside #[test] functions; a failed expectation there is a
// failed test all the same.
#![allow(clippy::expect_used)]

use std::path::PathBuf;
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn crm_lens(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crm-lens"))
        .args(args)
        .output()
        .expect("runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("utf-8")
}

#[test]
fn scan_prints_one_json_object_per_file() {
    let a = fixture("orders_semicolon.csv");
    let b = fixture("bom_chinese.csv");
    let output = crm_lens(&["scan", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["delimiter"], "semicolon");
    assert_eq!(lines[0]["header"][3], "product");
    assert_eq!(lines[0]["columns"], 5);
    assert_eq!(lines[0]["rows"], 3);
    assert_eq!(lines[0]["ragged_rows"], 1);
    assert_eq!(lines[0]["ragged_examples"][0]["line"], 4);
    assert_eq!(lines[0]["ragged_examples"][0]["fields"], 4);
    assert_eq!(lines[1]["encoding"], "utf8-bom");
    assert_eq!(lines[1]["header"][0], "客户");
    assert_eq!(lines[1]["rows"], 2);
}

#[test]
fn scan_prints_csv_on_request() {
    let a = fixture("orders_semicolon.csv");
    let output = crm_lens(&["scan", "--format", "csv", a.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("file,bytes,encoding,delimiter,columns,rows,ragged_rows")
    );
    let row = lines.next().expect("a row");
    assert!(row.ends_with(",UTF-8,semicolon,5,3,1"), "{row}");
}

#[test]
fn bad_files_get_a_message_naming_the_file_and_a_failing_exit_code() {
    let good = fixture("orders_semicolon.csv");
    let empty = fixture("empty.csv");
    let binary = fixture("not_csv.xlsx");
    let output = crm_lens(&[
        "scan",
        empty.to_str().unwrap(),
        binary.to_str().unwrap(),
        "missing.csv",
        good.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert!(errors.contains("empty.csv: the file is empty"), "{errors}");
    assert!(
        errors.contains("not_csv.xlsx: this is not a text file"),
        "{errors}"
    );
    assert!(
        errors.contains("missing.csv: cannot open the file"),
        "{errors}"
    );
    assert_eq!(
        stdout(&output).lines().count(),
        1,
        "the good file is still reported"
    );
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(crm_lens(&["scan"]).status.code(), Some(2));
    assert_eq!(crm_lens(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn profile_reports_rows_types_and_roles_as_json() {
    let a = fixture("orders_semicolon.csv");
    let output = crm_lens(&["profile", a.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_str(stdout(&output).trim()).expect("json");
    assert_eq!(report["delimiter"], "semicolon");
    assert_eq!(
        (report["read"].as_u64(), report["kept"].as_u64()),
        (Some(3), Some(3))
    );
    assert_eq!(report["repaired"]["count"], 1);
    assert_eq!(report["repaired"]["first"][0]["line"], 4);
    assert_eq!(
        report["repaired"]["first"][0]["problem"]["kind"],
        "missing-fields"
    );
    let roles: Vec<(String, u64)> = report["mapping"]["columns"]
        .as_array()
        .expect("roles")
        .iter()
        .map(|pair| {
            (
                pair[0].as_str().expect("role").to_owned(),
                pair[1].as_u64().expect("column"),
            )
        })
        .collect();
    assert_eq!(
        roles,
        [
            ("customer".to_owned(), 0),
            ("order".to_owned(), 1),
            ("date".to_owned(), 2),
            ("product".to_owned(), 3),
            ("amount".to_owned(), 4),
        ]
    );
    assert_eq!(report["columns"][4]["column_type"]["type"], "number");
    assert_eq!(
        report["columns"][4]["column_type"]["style"],
        "decimal-comma"
    );
    assert_eq!(report["columns"][4]["summary"]["max"], 3.5);
}

#[test]
fn profile_prints_a_csv_row_per_column_and_explains_failures() {
    let a = fixture("bom_chinese.csv");
    let output = crm_lens(&["profile", "--format", "csv", a.to_str().unwrap()]);
    // Two columns, 客户 and 订单, and no date: refused with the reason.
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("bom_chinese.csv: no column holds order dates"),
        "{}",
        stderr(&output)
    );
    let a = fixture("orders_semicolon.csv");
    let output = crm_lens(&["profile", "--format", "csv", a.to_str().unwrap()]);
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "file,column,role,type,rows,missing,unreadable,distinct"
    );
    assert!(
        lines[3].ends_with(",date,date,date,3,0,0,3"),
        "{}",
        lines[3]
    );
    assert!(
        lines[5].ends_with(",amount,amount,number,3,1,0,2"),
        "{}",
        lines[5]
    );
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    let a = fixture("orders_semicolon.csv");
    let files: Vec<&str> = std::iter::repeat_n(a.to_str().unwrap(), 2000).collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_crm-lens"))
        .arg("scan")
        .args(&files)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let mut first = [0u8; 16];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("reads");
    // Closing our end of the pipe, as `head` does.
    let output = child.wait_with_output().expect("ends");
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
}
