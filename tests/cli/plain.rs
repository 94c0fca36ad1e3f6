//! Files that are no transaction log, read directly: a basket file (`transaction_id,
//! item`) by `rules` and `baskets`, a plain table of numbers by `segment`.

use super::{crm_lens, fixture, json, scratch, stderr, stdout};
use serde_json::Value;

/// The Titanic's 2,201 passengers (R's `datasets::Titanic`) as a basket file: a
/// passenger's id and one of their class, sex, age and survival per line.
fn titanic_pairs() -> String {
    // (class, sex, age, survived, passengers), the table's cells that are not 0.
    const TABLE: [(&str, &str, &str, &str, usize); 24] = [
        ("3rd", "Male", "Child", "No", 35),
        ("3rd", "Female", "Child", "No", 17),
        ("1st", "Male", "Adult", "No", 118),
        ("2nd", "Male", "Adult", "No", 154),
        ("3rd", "Male", "Adult", "No", 387),
        ("Crew", "Male", "Adult", "No", 670),
        ("1st", "Female", "Adult", "No", 4),
        ("2nd", "Female", "Adult", "No", 13),
        ("3rd", "Female", "Adult", "No", 89),
        ("Crew", "Female", "Adult", "No", 3),
        ("1st", "Male", "Child", "Yes", 5),
        ("2nd", "Male", "Child", "Yes", 11),
        ("3rd", "Male", "Child", "Yes", 13),
        ("1st", "Female", "Child", "Yes", 1),
        ("2nd", "Female", "Child", "Yes", 13),
        ("3rd", "Female", "Child", "Yes", 14),
        ("1st", "Male", "Adult", "Yes", 57),
        ("2nd", "Male", "Adult", "Yes", 14),
        ("3rd", "Male", "Adult", "Yes", 75),
        ("Crew", "Male", "Adult", "Yes", 192),
        ("1st", "Female", "Adult", "Yes", 140),
        ("2nd", "Female", "Adult", "Yes", 80),
        ("3rd", "Female", "Adult", "Yes", 76),
        ("Crew", "Female", "Adult", "Yes", 20),
    ];
    let mut csv = String::from("transaction_id,item\n");
    let mut id = 0;
    for (class, sex, age, survived, n) in TABLE {
        for _ in 0..n {
            id += 1;
            for item in [
                format!("Class={class}"),
                format!("Sex={sex}"),
                format!("Age={age}"),
                format!("Survived={survived}"),
            ] {
                csv.push_str(&format!("T{id},{item}\n"));
            }
        }
    }
    csv
}

#[test]
fn rules_read_a_basket_file_of_transaction_ids_and_items() {
    let dir = scratch("pairs");
    let file = dir.join("titanic.csv");
    std::fs::write(&file, titanic_pairs()).expect("writes");
    let file = file.to_string_lossy().into_owned();
    let output = crm_lens(&[
        "rules",
        &file,
        "--min-support",
        "0.1",
        "--min-confidence",
        "0.8",
    ]);
    let errors = stderr(&output);
    assert!(
        errors.contains(
            "note: Read as a basket file: the lines with the same \"transaction_id\" make one \
             basket, and \"item\" is the item on each line (2201 baskets of 10 items from 8804 \
             lines)."
        ),
        "{errors}"
    );
    assert!(
        errors.contains(
            "note: 9 rules met the minimum confidence but have a lift below the minimum of 1, \
             so they are left out; set --min-lift to 0 to keep them"
        ),
        "{errors}"
    );
    let r = json(&output);
    assert_eq!(r["baskets"]["baskets"], 2201);
    assert_eq!(r["rules"].as_array().map(Vec::len), Some(20));
    assert_eq!(r["left_out"][1]["below-lift"]["rules"], 9);

    // The same with --input pairs, and with --min-lift 0 all 29.
    let all = json(&crm_lens(&[
        "rules",
        "--input",
        "pairs",
        &file,
        "--min-support",
        "0.1",
        "--min-confidence",
        "0.8",
        "--min-lift",
        "0",
    ]));
    assert_eq!(all["rules"].as_array().map(Vec::len), Some(29));

    // `baskets` prints them one per line.
    let output = crm_lens(&["baskets", &file]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert_eq!(text.lines().count(), 2201);
    assert_eq!(
        text.lines().next(),
        Some("Class=3rd\tSex=Male\tAge=Child\tSurvived=No")
    );

    // A transaction log stays one: --input transactions refuses a basket file.
    let output = crm_lens(&["rules", "--input", "transactions", &file]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("titanic.csv: no column holds customer ids"),
        "{}",
        stderr(&output)
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// iris's 150 measurements (`tests/fixtures/segments/iris.json`, from scikit-learn), as
/// CSV with a species column, and sometimes an id column.
fn iris_csv(with_id: bool) -> String {
    let text = std::fs::read_to_string(fixture("segments/iris.json")).expect("fixture");
    let iris: Value = serde_json::from_str(&text).expect("json");
    let x: Vec<f64> = iris["x"]
        .as_array()
        .expect("x")
        .iter()
        .map(|v| v.as_f64().expect("a number"))
        .collect();
    let mut csv = String::from(if with_id {
        "id,sepal_length,sepal_width,petal_length,petal_width,species\n"
    } else {
        "sepal_length,sepal_width,petal_length,petal_width,species\n"
    });
    for (i, row) in x.chunks(4).enumerate() {
        if with_id {
            csv.push_str(&format!("{},", i + 1));
        }
        let species = ["setosa", "versicolor", "virginica"][i / 50];
        csv.push_str(&format!(
            "{},{},{},{},{species}\n",
            row[0], row[1], row[2], row[3]
        ));
    }
    csv
}

/// Whether two labellings make the same groups.
fn same_partition(a: &[i64], b: &[i64]) -> bool {
    let mut map = std::collections::HashMap::new();
    let mut back = std::collections::HashMap::new();
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| *map.entry(*x).or_insert(*y) == *y && *back.entry(*y).or_insert(*x) == *x)
}

fn labels(value: &Value) -> Vec<i64> {
    value
        .as_array()
        .expect("labels")
        .iter()
        .map(|v| v.as_i64().expect("a label"))
        .collect()
}

#[test]
fn segment_clusters_a_plain_table_of_numbers_as_scikit_learn_does() {
    let dir = scratch("iris");
    let file = dir.join("iris.csv");
    std::fs::write(&file, iris_csv(false)).expect("writes");
    let file = file.to_string_lossy().into_owned();
    let reference: Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("segments/iris.json")).expect("fixture"),
    )
    .expect("json");

    // k-means on the raw measurements: scikit-learn's inertia and clusters for k = 3.
    let output = crm_lens(&[
        "segment",
        &file,
        "--k",
        "3",
        "--scaling",
        "none",
        "--log",
        "none",
        "--format",
        "json",
    ]);
    let errors = stderr(&output);
    assert!(
        errors.contains(
            "note: Read as a plain table, one row per entity (it lacks a transaction log's \
             customer or date column): 150 rows, ids from the line numbers, 4 number \
             columns as features (sepal_length, sepal_width, petal_length, petal_width)"
        ),
        "{errors}"
    );
    assert!(
        errors.contains("Columns that do not hold numbers are not features: \"species\"."),
        "{errors}"
    );
    let result = json(&output);
    assert_eq!(result["rfm"], Value::Null);
    let fit = &result["clustering"]["k-means"]["fit"];
    let theirs = &reference["kmeans"][1];
    assert_eq!(theirs["k"], 3);
    let inertia = fit["inertia"].as_f64().expect("inertia");
    let expected = theirs["inertia"].as_f64().expect("inertia");
    assert!((inertia - expected).abs() < 1e-6, "{inertia} vs {expected}");
    assert!(same_partition(
        &labels(&fit["labels"]),
        &labels(&theirs["labels"])
    ));
    assert!(
        result["notes"][0]
            .as_str()
            .is_some_and(|n| n.starts_with("Read as a plain table"))
    );

    // DBSCAN: scikit-learn's clusters and noise for eps 0.5, 5 points.
    let output = crm_lens(&[
        "segment",
        &file,
        "--dbscan",
        "--eps",
        "0.5",
        "--min-points",
        "5",
        "--scaling",
        "none",
        "--log",
        "none",
        "--format",
        "json",
    ]);
    let result = json(&output);
    let ours = labels(&result["clustering"]["dbscan"]["fit"]["labels"]);
    let theirs = labels(&reference["dbscan"][0]["labels"]);
    assert_eq!(
        ours.iter().map(|l| *l < 0).collect::<Vec<_>>(),
        theirs.iter().map(|l| *l < 0).collect::<Vec<_>>()
    );
    assert!(same_partition(&ours, &theirs));

    // With an id column: a CSV row per id, no RFM columns; features by name.
    std::fs::write(dir.join("iris-id.csv"), iris_csv(true)).expect("writes");
    let with_id = dir.join("iris-id.csv").to_string_lossy().into_owned();
    let output = crm_lens(&[
        "segment",
        &with_id,
        "--k",
        "3",
        "--features",
        "petal_length,petal_width",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "id,segment,segment_name,map_x,map_y,sepal_length,sepal_width,petal_length,petal_width"
        )
    );
    assert!(lines.next().is_some_and(|l| l.starts_with("1,")));
    assert_eq!(text.lines().count(), 151);
    assert!(stderr(&output).contains("ids from \"id\""));

    // What a plain table cannot do is said.
    let output = crm_lens(&["segment", &file, "--extra", &with_id]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("iris.csv: extra tables are joined to a transaction log's"),
        "{}",
        stderr(&output)
    );
    let output = crm_lens(&["segment", &file, "--features", "sepal_area"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("there is no feature \"sepal_area\""),
        "{}",
        stderr(&output)
    );
    // A transaction log without dates is no plain table: a customer is on many rows.
    std::fs::write(
        dir.join("no-dates.csv"),
        "customer,amount\nc1,5\nc2,7\nc1,3\n",
    )
    .expect("writes");
    let no_dates = dir.join("no-dates.csv").to_string_lossy().into_owned();
    let output = crm_lens(&["segment", &no_dates]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("no-dates.csv: no column holds order dates")
            && stderr(&output).contains(
                "and read as a plain table, the id \"c1\" is on lines 2 and 4, and a plain \
                 table has one row per entity"
            ),
        "{}",
        stderr(&output)
    );
    // Neither a transaction log nor numbers: the transaction log's message.
    std::fs::write(dir.join("names.csv"), "name,city\nann,Oslo\nbob,Rome\n").expect("writes");
    let names = dir.join("names.csv").to_string_lossy().into_owned();
    let output = crm_lens(&["segment", &names]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("names.csv: no column holds"),
        "{}",
        stderr(&output)
    );
    let _ = std::fs::remove_dir_all(dir);
}
