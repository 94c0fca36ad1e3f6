//! End-to-end tests of [`load`] on whole files.

use super::*;
use crate::control::Unattended;
use crate::ingest::date::DateFormat;
use crate::ingest::number::NumberStyle;
use crate::ingest::reader::Problem;

fn try_load(bytes: &[u8]) -> Result<Loaded, LoadError> {
    try_load_with(bytes, &LoadOptions::default())
}

fn try_load_with(bytes: &[u8], options: &LoadOptions) -> Result<Loaded, LoadError> {
    pollster::block_on(load(
        bytes,
        Some(bytes.len() as u64),
        options,
        &mut Unattended,
    ))
}

fn loaded(bytes: &[u8]) -> LoadReport {
    let report = try_load(bytes).expect("loads").report;
    assert_eq!(
        report.read,
        report.kept + report.rejected.count,
        "counts reconcile"
    );
    report
}

fn roles(report: &LoadReport) -> Vec<(Role, &str)> {
    report
        .mapping
        .columns
        .iter()
        .map(|(role, c)| (*role, report.columns[*c].name.as_str()))
        .collect()
}

fn error(bytes: &[u8]) -> String {
    try_load(bytes).map(|_| ()).expect_err("fails").to_string()
}

#[test]
fn gbk_file_from_a_chinese_excel() {
    let text = "客户编号,订单号,下单日期,商品名称,数量,实付金额\r\n".to_owned()
        + &"C001,D1001,2024年1月5日,精品咖啡豆,2,￥128.00\r\nC002,D1002,2024年2月16日,绿茶礼盒,1,\"￥1,088.50\"\r\n"
            .repeat(20);
    let (bytes, _, _) = encoding_rs::GBK.encode(&text);
    let report = loaded(&bytes);
    assert_eq!(report.encoding, "GBK");
    assert_eq!((report.read, report.kept), (40, 40));
    assert_eq!(
        roles(&report),
        [
            (Role::Customer, "客户编号"),
            (Role::Order, "订单号"),
            (Role::Date, "下单日期"),
            (Role::Product, "商品名称"),
            (Role::Quantity, "数量"),
            (Role::Amount, "实付金额"),
        ]
    );
    let amount = &report.columns[5];
    assert_eq!(
        amount.column_type,
        ColumnType::Number {
            style: NumberStyle::DecimalPoint
        }
    );
    assert!(matches!(amount.summary, profile::Summary::Numbers { max, .. } if max == 1088.5));
    assert!(matches!(
        report.columns[2].column_type,
        ColumnType::Date { reading } if reading.format == DateFormat::Chinese
    ));
}

#[test]
fn gbk_names_after_a_long_ascii_start_stay_apart() {
    // Found in review: detection used to look at the first 64 KiB only, read this as
    // UTF-8 and merged 张三, 李四 and 王五 into one customer.
    let text = "customer,date\n".to_owned()
        + &"C0001,2024-01-05\n".repeat(5000)
        + "张三,2024-01-06\n李四,2024-01-07\n王五,2024-01-08\n";
    let (bytes, _, _) = encoding_rs::GBK.encode(&text);
    let report = loaded(&bytes);
    assert_eq!(
        (report.encoding.as_str(), report.malformed_bytes),
        ("GBK", 0)
    );
    assert_eq!(report.columns[0].distinct, 4);
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.starts_with("The text encoding was guessed as GBK"))
    );
}

#[test]
fn utf16_tab_separated_unicode_text_from_excel() {
    let text = "Customer\tOrder\tDate\tProduct\tQuantity\n".to_owned()
        + &"Zoë\tA-1\t2024-03-01\tCafé crème\t1\nMärta\tA-2\t2024-03-02\tThé\t3\n".repeat(5);
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let report = loaded(&bytes);
    assert_eq!(
        (report.encoding.as_str(), report.delimiter),
        ("UTF-16LE", Delimiter::Tab)
    );
    assert_eq!(report.kept, 10);
    assert!(
        matches!(&report.columns[3].summary, profile::Summary::Text { top } if top[0].0 == "Café crème")
    );
}

#[test]
fn windows_1252_with_semicolons_decimal_commas_and_day_first_dates() {
    let text = "Kunde;Bestellung;Date;Produit;Prix unitaire;Amount\n".to_owned()
        + &"Müller;1;25/12/2023;Crème brûlée;3,50;7,00 €\nLefèvre;2;05/01/2024;Café;1.234,50;1.234,50 €\n"
            .repeat(10);
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    let mapping = Mapping {
        columns: vec![(Role::Customer, 0), (Role::Date, 2)],
    };
    let options = LoadOptions {
        mapping: Some(mapping),
        ..LoadOptions::default()
    };
    let report = try_load_with(&bytes, &options).expect("loads").report;
    assert_eq!(
        (report.encoding.as_str(), report.delimiter),
        ("windows-1252", Delimiter::Semicolon)
    );
    assert!(
        matches!(&report.columns[0].summary, profile::Summary::Text { top } if top[0].0 == "Lefèvre")
    );
    assert_eq!(
        report.columns[5].column_type,
        ColumnType::Number {
            style: NumberStyle::DecimalComma
        }
    );
    assert!(matches!(
        report.columns[2].column_type,
        ColumnType::Date { reading } if reading.format == DateFormat::DayMonthYear && !reading.order_assumed
    ));
    // German and French headers are known names: without the user's mapping they are
    // guessed.
    let guessed = try_load(&bytes).expect("loads").report;
    assert_eq!(
        roles(&guessed),
        [
            (Role::Customer, "Kunde"),
            (Role::Order, "Bestellung"),
            (Role::Date, "Date"),
            (Role::Product, "Produit"),
            (Role::UnitPrice, "Prix unitaire"),
            (Role::Amount, "Amount"),
        ]
    );
}

#[test]
fn the_users_mapping_replaces_the_guess() {
    let text = "Kunde;Datum\nA;2024-01-01\nB;2024-01-02\n";
    let options = LoadOptions {
        mapping: Some(Mapping {
            columns: vec![(Role::Customer, 0), (Role::Date, 1)],
        }),
        ..LoadOptions::default()
    };
    let report = try_load_with(text.as_bytes(), &options)
        .expect("loads")
        .report;
    assert_eq!(
        roles(&report),
        [(Role::Customer, "Kunde"), (Role::Date, "Datum")]
    );
}

#[test]
fn a_mapping_that_does_not_fit_is_refused_with_the_reason() {
    let text = b"Kunde;Datum;Betrag\nA;2024-01-01;3\nB;2024-01-02;4\n";
    let with = |columns: Vec<(Role, usize)>| {
        let options = LoadOptions {
            mapping: Some(Mapping { columns }),
            ..LoadOptions::default()
        };
        try_load_with(text, &options)
            .map(|_| ())
            .expect_err("refused")
            .to_string()
    };
    assert_eq!(
        with(vec![(Role::Customer, 0), (Role::Date, 7)]),
        "the column mapping does not fit this file: the date is mapped to column 8, but the file has 3"
    );
    assert_eq!(
        with(vec![(Role::Customer, 0), (Role::Date, 0)]),
        "the column mapping does not fit this file: the date or the column \"Kunde\" is mapped twice"
    );
    assert_eq!(
        with(vec![(Role::Customer, 0), (Role::Date, 2)]),
        "the column mapping does not fit this file: \"Betrag\" cannot be the date: its values are not dates"
    );
}

#[test]
fn semicolon_files_read_unmarked_thousands_as_thousands() {
    // Found in review: 1.234 in a German export is one thousand two hundred and thirty-four.
    let report =
        loaded(b"customer;date;amount\na;2024-01-01;1.234\nb;2024-01-02;500\nc;2024-01-03;2.500\n");
    assert_eq!(
        report.columns[2].column_type,
        ColumnType::Number {
            style: NumberStyle::DecimalComma
        }
    );
    assert!(
        matches!(report.columns[2].summary, profile::Summary::Numbers { max, .. } if max == 2500.0)
    );
}

#[test]
fn utf8_bom_us_dates_and_dollars() {
    let text = "\u{feff}customer_id,order_id,order_date,product,qty,unit_price\n".to_owned()
        + &"17850,536365,12/1/2010 8:26,WHITE HANGING HEART,6,$2.55\n13047,536366,12/13/2010 8:28,HAND WARMER,6,$1.85\n"
            .repeat(3);
    let report = loaded(text.as_bytes());
    assert_eq!(
        (report.encoding.as_str(), report.encoding_evidence),
        ("UTF-8", Evidence::ByteOrderMark)
    );
    assert!(matches!(
        report.columns[2].column_type,
        ColumnType::Date { reading } if reading.format == DateFormat::MonthDayYear
    ));
    assert!(matches!(
        &report.columns[2].summary,
        profile::Summary::Dates { first, last, .. } if first == "2010-12-01 08:26:00" && last == "2010-12-13 08:28:00"
    ));
    assert_eq!(roles(&report).len(), 6);
}

#[test]
fn pipes_unix_times_and_excel_serials() {
    let unix = "customer|timestamp|item\na|1704412800|x\nb|1704499200|y\n";
    let report = loaded(unix.as_bytes());
    assert_eq!(report.delimiter, Delimiter::Pipe);
    assert!(matches!(
        report.columns[1].column_type,
        ColumnType::Date { reading } if reading.format == DateFormat::UnixSeconds
    ));
    let excel = "Customer,Order Date\na,45296\nb,45297.5\n";
    let report = loaded(excel.as_bytes());
    assert!(matches!(
        &report.columns[1].summary,
        profile::Summary::Dates { first, last, .. } if first == "2024-01-05 00:00:00" && last == "2024-01-06 12:00:00"
    ));
}

#[test]
fn ambiguous_dates_are_read_day_first_and_said_so() {
    let report = loaded(b"customer,date\na,03/04/2024\nb,05/06/2024\n");
    assert_eq!(report.notes.len(), 1);
    assert!(
        report.notes[0].contains("read day first"),
        "{}",
        report.notes[0]
    );
    assert!(
        matches!(&report.columns[1].summary, profile::Summary::Dates { first, .. } if first == "2024-04-03 00:00:00")
    );
}

#[test]
fn messy_rows_are_repaired_or_rejected_and_counts_reconcile() {
    let text = "customer,date,product,quantity\n\
                a,2024-01-01,coffee,2\n\
                b,2024-01-02,tea\n\
                ,2024-01-03,tea,1\n\
                c,not a date,tea,1\n\
                d,2024-01-04,cake,1,extra\n\
                a,2024-01-01,coffee,2\n\
                e,,tea,1\n\
                f,2024-01-05,tea,-1\n";
    let report = loaded(text.as_bytes());
    assert_eq!(
        (
            report.read,
            report.kept,
            report.rejected.count,
            report.repaired.count
        ),
        (8, 5, 3, 1)
    );
    let rejected: Vec<(u64, Option<&str>, String)> = report
        .rejected
        .first
        .iter()
        .map(|i| (i.line, i.column.as_deref(), i.problem.to_string()))
        .collect();
    assert_eq!(
        rejected,
        [
            (
                6,
                None,
                "5 fields where the header has 4; a value may contain the delimiter without quotes"
                    .into()
            ),
            (5, Some("date"), "\"not a date\" is not a date".into()),
            (8, Some("date"), "the value is missing".into()),
        ]
    );
    assert_eq!(report.repaired.first[0].line, 3);
    assert_eq!(report.duplicates, 1, "line 7 repeats line 2");
    assert_eq!(report.returns, 1, "negative quantity");
    assert_eq!(
        report.interpretation.guests.lines, 1,
        "line 4 has no customer"
    );
}

#[test]
fn an_excel_sep_line_names_the_delimiter() {
    let report = loaded(b"sep=;\r\ncustomer;date;amount\r\na;2024-01-01;1,5\r\nb;2024-01-02\r\n");
    assert_eq!(report.delimiter, Delimiter::Semicolon);
    assert_eq!(report.columns[0].name, "customer");
    assert_eq!((report.kept, report.repaired.first[0].line), (2, 4));
}

#[test]
fn order_numbers_that_all_start_with_c_are_not_cancellations() {
    let report = loaded(
        b"customer,order,date\na,C1001,2024-01-01\nb,C1002,2024-01-02\nc,C1003,2024-01-03\n",
    );
    assert_eq!(report.returns, 0);
}

#[test]
fn cancelled_invoices_are_returns() {
    let report = loaded(b"InvoiceNo,CustomerID,InvoiceDate,Quantity\n536365,1,2010-12-01,6\n536366,2,2010-12-01,2\n536367,3,2010-12-01,1\n536368,1,2010-12-02,4\nC536379,1,2010-12-01,-1\nC536380,2,2010-12-02,1\n");
    assert_eq!(report.returns, 2);
}

#[test]
fn bad_files_get_specific_messages() {
    assert_eq!(error(b""), "the file is empty");
    assert_eq!(error(b"\n\n\n"), "the file is empty");
    assert!(
        error(b"ID\x00\x01,x\n")
            .starts_with("this is not a text file (it contains a zero byte at offset 2)")
    );
    assert_eq!(
        error(b"customer,date,product\n"),
        "the file has a header (3 columns) but no rows"
    );
    assert_eq!(
        error(b"customer\na\nb\n"),
        "only one column (\"customer\") was found; values must be separated by commas, semicolons, tabs or pipes"
    );
    assert!(
        error(b"customer,product\na,tea\n")
            .starts_with("no column holds order dates that can be read")
    );
    assert_eq!(
        error(b"customer,date\na,soon\nb,later\n"),
        "no column holds order dates that can be read (the columns are \"customer\", \"date\"); dates \
         such as 2024-01-31, 31/01/2024 or 2024年1月31日 are understood"
    );
    assert_eq!(
        error(b"customer,date\n,2024-01-01\n,2024-01-02\n"),
        "every one of the 2 kept lines is a guest's (no customer id, or one such as 0 or \
         guest), so there is no customer to analyse; choose the column that identifies \
         customers, or key guests by their email or phone"
    );
    let options = LoadOptions {
        max_bytes: Some(1 << 20),
        ..LoadOptions::default()
    };
    let big = vec![b'a'; (3 << 20) / 2];
    let too_large = pollster::block_on(load(&big[..], Some(3 << 20), &options, &mut Unattended));
    assert_eq!(
        too_large.map(|_| ()).expect_err("too large").to_string(),
        "the file is 3 MB, more than the 1 MB this browser tab can analyse; use the crm-lens \
         command-line program for it"
    );
}

#[test]
fn a_runaway_quote_or_a_json_file_is_explained() {
    let mut text = String::from("customer,date,note\na,2024-01-01,ok\nb,2024-01-02,\"Tea 12oz\n");
    text.push_str(&"c,2024-01-03,x\n".repeat(997));
    assert_eq!(
        error(text.as_bytes()),
        "line 3 opens a quote that is not closed, so 998 lines from there on run together \
         into one row; fix that quote (or remove it) and load the file again"
    );
    let json = format!("[{}]", "{\"customer\":\"c0\",\"x\":1},".repeat(6_000));
    assert_eq!(
        error(json.as_bytes()),
        "the first line has 12001 fields, which is not a table of orders (it looks like JSON); \
         export the data as CSV with one row per order line"
    );
}

#[test]
fn an_unclosed_quote_costs_one_row_not_the_file() {
    let mut text = String::from("customer,date,note\na,2024-01-01,fine\nb,2024-01-02,\"oops\n");
    text.push_str(&"c,2024-01-03,x\n".repeat(reader::MAX_FIELD_BYTES / 14 + 10));
    let report = loaded(text.as_bytes());
    assert_eq!((report.read, report.kept, report.rejected.count), (2, 1, 1));
    assert_eq!(report.rejected.first[0].problem, Problem::FieldTooLong);
}

#[test]
fn extra_tables_need_only_a_customer() {
    let options = LoadOptions {
        kind: TableKind::Extra,
        ..LoadOptions::default()
    };
    let report = try_load_with(
        b"customer_id,age,region\na,34,North\nb,51,South\n",
        &options,
    )
    .expect("loads")
    .report;
    assert_eq!(report.kept, 2);
    assert_eq!(roles(&report), [(Role::Customer, "customer_id")]);
}

#[test]
fn progress_is_reported_and_a_cancel_stops_the_load() {
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
    let text = "customer,date\n".to_owned() + &"a,2024-01-01\n".repeat(300_000);
    let mut control = StopAt(usize::MAX, Vec::new());
    let result = pollster::block_on(load(
        text.as_bytes(),
        None,
        &LoadOptions::default(),
        &mut control,
    ));
    assert_eq!(result.expect("loads").report.kept, 300_000);
    assert!(
        control.1.len() >= 4 && control.1.windows(2).all(|w| w[0] <= w[1]),
        "{:?}",
        control.1
    );
    let mut control = StopAt(2, Vec::new());
    let result = pollster::block_on(load(
        text.as_bytes(),
        None,
        &LoadOptions::default(),
        &mut control,
    ));
    assert!(matches!(
        result,
        Err(LoadError::Interrupted(Interrupted::Cancelled))
    ));
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
            if let Ok(loaded) = try_load(&bytes) {
                let r = loaded.report;
                prop_assert_eq!(r.read, r.kept + r.rejected.count);
            }
        }

        #[test]
        fn messy_csv_always_reconciles(
            rows in proptest::collection::vec(
                proptest::collection::vec("[a-c0-9 ,\"/-]{0,6}", 0..5), 1..60),
        ) {
            let mut text = String::from("customer,date,amount\n");
            for (i, row) in rows.iter().enumerate() {
                let mut fields = row.clone();
                if i % 2 == 0 {
                    fields.insert(0, format!("c{i}"));
                    fields.insert(1, "2024-01-0".to_owned() + &(i % 9 + 1).to_string());
                }
                text.push_str(&fields.join(","));
                text.push('\n');
            }
            if let Ok(loaded) = try_load(text.as_bytes()) {
                let r = loaded.report;
                prop_assert_eq!(r.read, r.kept + r.rejected.count);
                prop_assert_eq!(r.kept as usize, loaded.dataset.table.rows());
                prop_assert!(r.rejected.first.len() as u64 <= r.rejected.count);
            }
        }
    }
}

#[test]
fn excel_day_month_name_dates_are_read() {
    let report = loaded(
        b"Customer,Invoice Date,Amount\nA,05-Jan-24,3.50\nB,17-Feb-24,4.00\nA,3-Mar-2024 14:30,1.20\n",
    );
    assert_eq!(report.kept, 3);
    assert!(matches!(
        report.columns[1].column_type,
        ColumnType::Date { reading } if reading.format == DateFormat::MonthName
    ));
    assert!(matches!(
        &report.columns[1].summary,
        profile::Summary::Dates { first, last, .. }
            if first == "2024-01-05 00:00:00" && last == "2024-03-03 14:30:00"
    ));
    assert_eq!(roles(&report)[1], (Role::Date, "Invoice Date"));
}

#[test]
fn a_plain_load_needs_no_role() {
    let plain = |csv: &str| {
        pollster::block_on(load_plain(
            csv.as_bytes(),
            None,
            &LoadOptions::default(),
            &mut Unattended,
        ))
    };
    let iris = "sepal_length,sepal_width\n5.1,3.5\n4.9,3.0\n";
    let loaded = plain(iris).expect("a table of numbers loads");
    assert_eq!((loaded.report.read, loaded.report.kept), (2, 2));
    assert!(matches!(loaded.dataset.types[0], ColumnType::Number { .. }));
    // As a transaction log or an extra table it has no key.
    assert!(matches!(
        try_load(iris.as_bytes()),
        Err(LoadError::NoCustomerColumn { .. })
    ));
    let extra = LoadOptions {
        kind: TableKind::Extra,
        ..LoadOptions::default()
    };
    assert!(matches!(
        try_load_with(iris.as_bytes(), &extra),
        Err(LoadError::NoKeyColumn { .. })
    ));
    let pairs = plain("transaction_id,item\n1,bread\n1,milk\n2,jam\n").expect("a basket file");
    assert_eq!(pairs.dataset.table.rows(), 3);
    assert!(matches!(plain(""), Err(LoadError::Empty)));
}
