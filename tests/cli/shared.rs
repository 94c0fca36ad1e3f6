//! What every subcommand shares: how it loads its input, names files in errors and
//! writes its output.

use super::{crm_lens, scratch, stderr};
use std::process::{Command, Stdio};

/// The demo's transaction log (300 customers) in a fresh folder.
fn small_demo(name: &str) -> (std::path::PathBuf, String) {
    let dir = scratch(name);
    let demo = crm_lens::demo::generate(
        7,
        crm_lens::demo::DemoSize {
            customers: 300,
            ..crm_lens::demo::DemoSize::default()
        },
    );
    let orders = dir.join("orders.csv");
    std::fs::write(&orders, &demo.transactions).expect("writes");
    (dir, orders.to_string_lossy().into_owned())
}

#[test]
fn an_error_names_the_file_once() {
    let dir = scratch("named-once");
    let file = dir.join("no-customers.csv");
    std::fs::write(&file, "a,b,c\nx,y,z\nu,v,w\n").expect("writes");
    let file = file.to_string_lossy().into_owned();
    for subcommand in ["rules", "baskets", "segment", "recommend", "value"] {
        let output = crm_lens(&[subcommand, &file]);
        assert_eq!(output.status.code(), Some(1), "{subcommand}");
        let errors = stderr(&output);
        assert!(
            errors.starts_with(&format!("crm-lens: {file}: no column holds customer ids")),
            "{subcommand}: {errors}"
        );
        assert_eq!(errors.matches("no-customers.csv").count(), 1, "{errors}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_file_that_cannot_be_written_is_named() {
    let (dir, orders) = small_demo("unwritable");
    let out = dir.join("no-such-folder").join("out.csv");
    let out = out.to_string_lossy().into_owned();
    for subcommand in ["recommend", "value"] {
        let output = crm_lens(&[subcommand, &orders, "--csv", &out]);
        assert_eq!(output.status.code(), Some(1), "{subcommand}");
        assert!(
            stderr(&output).contains(&format!("crm-lens: {out}: cannot write the file: ")),
            "{subcommand}: {}",
            stderr(&output)
        );
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_reader_that_is_gone_before_the_output_is_not_an_error() {
    let (dir, orders) = small_demo("closed-pipe");
    for args in [
        vec!["recommend", orders.as_str()],
        vec!["value", orders.as_str()],
        vec!["segment", orders.as_str(), "--k", "3"],
        vec!["rules", orders.as_str(), "--format", "csv"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_crm-lens"))
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starts");
        // Our end of the pipe is closed before anything is written.
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("ends");
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
    }
    let _ = std::fs::remove_dir_all(dir);
}
