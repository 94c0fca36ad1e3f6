//! Workbooks loaded end to end: `.xlsx` written here with rust_xlsxwriter, `.xls` and
//! `.ods` from `tests/fixtures/workbooks/` (written by `scripts/workbook-fixtures.sh`).

// The helpers below are outside #[test] functions; a failed expectation there is a
// failed test all the same.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::control::{Control, Interrupted, Progress, Unattended};
use crate::ingest::date::DateFormat;
use crate::ingest::infer::ColumnType;
use crate::ingest::reader::Problem;
use crate::ingest::roles::Role;
use crate::ingest::{LoadError, LoadOptions, Loaded, TableKind, load, load_text};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};

fn load_with(bytes: &[u8], sheet: Option<&str>) -> Result<Loaded, LoadError> {
    let mut options = LoadOptions::default();
    options.reading.sheet = sheet.map(str::to_owned);
    pollster::block_on(load(
        bytes,
        Some(bytes.len() as u64),
        &options,
        &mut Unattended,
    ))
}

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/workbooks/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).expect(&path)
}

/// Each column's values, row by row (`None`: missing).
fn cells(loaded: &Loaded) -> Vec<Vec<Option<String>>> {
    let table = &loaded.dataset.table;
    table
        .columns
        .iter()
        .map(|column| {
            (0..table.rows())
                .map(|row| column.get(row).map(str::to_owned))
                .collect()
        })
        .collect()
}

fn column(loaded: &Loaded, name: &str) -> usize {
    loaded
        .dataset
        .table
        .columns
        .iter()
        .position(|c| c.name == name)
        .unwrap_or_else(|| panic!("no column {name:?}"))
}

/// Writes an orders table: Chinese headers, order ids and quantities as numbers, times
/// as date cells, an empty product cell and a blank row.
fn write_orders(sheet: &mut Worksheet, customers: &[&str]) {
    let date_time = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    for (c, name) in ["客户编号", "订单号", "下单时间", "商品", "数量", "金额"]
        .into_iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, name).unwrap();
    }
    let mut row = 1;
    for (i, customer) in customers.iter().enumerate() {
        if i == 2 {
            row += 1; // a blank row
        }
        let when = ExcelDateTime::from_ymd(2024, 1, 1 + (i % 28) as u8)
            .unwrap()
            .and_hms(14, 30, 0)
            .unwrap();
        sheet.write_string(row, 0, *customer).unwrap();
        sheet.write_number(row, 1, 1001.0 + i as f64).unwrap();
        sheet
            .write_datetime_with_format(row, 2, &when, &date_time)
            .unwrap();
        if i != 1 {
            sheet.write_string(row, 3, "咖啡").unwrap();
        }
        sheet.write_number(row, 4, 2.0).unwrap();
        sheet.write_number(row, 5, 19.9 + i as f64).unwrap();
        row += 1;
    }
}

fn xlsx(build: impl FnOnce(&mut Workbook)) -> Vec<u8> {
    let mut book = Workbook::new();
    build(&mut book);
    book.save_to_buffer().unwrap()
}

#[test]
fn an_xlsx_reads_as_its_csv_export_would() {
    let bytes = xlsx(|book| {
        let sheet = book.add_worksheet();
        sheet.set_name("订单").unwrap();
        write_orders(sheet, &["C1", "C2", "C1", "C3"]);
    });
    let loaded = load_with(&bytes, None).unwrap();
    let report = &loaded.report;
    assert_eq!((report.read, report.kept, report.rejected.count), (4, 4, 0));
    assert_eq!(report.bytes, bytes.len() as u64);
    let sheet = report.interpretation.sheet.as_ref().unwrap();
    assert_eq!(
        (sheet.name.as_str(), sheet.sheets.as_slice()),
        ("订单", &["订单".to_owned()][..])
    );
    // The row numbers of the sheet; row 4 is blank.
    assert_eq!(loaded.dataset.table.lines, [2, 3, 5, 6]);

    let csv = "客户编号,订单号,下单时间,商品,数量,金额\n\
               C1,1001,2024-01-01 14:30:00,咖啡,2,19.9\n\
               C2,1002,2024-01-02 14:30:00,,2,20.9\n\
               \n\
               C1,1003,2024-01-03 14:30:00,咖啡,2,21.9\n\
               C3,1004,2024-01-04 14:30:00,咖啡,2,22.9\n";
    let from_csv = load_text(csv, TableKind::Transactions);
    assert_eq!(cells(&loaded), cells(&from_csv));
    assert_eq!(report.columns, from_csv.report.columns);
    assert_eq!(report.mapping, from_csv.report.mapping);
    assert_eq!(loaded.dataset.table.lines, from_csv.dataset.table.lines);
    let date = column(&loaded, "下单时间");
    assert!(matches!(
        loaded.dataset.types[date],
        ColumnType::Date { reading } if reading.format == DateFormat::YearMonthDay
    ));
    assert_eq!(report.mapping.column(Role::Date), Some(date));
    assert_eq!(report.mapping.column(Role::Customer), Some(0));
}

#[test]
fn the_first_visible_sheet_with_data_is_read_unless_one_is_picked() {
    let bytes = xlsx(|book| {
        book.add_worksheet().set_name("Cover").unwrap();
        let hidden = book.add_worksheet();
        hidden.set_name("Lists").unwrap();
        write_orders(hidden, &["H1", "H2"]);
        hidden.set_hidden(true);
        write_orders(
            book.add_worksheet().set_name("2023").unwrap(),
            &["A", "B", "C"],
        );
        write_orders(book.add_worksheet().set_name("2024").unwrap(), &["D", "E"]);
    });
    let names = ["Cover", "Lists", "2023", "2024"]
        .map(str::to_owned)
        .to_vec();
    let first = load_with(&bytes, None).unwrap();
    let sheet = first.report.interpretation.sheet.unwrap();
    assert_eq!((sheet.name.as_str(), sheet.sheets), ("2023", names.clone()));
    assert_eq!(first.report.kept, 3);

    for (picked, kept) in [("2024", 2), ("Lists", 2)] {
        let loaded = load_with(&bytes, Some(picked)).unwrap();
        assert_eq!(loaded.report.interpretation.sheet.unwrap().name, picked);
        assert_eq!(loaded.report.kept, kept);
    }
    assert_eq!(
        load_with(&bytes, Some("2025")).unwrap_err().to_string(),
        "the workbook has no sheet named \"2025\"; its sheets are \"Cover\", \"Lists\", \"2023\", \"2024\""
    );
    assert_eq!(
        load_with(&bytes, Some("Cover")).unwrap_err().to_string(),
        "the sheet \"Cover\" is empty; the workbook's sheets are \"Cover\", \"Lists\", \"2023\", \"2024\""
    );
    let empty = xlsx(|book| {
        book.add_worksheet().set_name("A").unwrap();
        book.add_worksheet().set_name("B").unwrap();
    });
    assert_eq!(
        load_with(&empty, None).unwrap_err().to_string(),
        "none of the workbook's sheets (\"A\", \"B\") holds any data"
    );
}

#[test]
fn a_table_further_down_and_right_values_past_the_header_and_a_header_only() {
    let bytes = xlsx(|book| {
        let sheet = book.add_worksheet();
        sheet.write_string(2, 1, "customer").unwrap();
        sheet.write_string(2, 2, "date").unwrap();
        sheet.write_string(3, 1, "a").unwrap();
        sheet.write_string(3, 2, "2024-01-05").unwrap();
        sheet.write_string(4, 1, "b").unwrap();
        sheet.write_string(4, 2, "2024-01-06").unwrap();
        sheet.write_string(4, 4, "stray note").unwrap();
    });
    let loaded = load_with(&bytes, None).unwrap();
    let report = &loaded.report;
    let names: Vec<&str> = report.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["customer", "date"]);
    assert_eq!((report.read, report.kept, report.rejected.count), (2, 1, 1));
    let issue = &report.rejected.first[0];
    assert_eq!(
        (issue.line, issue.text.as_str()),
        (5, "b,2024-01-06,,stray note")
    );
    assert_eq!(
        issue.problem,
        Problem::ExtraFields {
            found: 4,
            expected: 2
        }
    );

    let header_only = xlsx(|book| {
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "customer").unwrap();
        sheet.write_string(0, 1, "date").unwrap();
    });
    assert_eq!(
        load_with(&header_only, None).unwrap_err().to_string(),
        "the file has a header (2 columns) but no rows"
    );
}

#[test]
fn xls_and_ods_fixtures_skip_the_empty_sheet_and_read_dates_as_dates() {
    for name in ["orders.xls", "orders.ods"] {
        let loaded = load_with(&fixture(name), None).unwrap_or_else(|e| panic!("{name}: {e}"));
        let report = &loaded.report;
        let sheet = report.interpretation.sheet.clone().unwrap();
        assert_eq!(sheet.name, "Orders", "{name}");
        assert_eq!(sheet.sheets, ["Cover", "Orders"], "{name}");
        assert_eq!((report.read, report.kept), (5, 5), "{name}");
        let names: Vec<&str> = report.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            ["客户", "订单号", "日期", "商品", "数量", "金额"],
            "{name}"
        );
        let table = cells(&loaded);
        assert_eq!(
            table[1],
            ["1001", "1002", "1003", "1004", "1005"].map(|v| Some(v.to_owned())),
            "{name}: whole numbers without .0"
        );
        assert_eq!(table[2][0].as_deref(), Some("2024-03-01"), "{name}");
        assert_eq!(table[3][2], None, "{name}: the empty cell is missing");
        assert_eq!(table[5][4].as_deref(), Some("19.9"), "{name}");
        assert!(
            matches!(loaded.dataset.types[2], ColumnType::Date { .. }),
            "{name}: {:?}",
            loaded.dataset.types[2]
        );
        assert_eq!(report.mapping.column(Role::Date), Some(2), "{name}");
        assert_eq!(report.mapping.column(Role::Customer), Some(0), "{name}");
    }
}

#[test]
fn the_youzan_export_fixture() {
    let loaded = load_with(&fixture("youzan.xlsx"), None).unwrap();
    let report = &loaded.report;
    assert_eq!((report.read, report.kept, report.rejected.count), (8, 8, 0));
    assert_eq!(
        report.interpretation.sheet.as_ref().unwrap().name,
        "订单明细"
    );
    let order = column(&loaded, "订单号");
    let time = column(&loaded, "下单时间");
    let phone = column(&loaded, "买家手机号");
    let table = &loaded.dataset.table;
    assert_eq!(table.columns[order].get(0), Some("E20240105093012045601"));
    assert_eq!(table.columns[time].get(0), Some("2024-01-05 09:30:12"));
    assert_eq!(table.columns[phone].get(0), Some("13800138001"));
    assert!(matches!(
        loaded.dataset.types[time],
        ColumnType::Date { .. }
    ));
    assert_eq!(report.mapping.column(Role::Date), Some(time));
    assert!(report.mapping.column(Role::Customer).is_some());
}

#[test]
fn broken_workbooks_and_zip_archives_are_explained() {
    let bytes = xlsx(|book| {
        write_orders(book.add_worksheet(), &["C1", "C2"]);
    });
    let cut = load_with(&bytes[..bytes.len() / 2], None)
        .unwrap_err()
        .to_string();
    assert!(
        cut.starts_with("this workbook (.xlsx) could not be read ("),
        "{cut}"
    );
    let ole = [
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..],
        &[0; 1000][..],
    ]
    .concat();
    let message = load_with(&ole, None).unwrap_err().to_string();
    assert!(
        message.starts_with("this workbook (.xls) could not be read ("),
        "{message}"
    );
    let archive = stored_zip("orders.csv", b"customer,date\na,2024-01-01\n");
    assert!(matches!(
        load_with(&archive, None),
        Err(LoadError::NotWorkbook)
    ));
    // The whole workbook is read into memory, so the limit holds without a known size.
    let options = LoadOptions {
        max_bytes: Some(1000),
        ..LoadOptions::default()
    };
    let big = [&bytes[..], &vec![0; 2 << 20][..]].concat();
    let too_large = pollster::block_on(load(&big[..], None, &options, &mut Unattended));
    assert!(matches!(too_large, Err(LoadError::TooLarge { .. })));
}

#[test]
fn converting_cells_reports_progress_and_stops_on_cancel() {
    struct StopAt(usize, Vec<u64>);
    impl Control for StopAt {
        fn checkpoint(
            &mut self,
            progress: Progress,
        ) -> impl std::future::Future<Output = Result<(), Interrupted>> {
            self.1.push(progress.done);
            std::future::ready(if self.1.len() == self.0 {
                Err(Interrupted::Cancelled)
            } else {
                Ok(())
            })
        }
    }
    let customers: Vec<String> = (0..10_000).map(|i| format!("C{i}")).collect();
    let customers: Vec<&str> = customers.iter().map(String::as_str).collect();
    let bytes = xlsx(|book| write_orders(book.add_worksheet(), &customers));
    let run = |control: &mut StopAt| {
        pollster::block_on(load(&bytes[..], None, &LoadOptions::default(), control))
    };
    let mut control = StopAt(usize::MAX, Vec::new());
    assert_eq!(run(&mut control).unwrap().report.kept, 10_000);
    // 10,002 rows are 3 checkpoints of conversion, then the one after reading.
    assert!(
        control.1.len() >= 4 && control.1.windows(2).all(|w| w[0] <= w[1]),
        "{:?}",
        control.1
    );
    let mut control = StopAt(2, Vec::new());
    assert!(matches!(
        run(&mut control),
        Err(LoadError::Interrupted(Interrupted::Cancelled))
    ));
}

/// A zip archive holding one file, stored uncompressed.
fn stored_zip(name: &str, data: &[u8]) -> Vec<u8> {
    let crc = crc32(data);
    let sizes = [crc, data.len() as u32, data.len() as u32];
    let mut zip = Vec::new();
    zip.extend_from_slice(b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
    for value in sizes {
        zip.extend_from_slice(&value.to_le_bytes());
    }
    zip.extend_from_slice(&(name.len() as u16).to_le_bytes());
    zip.extend_from_slice(&[0, 0]);
    zip.extend_from_slice(name.as_bytes());
    zip.extend_from_slice(data);
    let directory = zip.len() as u32;
    zip.extend_from_slice(b"PK\x01\x02\x14\x00\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
    for value in sizes {
        zip.extend_from_slice(&value.to_le_bytes());
    }
    zip.extend_from_slice(&(name.len() as u16).to_le_bytes());
    zip.extend_from_slice(&[0; 12]); // extra, comment, disk, attributes
    zip.extend_from_slice(&0u32.to_le_bytes()); // offset of the local header
    zip.extend_from_slice(name.as_bytes());
    let directory_len = zip.len() as u32 - directory;
    zip.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00\x01\x00\x01\x00");
    zip.extend_from_slice(&directory_len.to_le_bytes());
    zip.extend_from_slice(&directory.to_le_bytes());
    zip.extend_from_slice(&[0, 0]);
    zip
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
