//! Runs the `crm-lens` binary as a user would.

// The helpers below are outside #[test] functions; a failed expectation there is a
// failed test all the same.
#![allow(clippy::expect_used)]

use std::path::PathBuf;
use std::process::{Command, Output};

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .to_string_lossy()
        .into_owned()
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
fn profile_prints_one_json_report_per_file() {
    let output = crm_lens(&[
        "profile",
        &fixture("orders_semicolon.csv"),
        &fixture("orders_gbk.csv"),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let reports: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("json"))
        .collect();
    assert_eq!(reports.len(), 2);

    let r = &reports[0];
    assert!(
        r["file"]
            .as_str()
            .expect("file")
            .ends_with("orders_semicolon.csv")
    );
    assert_eq!(r["delimiter"], "semicolon");
    assert_eq!((r["read"].as_u64(), r["kept"].as_u64()), (Some(3), Some(3)));
    assert_eq!(r["repaired"]["count"], 1);
    assert_eq!(r["repaired"]["first"][0]["line"], 4);
    assert_eq!(
        r["repaired"]["first"][0]["problem"]["missing-fields"]["found"],
        4
    );
    let roles: Vec<(&str, u64)> = r["mapping"]["columns"]
        .as_array()
        .expect("roles")
        .iter()
        .map(|pair| {
            (
                pair[0].as_str().expect("role"),
                pair[1].as_u64().expect("column"),
            )
        })
        .collect();
    assert_eq!(
        roles,
        [
            ("customer", 0),
            ("order", 1),
            ("date", 2),
            ("product", 3),
            ("amount", 4)
        ]
    );
    assert_eq!(
        r["columns"][4]["column_type"]["number"]["style"],
        "decimal-comma"
    );
    assert_eq!(r["columns"][4]["summary"]["numbers"]["max"], 3.5);

    let gbk = &reports[1];
    assert_eq!(
        (gbk["encoding"].as_str(), gbk["kept"].as_u64()),
        (Some("GBK"), Some(3))
    );
    assert_eq!(gbk["columns"][0]["name"], "客户编号");
    assert_eq!(gbk["columns"][5]["summary"]["numbers"]["max"], 1088.5);
}

#[test]
fn profile_prints_a_csv_row_per_column() {
    let output = crm_lens(&[
        "profile",
        "--format",
        "csv",
        &fixture("orders_semicolon.csv"),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
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
fn bad_files_get_a_message_naming_the_file_and_a_failing_exit_code() {
    let output = crm_lens(&[
        "profile",
        &fixture("empty.csv"),
        &fixture("not_csv.xlsx"),
        &fixture("bom_chinese.csv"),
        "missing.csv",
        &fixture("small.csv"),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert!(errors.contains("empty.csv: the file is empty"), "{errors}");
    assert!(
        errors.contains("not_csv.xlsx: this is not a text file"),
        "{errors}"
    );
    assert!(
        errors.contains("bom_chinese.csv: no column holds order dates"),
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
    assert_eq!(crm_lens(&["profile"]).status.code(), Some(2));
    assert_eq!(crm_lens(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    let small = fixture("small.csv");
    let files: Vec<&str> = std::iter::repeat_n(small.as_str(), 2000).collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_crm-lens"))
        .arg("profile")
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
    // Our end of the pipe is closed here, as `head` does.
    let output = child.wait_with_output().expect("ends");
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
}

mod segment;
