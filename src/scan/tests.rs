use super::*;
use crate::control::Unattended;
use std::io::Cursor;

fn run(bytes: &[u8]) -> Result<ScanReport, ScanError> {
    pollster::block_on(scan(bytes, Some(bytes.len() as u64), &mut Unattended))
}

fn report(bytes: &[u8]) -> ScanReport {
    run(bytes).expect("scans")
}

#[test]
fn reads_header_rows_and_delimiter() {
    let r = report(b"customer,order,amount\nc1,o1,3.5\nc2,o2,4\n");
    assert_eq!(r.delimiter, Delimiter::Comma);
    assert_eq!(r.header, ["customer", "order", "amount"]);
    assert_eq!(r.rows, 2);
    assert_eq!(r.ragged, Ragged::default());
    assert_eq!(r.bytes, 40);
    assert_eq!(r.encoding, TextEncoding::Utf8);
}

#[test]
fn sniffs_each_delimiter() {
    for (text, expected) in [
        (&b"a,b,c\n1,2,3\n"[..], Delimiter::Comma),
        (b"a;b;c\n1,5;2,25;3\n", Delimiter::Semicolon),
        (b"a\tb\tc\n1\t2\t3\n", Delimiter::Tab),
        (b"a|b|c\n1|2|3\n", Delimiter::Pipe),
        // Commas inside quotes do not count.
        (
            b"name;note\n\"x, y, z\";1\n\"p, q\";2\n",
            Delimiter::Semicolon,
        ),
        // Consistency beats the number of fields: commas here are decimal separators.
        (b"id;price\n1;2,50\n2;3\n3;4,75,1\n", Delimiter::Semicolon),
    ] {
        assert_eq!(
            report(text).delimiter,
            expected,
            "{}",
            String::from_utf8_lossy(text)
        );
    }
}

#[test]
fn a_single_column_file_is_split_on_commas() {
    let r = report(b"customer\nc1\nc2\n");
    assert_eq!(r.delimiter, Delimiter::Comma);
    assert_eq!(r.header, ["customer"]);
    assert_eq!(r.rows, 2);
}

#[test]
fn quoted_fields_may_hold_delimiters_newlines_and_quotes() {
    let r = report(b"id,note\n1,\"two\nlines, and \"\"quotes\"\"\"\n2,plain\n");
    assert_eq!(r.header, ["id", "note"]);
    assert_eq!(r.rows, 2);
    assert_eq!(r.ragged.rows, 0);
}

#[test]
fn ragged_rows_are_counted_with_their_lines() {
    let text = b"a,b,c\n1,2,3\n1,2\n\n1,2,3,4\r\n5,6,7\r\n8";
    let r = report(text);
    assert_eq!(r.rows, 5, "blank lines are not rows");
    assert_eq!(
        r.ragged.first,
        [
            RaggedRow { line: 3, fields: 2 },
            RaggedRow { line: 5, fields: 4 },
            RaggedRow { line: 7, fields: 1 },
        ]
    );
    assert_eq!(r.ragged.rows, 3);
}

#[test]
fn only_the_first_ragged_rows_are_listed() {
    let mut text = b"a,b\n".to_vec();
    for _ in 0..25 {
        text.extend_from_slice(b"1\n");
    }
    let r = report(&text);
    assert_eq!(r.ragged.rows, 25);
    assert_eq!(r.ragged.first.len(), RAGGED_EXAMPLES);
    assert_eq!(r.ragged.first[9].line, 11);
}

#[test]
fn strips_a_utf8_bom_and_keeps_chinese_names() {
    let r = report("\u{feff}客户编号,订单日期\nA,2024年1月2日\n".as_bytes());
    assert_eq!(r.encoding, TextEncoding::Utf8Bom);
    assert_eq!(r.header, ["客户编号", "订单日期"]);
    assert_eq!(r.rows, 1);
}

#[test]
fn bad_input_gets_specific_errors() {
    assert!(matches!(run(b""), Err(ScanError::Empty)));
    assert!(matches!(
        run(b"PK\x03\x04\x00\x00"),
        Err(ScanError::NotText { offset: 4 })
    ));
    assert!(matches!(
        run(b"\xff\xfea\x00,\x00b\x00"),
        Err(ScanError::UnsupportedEncoding(TextEncoding::Utf16Le))
    ));
    let message = run(b"\x00").map(|_| ()).expect_err("binary").to_string();
    assert!(message.contains("not a text file"), "{message}");
}

#[test]
fn header_only_file_has_no_rows() {
    let r = report(b"a,b,c");
    assert_eq!(r.header, ["a", "b", "c"]);
    assert_eq!(r.rows, 0);
}

/// A reader that hands out its bytes in tiny pieces, as a slow file might.
struct Trickle<'a>(&'a [u8]);

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = buf.len().min(self.0.len()).min(3);
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

#[test]
fn chunk_boundaries_do_not_change_the_result() {
    // Over two chunks, with quoted newlines and a ragged row on either side of the cut.
    let mut text = b"id,name,\"a,b\"\n".to_vec();
    let mut i: u64 = 0;
    while text.len() < CHUNK + 5000 {
        text.extend_from_slice(format!("{i},\"n\n{i}\",x\n").as_bytes());
        if i.is_multiple_of(997) {
            text.extend_from_slice(b"ragged\n");
        }
        i += 1;
    }
    let whole = report(&text);
    let trickled = pollster::block_on(scan(Trickle(&text), None, &mut Unattended)).expect("scans");
    assert_eq!(whole, trickled);
    assert_eq!(whole.rows, i + i.div_ceil(997));
    assert_eq!(whole.ragged.rows, i.div_ceil(997));
    assert_eq!(whole.header, ["id", "name", "a,b"]);
}

/// Records every checkpoint and interrupts at the `stop_at`-th.
struct Recorder {
    seen: Vec<Progress>,
    stop_at: Option<usize>,
}

impl Control for Recorder {
    fn checkpoint(
        &mut self,
        progress: Progress,
    ) -> impl std::future::Future<Output = Result<(), Interrupted>> {
        self.seen.push(progress);
        let stop = self.stop_at == Some(self.seen.len());
        std::future::ready(if stop {
            Err(Interrupted::Cancelled)
        } else {
            Ok(())
        })
    }
}

#[test]
fn reports_progress_in_bytes_and_stops_when_interrupted() {
    let text = "a,b\n1,2\n".repeat(CHUNK / 8 * 3 + 10);
    let total = text.len() as u64;
    let mut recorder = Recorder {
        seen: Vec::new(),
        stop_at: None,
    };
    pollster::block_on(scan(Cursor::new(&text), Some(total), &mut recorder)).expect("scans");
    let done: Vec<u64> = recorder.seen.iter().map(|p| p.done).collect();
    assert_eq!(
        done,
        [CHUNK as u64, 2 * CHUNK as u64, 3 * CHUNK as u64, total]
    );
    assert!(recorder.seen.iter().all(|p| p.total == Some(total)));

    let mut recorder = Recorder {
        seen: Vec::new(),
        stop_at: Some(2),
    };
    let result = pollster::block_on(scan(Cursor::new(&text), Some(total), &mut recorder));
    assert!(matches!(
        result,
        Err(ScanError::Interrupted(Interrupted::Cancelled))
    ));
    assert_eq!(recorder.seen.len(), 2, "no work after the interruption");
}

#[test]
fn read_errors_are_reported() {
    struct Broken;
    impl Read for Broken {
        fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
            Err(io::Error::other("disk gone"))
        }
    }
    let error = pollster::block_on(scan(Broken, None, &mut Unattended)).expect_err("fails");
    assert_eq!(error.to_string(), "the file could not be read: disk gone");
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let _ = run(&bytes);
        }

        #[test]
        fn counts_every_generated_row(
            rows in proptest::collection::vec(
                proptest::collection::vec("[a-z0-9 ,;\"\n]{0,8}", 3), 1..40),
            delimiter in proptest::sample::select(Delimiter::ALL.to_vec()),
        ) {
            let d = delimiter.as_char();
            let quote = |f: &String| format!("\"{}\"", f.replace('"', "\"\""));
            let mut text = format!("x{d}y{d}z\n");
            for row in &rows {
                text.push_str(&row.iter().map(quote).collect::<Vec<_>>().join(&d.to_string()));
                text.push('\n');
            }
            let r = run(text.as_bytes()).expect("scans");
            prop_assert_eq!(r.rows, rows.len() as u64);
            prop_assert_eq!(r.ragged.rows, 0);
            prop_assert_eq!(r.delimiter, delimiter);
        }
    }
}
