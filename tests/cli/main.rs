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

/// A temporary folder, removed when dropped.
struct Folder(PathBuf);

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A small demo shop's transaction log and attributes (`customers` customers, seed 7),
/// written as orders.csv and customers.csv into a folder of its own for test `name`,
/// which goes when the returned guard does.
fn demo_files(name: &str, customers: usize) -> (String, String, Folder) {
    let folder = std::env::temp_dir().join(format!("crm-lens-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("temp folder");
    let demo = crm_lens::demo::generate(
        7,
        crm_lens::demo::DemoSize {
            customers,
            ..crm_lens::demo::DemoSize::default()
        },
    );
    let write = |file: &str, text: &str| -> String {
        let path: PathBuf = folder.join(file);
        std::fs::write(&path, text).expect("writes");
        path.to_string_lossy().into_owned()
    };
    (
        write("orders.csv", &demo.transactions),
        write("customers.csv", &demo.customers),
        Folder(folder),
    )
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
        "file,column,role,type,rows,missing,unreadable,distinct,why,platform"
    );
    assert!(
        lines[3].contains(",date,date,date,3,0,0,3,\"its name \"\"date\"\" names the date\""),
        "{}",
        lines[3]
    );
    assert!(
        lines[5].contains(",amount,amount,number,3,1,0,2,"),
        "{}",
        lines[5]
    );
}

/// A small Shopify-style export: totals on the first line, a refunded order, a guest.
const SHOPIFY: &str = "Name,Email,Financial Status,Paid at,Fulfillment Status,Subtotal,Shipping,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku\n\
#1001,ann@example.com,paid,2024-01-02,fulfilled,30,5,35,2024-01-02,2,Mug,10,MUG\n\
#1001,ann@example.com,,,,,,,2024-01-02,1,Tea,10,TEA\n\
#1002,bob@example.com,refunded,2024-01-03,fulfilled,20,5,25,2024-01-03,2,Tea,10,TEA\n\
#1003,cat@example.com,paid,2024-01-04,fulfilled,12,0,12,2024-01-04,1,Cake,4,CAKE\n\
#1003,cat@example.com,,,,,,,2024-01-04,2,Mug,4,MUG\n\
#1004,,paid,2024-01-05,fulfilled,10,0,10,2024-01-05,1,Mug,10,MUG\n";

fn shopify_file() -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("crm-lens-shopify-{}.csv", std::process::id()));
    std::fs::write(&path, SHOPIFY).expect("writes");
    path
}

#[test]
fn profile_names_the_platform_and_why_each_role() {
    let path = shopify_file();
    let output = crm_lens(&["profile", &path.display().to_string()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("json");
    let interpretation = &report["interpretation"];
    assert_eq!(interpretation["platform"]["name"], "Shopify");
    let reasons = interpretation["reasons"].as_array().expect("reasons");
    assert!(reasons.iter().any(|r| r["role"] == "order-total"));
    let refunded = interpretation["statuses"]
        .as_array()
        .expect("statuses")
        .iter()
        .find(|s| s["value"] == "refunded")
        .expect("refunded listed");
    assert_eq!(refunded["counted"], false);
    assert_eq!(interpretation["guests"]["lines"], 1);
}

#[test]
fn every_choice_of_the_data_page_is_an_option() {
    let path = shopify_file();
    let file = path.display().to_string();
    // Refunded orders counted after all, the guest keyed by nothing, a role by name and
    // one by position.
    let output = crm_lens(&[
        "profile",
        "--format",
        "csv",
        "--statuses",
        "paid,refunded",
        "--role",
        "product=Lineitem sku",
        "--role",
        "date=4",
        &file,
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains(",Lineitem sku,product,text,"), "{text}");
    assert!(text.contains(",Paid at,date,date,"), "{text}");
    assert!(text.contains("chosen by you"), "{text}");
    for subcommand in ["segment", "rules", "recommend", "value", "baskets"] {
        let output = crm_lens(&[
            subcommand,
            "--guests",
            "email",
            "--keep-pseudo-products",
            &file,
        ]);
        assert!(
            !stderr(&output).contains("unexpected argument"),
            "{subcommand}: {}",
            stderr(&output)
        );
    }
    let output = crm_lens(&["profile", "--role", "buyer=Email", &file]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("no role"), "{}", stderr(&output));
    let output = crm_lens(&["profile", "--role", "customer=Kunde", &file]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("no \"Kunde\""),
        "{}",
        stderr(&output)
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
        errors.contains("not_csv.xlsx: this workbook (.xlsx) could not be read"),
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

/// A fresh folder for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crm-lens-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

fn json(output: &Output) -> serde_json::Value {
    assert!(output.status.success(), "{}", stderr(output));
    serde_json::from_str(&stdout(output)).expect("json")
}

#[test]
fn rules_find_the_demos_planted_pairs() {
    let dir = scratch("demo");
    assert!(
        crm_lens(&["demo", dir.to_str().expect("path")])
            .status
            .success()
    );
    let transactions = dir.join("transactions.csv");
    let transactions = transactions.to_str().expect("path");

    let r = json(&crm_lens(&["rules", transactions, "--max-rules", "6"]));
    assert!(r["baskets"]["baskets"].as_u64().expect("baskets") > 20_000);
    assert!(r["baskets"]["returns"].as_u64().expect("returns") > 0);
    let rules = r["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), 6);
    assert!(r["matched"].as_u64().expect("matched") >= 6);
    for rule in rules {
        assert!(rule["lift"].as_f64().expect("lift") > 3.0, "{rule}");
    }
    let espresso = rules
        .iter()
        .find(|rule| rule["antecedent"][0] == "Espresso beans")
        .expect("the planted pair");
    assert_eq!(espresso["consequent"][0], "Croissant");
    let headline = espresso["headline"].as_str().expect("headline");
    assert!(
        headline.starts_with("Customers who buy Espresso beans buy Croissant ")
            && headline.ends_with("x more often than average"),
        "{headline}"
    );

    let output = crm_lens(&[
        "rules",
        transactions,
        "--format",
        "csv",
        "--if",
        "Brie",
        "--then",
        "Baguette",
        "--language",
        "zh",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "antecedent,consequent,count,antecedent support,consequent support,support,\
         confidence,lift,leverage,conviction,headline,detail"
    );
    assert!(lines[1].starts_with("Brie,Baguette,"), "{}", lines[1]);
    assert!(
        lines[1].contains("购买Brie的顾客购买Baguette的可能性是平均的"),
        "{}",
        lines[1]
    );
    assert!(lines[1..].iter().all(|l| l.starts_with("Brie")), "{text}");

    let output = crm_lens(&[
        "baskets",
        "--per",
        "customer",
        "--level",
        "category",
        transactions,
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.lines().count() > 2500);
    assert!(text.lines().all(|line| line.split('\t').count() <= 8));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn rules_agree_with_the_mlxtend_fixture_on_baskets_given_one_per_line() {
    // tests/fixtures/baskets/supermarket.json: 1,758 itemsets and 737 rules.
    let r = json(&crm_lens(&[
        "rules",
        "--input",
        "baskets",
        &fixture("baskets/supermarket.baskets"),
        "--min-support",
        "0.15",
        "--min-confidence",
        "0.8",
        "--min-lift",
        "0",
        "--max-len",
        "none",
        "--max-rules",
        "none",
        "--algorithm",
        "apriori",
    ]));
    assert_eq!(r["itemsets"], 1758);
    assert_eq!(r["matched"], 737);
    assert_eq!(r["rules"].as_array().expect("rules").len(), 737);
    assert!(r.get("baskets").is_none());
}

#[test]
fn bad_rule_settings_are_explained() {
    let baskets = fixture("baskets/supermarket.baskets");
    let fails = |args: &[&str], message: &str| {
        let mut all = vec!["rules", "--input", "baskets", baskets.as_str()];
        all.extend_from_slice(args);
        let output = crm_lens(&all);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let errors = stderr(&output);
        assert!(
            errors.contains("supermarket.baskets: ") && errors.contains(message),
            "{errors}"
        );
    };
    fails(
        &["--min-support", "1.5"],
        "the minimum support must be a share above 0 and at most 1",
    );
    fails(
        &["--min-count", "0"],
        "the minimum support count must be at least 1 basket",
    );
    fails(
        &["--min-confidence", "2"],
        "the minimum confidence must be between 0 and 1",
    );
    fails(
        &["--then", "caviar", "--then", "tea"],
        "no basket contains \"caviar\", named in the items filter of the rule's consequent",
    );
    let usage = crm_lens(&["rules", "--max-len", "many", &baskets]);
    assert_eq!(usage.status.code(), Some(2));
    assert!(stderr(&usage).contains("expected a number or `none`"));
    let missing = crm_lens(&["rules", "missing.csv"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("missing.csv: cannot open the file"));
}

#[test]
fn thresholds_too_low_stop_cleanly_at_the_limit_with_a_note() {
    let output = crm_lens(&[
        "rules",
        "--input",
        "baskets",
        &fixture("baskets/supermarket.baskets"),
        "--min-count",
        "1",
        "--max-len",
        "none",
        "--max-itemsets",
        "2000",
    ]);
    let errors = stderr(&output);
    assert!(
        errors.contains("note: the items and pairs alone pass the limit of 2000 itemsets"),
        "{errors}"
    );
    assert!(
        errors.contains("note: stopped at the limit of 2000 itemsets: the rules are among the"),
        "{errors}"
    );
    let r = json(&output);
    assert!(r["itemsets"].as_u64().expect("itemsets") <= 2000);
    assert_eq!(r["partial"]["most-frequent-items"]["limit"], 2000);
    assert!(!r["rules"].as_array().expect("rules").is_empty());
}
mod examples;
mod opportunities;
mod plain;
mod recommend;
mod segment;
mod shared;
mod value;

#[test]
fn value_fits_the_models_and_writes_every_customer() {
    let dir = scratch("value");
    let cdnow =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/value/CDNOW_sample.txt");
    // The CDNOW sample as a CSV the loader reads: customer, date, amount.
    let mut csv = String::from("customer,date,amount\n");
    for line in std::fs::read_to_string(cdnow).expect("fixture").lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        let d = f[2];
        csv.push_str(&format!(
            "c{},{}-{}-{},{}\n",
            f[0],
            &d[..4],
            &d[4..6],
            &d[6..],
            f[4]
        ));
    }
    let log = dir.join("cdnow.csv");
    std::fs::write(&log, csv).expect("written");
    let out = dir.join("value.csv");
    let args = [
        "value",
        log.to_str().expect("path"),
        "--unit",
        "days",
        "--holdout",
        "90",
        "--horizon",
        "30",
        "--csv",
        out.to_str().expect("path"),
    ];
    let output = crm_lens(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    // lifetimes 0.11.3 on the same data: r = 0.2536, alpha = 38.13, a = 0.6074, b = 2.647.
    assert!(text.contains("BG/NBD: r = 0.2535"), "{text}");
    assert!(text.contains("alpha = 38.13"), "{text}");
    assert!(text.contains("Gamma-Gamma: p = 4.683"), "{text}");
    assert!(text.contains("holdout check"), "{text}");
    assert!(text.contains("Logistic regression"), "{text}");
    assert!(text.contains("loyalty score"), "{text}");
    let written = std::fs::read_to_string(&out).expect("csv");
    assert!(written.starts_with("customer_id,frequency,recency,T,monetary_value,"));
    assert_eq!(written.lines().count(), 2357 + 1);

    let mut json_args = args[..8].to_vec();
    json_args.push("--json");
    let summary = json(&crm_lens(&json_args));
    assert_eq!(summary["customers"], 2357);
    // CDNOW's amounts are bare numbers: no currency is claimed.
    assert_eq!(summary["currency"]["code"], serde_json::Value::Null);
    assert_eq!(summary["currency"]["source"], "");

    let bad = crm_lens(&["value", log.to_str().expect("path"), "--holdout", "0"]);
    assert!(!bad.status.success());
    assert!(
        stderr(&bad).contains("the holdout must be at least 1 week"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn demo_writes_a_platforms_export_or_all_of_them() {
    use crm_lens::demo::exports::{Layout, SEED};

    let dir = scratch("exports");
    let folder = dir.to_str().expect("path");
    let output = crm_lens(&["demo", "--platform", "taobao", folder]);
    assert!(output.status.success(), "{}", stderr(&output));
    let taobao = Layout::Taobao.generate(SEED);
    let written = std::fs::read(dir.join("taobao-ExportOrderList202501.csv")).expect("written");
    assert_eq!(
        written, taobao.bytes,
        "the generator's bytes, GBK as they are"
    );
    assert_eq!(std::fs::read_dir(&dir).expect("folder").count(), 1);

    let output = crm_lens(&["demo", "--platform", "all", folder]);
    assert!(output.status.success(), "{}", stderr(&output));
    for layout in Layout::ALL {
        let name = format!(
            "{}-{}",
            layout.name(),
            layout.generate(SEED).truth.file_name
        );
        assert!(dir.join(&name).is_file(), "{name}");
    }
    assert_eq!(
        std::fs::read_dir(&dir).expect("folder").count(),
        Layout::ALL.len()
    );
    // What was written loads: the CLI's profile reads the German export.
    let german = dir.join("german-Bestellungen.csv");
    let report = json(&crm_lens(&["profile", german.to_str().expect("path")]));
    assert_eq!(report["encoding"], "windows-1252");
    assert_eq!(report["delimiter"], "semicolon");

    let output = crm_lens(&["demo", "--platform", "etsy", folder]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("no platform is called \"etsy\"; choose one of shopify,"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn workbooks_are_read_by_profile_with_a_sheet_choice_and_by_the_analyses() {
    let output = crm_lens(&[
        "profile",
        &fixture("workbooks/youzan.xlsx"),
        &fixture("workbooks/orders.ods"),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let reports: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("json"))
        .collect();
    assert_eq!(reports[0]["interpretation"]["sheet"]["name"], "订单明细");
    assert_eq!(reports[0]["read"], 8);
    assert_eq!(reports[0]["columns"][0]["name"], "订单号");
    assert_eq!(reports[1]["interpretation"]["sheet"]["name"], "Orders");
    assert_eq!(reports[1]["kept"], 5);

    let xls = fixture("workbooks/orders.xls");
    let output = crm_lens(&["profile", "--sheet", "Orders", &xls]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_str(stdout(&output).trim()).expect("json");
    assert_eq!(
        report["interpretation"]["sheet"]["sheets"],
        serde_json::json!(["Cover", "Orders"])
    );
    let output = crm_lens(&["profile", "--sheet", "2024", &xls]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(
            "orders.xls: the workbook has no sheet named \"2024\"; its sheets are \"Cover\", \"Orders\""
        ),
        "{}",
        stderr(&output)
    );

    // The analyses open files the same way: the baskets of the .xls's five orders.
    let output = crm_lens(&["baskets", &xls]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output).lines().count(), 4, "{}", stdout(&output));
}

/// Regression: the default `--max-len 4` cut 156 of the supermarket's 737 rules (at a
/// support of 0.15 and a confidence of 0.8) without a word; the note says it, on stderr
/// and in the JSON.
#[test]
fn rules_left_out_by_a_setting_are_said_with_the_option_that_keeps_them() {
    let output = crm_lens(&[
        "rules",
        "--input",
        "baskets",
        &fixture("baskets/supermarket.baskets"),
        "--min-support",
        "0.15",
        "--min-confidence",
        "0.8",
        "--max-rules",
        "500",
    ]);
    let errors = stderr(&output);
    assert!(
        errors.contains(
            "note: 518 frequent itemsets reached the longest length looked for, 4 items \
             (--max-len), and "
        ) && errors.contains("set --max-len to none (or 5) to look for them"),
        "{errors}"
    );
    assert!(
        errors.contains(
            "note: 581 rules met the thresholds; the strongest 500 are kept and the other 81 \
             are left out; set --max-rules to none to keep them all"
        ),
        "{errors}"
    );
    let r = json(&output);
    assert_eq!(r["matched"], 581);
    assert_eq!(r["left_out"][1]["beyond-max-rules"]["kept"], 500);
    assert_eq!(r["left_out"][2]["length-limit"]["itemsets"], 518);
    let notes: Vec<&str> = r["notes"]
        .as_array()
        .expect("notes")
        .iter()
        .map(|n| n.as_str().expect("text"))
        .collect();
    assert!(notes.iter().any(|n| n.contains("(--max-len)")), "{notes:?}");
    assert_eq!(notes.len(), errors.lines().count(), "{errors}");
}
