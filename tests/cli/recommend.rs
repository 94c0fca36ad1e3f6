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

/// Regression: `--weights 1,0,0,0`, the form its help shows, failed with "4 values
/// required".
#[test]
fn weights_are_given_as_four_numbers_separated_by_commas() {
    let folder = std::env::temp_dir().join(format!("crm-lens-cli-weights-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("temp folder");
    let demo = generate(
        7,
        DemoSize {
            customers: 200,
            ..DemoSize::default()
        },
    );
    let orders = folder.join("orders.csv");
    std::fs::write(&orders, &demo.transactions).expect("writes");
    let orders = orders.to_string_lossy().into_owned();
    let csv = folder.join("recs.csv");
    let run = |weights: &str| {
        crm_lens(&[
            "recommend",
            &orders,
            "--weights",
            weights,
            "--csv",
            &csv.to_string_lossy(),
        ])
    };
    let output = run("1,0,0,0");
    assert!(output.status.success(), "{}", stderr(&output));
    // Similar items alone: every reason given is a similar item's.
    let written = std::fs::read_to_string(&csv).expect("csv written");
    assert!(written.lines().count() > 100, "{written}");
    assert!(written.contains("because you bought"));
    assert!(
        !written.contains("popular in")
            && !written.contains("often bought with")
            && !written.contains("buy like you"),
        "{}",
        &written[..written.len().min(2000)]
    );
    assert!(run("1, 0.5, 0.5, 0").status.success());

    for (weights, message) in [
        (
            "1,0,0",
            "3 weights were given, 4 are needed: give four numbers",
        ),
        ("1,0,0,0,1", "5 weights were given, 4 are needed"),
        ("1,0,much,0", "\"much\" is not a number: give four numbers"),
    ] {
        let output = run(weights);
        assert_eq!(output.status.code(), Some(2), "{weights}: a usage error");
        assert!(stderr(&output).contains(message), "{}", stderr(&output));
    }
    let output = run("-1,1,1,1");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("must be a number of 0 or more, not -1"),
        "{}",
        stderr(&output)
    );
    let output = run("0,0,0,0");
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("at least one method must have a weight above 0"));
    let _ = std::fs::remove_dir_all(&folder);
}
