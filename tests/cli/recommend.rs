//! `crm-lens recommend` on a small demo shop written to a temporary folder.

use super::{crm_lens, stderr, stdout};
use crm_lens::demo::{DemoSize, generate};

#[test]
fn recommend_prints_the_evaluation_a_customer_and_writes_the_csv() {
    let folder =
        std::env::temp_dir().join(format!("crm-lens-cli-recommend-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("temp folder");
    let demo = generate(
        7,
        DemoSize {
            customers: 300,
            ..DemoSize::default()
        },
    );
    let orders = folder.join("orders.csv");
    std::fs::write(&orders, &demo.transactions).expect("writes");
    let csv = folder.join("recs.csv");
    let output = crm_lens(&[
        "recommend",
        &orders.to_string_lossy(),
        "--customer",
        "C00001",
        "--csv",
        &csv.to_string_lossy(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    for method in ["Blend", "Similar items", "Most popular (baseline)"] {
        assert!(text.contains(method), "{text}");
    }
    assert!(text.contains("Customer C00001"), "{text}");
    assert!(text.contains("  1. "), "{text}");
    let written = std::fs::read_to_string(&csv).expect("csv written");
    assert!(written.starts_with("customer_id,rank,item,score,reasons,cold_start"));
    let bad = crm_lens(&["recommend", &orders.to_string_lossy(), "--top", "0"]);
    assert!(!bad.status.success());
    assert!(
        stderr(&bad).contains("items per customer must be between 1"),
        "{}",
        stderr(&bad)
    );
    let _ = std::fs::remove_dir_all(&folder);
}
