//! Every example command in README.md and in the subcommands' `--help` runs, against
//! the files it names: the demo shop's (300 customers) as orders.csv and customers.csv,
//! a Shopify export as orders_export.csv, a workbook book.xlsx with an Orders sheet, a
//! basket file baskets.csv (transaction_id,item) and iris.csv. The commands run in
//! that folder through `sh`, so globs, quotes and comments work as they do for a user.

use super::{scratch, stderr, stdout};
use crm_lens::demo::exports::{Layout, SEED};
use crm_lens::demo::{DemoSize, generate};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// README.md's commands that run the program (`cargo run --release -- ARGS` in its `sh`
/// blocks, lines ending in `\` joined to the next), as `crm-lens ARGS`.
fn readme_examples() -> Vec<String> {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let mut commands = Vec::new();
    let mut in_sh = false;
    let mut command = String::new();
    for line in readme.lines() {
        if !in_sh {
            in_sh = line.trim() == "```sh";
            continue;
        }
        if line.trim() == "```" {
            in_sh = false;
            continue;
        }
        match line.trim_end().strip_suffix('\\') {
            Some(start) => {
                command.push_str(start);
                command.push(' ');
                continue;
            }
            None => command.push_str(line),
        }
        if let Some(args) = command.trim().strip_prefix("cargo run --release -- ") {
            commands.push(format!("crm-lens {args}"));
        }
        command.clear();
    }
    commands
}

/// Every subcommand, as `crm-lens --help` lists them (but `help`).
fn subcommands() -> Vec<String> {
    let output = Command::new(env!("CARGO_BIN_EXE_crm-lens"))
        .arg("--help")
        .output()
        .expect("runs");
    let help = stdout(&output);
    let listed: Vec<String> = help
        .lines()
        .skip_while(|line| !line.starts_with("Commands:"))
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect();
    assert!(listed.len() >= 8, "{help}");
    listed
}

/// The examples in every subcommand's `--help`: the lines that start with `crm-lens`.
fn help_examples() -> Vec<String> {
    let mut commands = Vec::new();
    for subcommand in subcommands() {
        let output = Command::new(env!("CARGO_BIN_EXE_crm-lens"))
            .args([subcommand.as_str(), "--help"])
            .output()
            .expect("runs");
        assert!(output.status.success());
        let before = commands.len();
        commands.extend(
            stdout(&output)
                .lines()
                .map(str::trim)
                .filter(|line| line.starts_with("crm-lens "))
                .map(str::to_owned),
        );
        assert!(
            commands.len() > before,
            "{subcommand} --help shows no example"
        );
    }
    commands
}

/// A folder with every file the examples name, and `crm-lens` in a `bin` folder in it.
fn examples_folder(name: &str) -> PathBuf {
    let dir = scratch(name);
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).expect("bin");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_crm-lens"), bin.join("crm-lens"))
        .expect("links the program");
    let demo = generate(
        7,
        DemoSize {
            customers: 300,
            ..DemoSize::default()
        },
    );
    let write = |file: &str, bytes: &[u8]| std::fs::write(dir.join(file), bytes).expect("writes");
    write("orders.csv", demo.transactions.as_bytes());
    write("customers.csv", demo.customers.as_bytes());
    write("orders_export.csv", &Layout::Shopify.generate(SEED).bytes);
    // The basket file: each order's products.
    let mut pairs = String::from("transaction_id,item\n");
    for line in demo.transactions.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        pairs.push_str(&format!("{},{}\n", cells[1], cells[3]));
    }
    write("baskets.csv", pairs.as_bytes());
    write("iris.csv", iris().as_bytes());
    write("book.xlsx", &workbook(&demo.transactions));
    dir
}

/// iris's measurements (`tests/fixtures/segments/iris.json`) with the species.
fn iris() -> String {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/segments/iris.json"),
    )
    .expect("fixture");
    let iris: serde_json::Value = serde_json::from_str(&text).expect("json");
    let x: Vec<f64> = iris["x"]
        .as_array()
        .expect("x")
        .iter()
        .map(|v| v.as_f64().expect("a number"))
        .collect();
    let mut csv = String::from("sepal_length,sepal_width,petal_length,petal_width,species\n");
    for (i, row) in x.chunks(4).enumerate() {
        let species = ["setosa", "versicolor", "virginica"][i / 50];
        csv.push_str(&format!(
            "{},{},{},{},{species}\n",
            row[0], row[1], row[2], row[3]
        ));
    }
    csv
}

/// A workbook with a Cover sheet and the first 200 order lines in an Orders sheet.
fn workbook(transactions: &str) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet()
        .set_name("Cover")
        .expect("named")
        .write_string(0, 0, "Orders are on the next sheet")
        .expect("written");
    let sheet = book.add_worksheet().set_name("Orders").expect("named");
    for (row, line) in transactions.lines().take(201).enumerate() {
        for (column, cell) in line.split(',').enumerate() {
            sheet
                .write_string(row as u32, column as u16, cell)
                .expect("written");
        }
    }
    book.save_to_buffer().expect("saved")
}

/// Runs `command` in `dir` with the program on the PATH.
fn run(dir: &Path, command: &str) -> Output {
    let path = format!(
        "{}:{}",
        dir.join("bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("sh")
        .arg("-c")
        .arg(command)
        .current_dir(dir)
        .env("PATH", path)
        .output()
        .expect("runs")
}

/// Runs every command; the failures, each with its stderr.
fn failures(dir: &Path, commands: &[String]) -> Vec<String> {
    commands
        .iter()
        .filter_map(|command| {
            let output = run(dir, command);
            (!output.status.success())
                .then(|| format!("{command}\n  {:?}: {}", output.status, stderr(&output)))
        })
        .collect()
}

#[test]
fn every_example_in_the_readme_runs() {
    let commands = readme_examples();
    // Every subcommand is shown.
    assert!(commands.len() >= 20, "{commands:#?}");
    for subcommand in subcommands() {
        assert!(
            commands
                .iter()
                .any(|c| c.starts_with(&format!("crm-lens {subcommand} "))),
            "{subcommand}: {commands:#?}"
        );
    }
    assert!(
        commands.iter().any(|c| c.contains("--features recency,")),
        "a continued line is joined: {commands:#?}"
    );
    let dir = examples_folder("readme-examples");
    let failed = failures(&dir, &commands);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
    // What the examples wrote is there.
    for written in [
        "recommendations.csv",
        "customer-value.csv",
        "demo/transactions.csv",
    ] {
        assert!(dir.join(written).is_file(), "{written}");
    }
    assert!(
        std::fs::read_dir(dir.join("exports"))
            .expect("exports")
            .count()
            > 0
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn every_example_in_the_help_runs() {
    let commands = help_examples();
    assert!(commands.len() >= 14, "{commands:#?}");
    let dir = examples_folder("help-examples");
    let failed = failures(&dir, &commands);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
    let _ = std::fs::remove_dir_all(dir);
}
