use super::*;
use std::sync::OnceLock;

/// Every layout's export from [`SEED`], generated once for all the tests.
fn corpus() -> &'static [(Layout, Export)] {
    static CORPUS: OnceLock<Vec<(Layout, Export)>> = OnceLock::new();
    CORPUS.get_or_init(|| Layout::ALL.map(|l| (l, l.generate(SEED))).to_vec())
}

fn text(export: &Export) -> String {
    let bytes = &export.bytes;
    let (encoding, body) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(body) => (encoding_rs::UTF_8, body),
        None => match export.truth.file_name {
            "ExportOrderList202501.csv" | "订单导出.csv" | "orders_export.csv" => {
                (encoding_rs::GBK, &bytes[..])
            }
            "Bestellungen.csv" => (encoding_rs::WINDOWS_1252, &bytes[..]),
            _ => (encoding_rs::UTF_8, &bytes[..]),
        },
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    assert!(!had_errors, "{}", export.truth.file_name);
    text.into_owned()
}

#[test]
fn the_same_seed_writes_the_same_bytes_and_another_seed_others() {
    for (layout, a) in corpus() {
        let again = layout.generate(SEED);
        assert_eq!(a.bytes, again.bytes, "{layout:?}");
        assert_eq!(a.truth, again.truth, "{layout:?}");
        assert_ne!(a.bytes, layout.generate(SEED + 1).bytes, "{layout:?}");
    }
}

#[test]
fn every_layout_is_small_but_real_and_its_truth_adds_up() {
    for (layout, export) in corpus() {
        let t = &export.truth;
        assert!(
            (250..=800).contains(&t.lines),
            "{layout:?}: {} lines",
            t.lines
        );
        assert!(
            t.refunded_lines > 0 && t.refunded_lines < t.lines / 4,
            "{layout:?}"
        );
        assert!(t.guest_lines < t.lines / 2, "{layout:?}");
        assert!(t.revenue > 0.0, "{layout:?}");
        assert!(t.roles.len() >= 7, "{layout:?}");
        // Every role at most once, every header in the file's first line.
        let header = text(export).lines().next().unwrap_or_default().to_owned();
        for (i, (role, name)) in t.roles.iter().enumerate() {
            assert!(
                !t.roles[..i].iter().any(|(r, _)| r == role),
                "{layout:?}: {role}"
            );
            assert!(header.contains(name), "{layout:?}: {name} not in {header}");
        }
        for required in [Role::Customer, Role::Order, Role::Date, Role::Product] {
            assert!(
                t.roles.iter().any(|(r, _)| *r == required),
                "{layout:?}: {required}"
            );
        }
    }
}

#[test]
fn the_truth_counts_the_rows_written() {
    for (layout, export) in corpus() {
        let text = text(export);
        // Records, not physical lines: Magento's purchase point has line breaks in quotes.
        let mut records = 0u64;
        let mut quoted = false;
        let mut previous = '\n';
        for c in text.chars() {
            match c {
                '"' => quoted = !quoted,
                '\n' if !quoted => records += 1,
                _ => {}
            }
            previous = c;
        }
        assert_eq!(previous, '\n', "{layout:?}");
        assert_eq!(records, export.truth.lines + 1, "{layout:?}");
    }
}

#[test]
fn layouts_write_what_their_platforms_write() {
    let text_of = |layout: Layout| {
        corpus()
            .iter()
            .find(|(l, _)| *l == layout)
            .map(|(_, export)| text(export))
            .unwrap_or_default()
    };
    let shopify = text_of(Layout::Shopify);
    assert!(shopify.contains("\n#1001,") && shopify.contains(",partially_refunded,"));
    assert!(text_of(Layout::WooCommerce).contains(",GBP,PayPal,0,Sam,"));
    assert!(text_of(Layout::Magento).contains("\"NOT LOGGED IN\""));
    assert!(text_of(Layout::Square).contains(",Refund,"));
    assert!(text_of(Layout::Stripe).contains(",Refunded,"));
    assert!(text_of(Layout::PayPal).contains("\"Payment Refund\",\"Completed\""));
    assert!(text_of(Layout::Taobao).contains("邮费补差"));
    assert!(text_of(Layout::Jd).contains("****"));
    assert!(text_of(Layout::Youzan).contains("匿名用户"));
    assert!(text_of(Layout::Pinduoduo).contains("退款成功"));
    assert!(text_of(Layout::Shopee).contains(",Unpaid,"));
    let uci = text_of(Layout::Uci);
    assert!(uci.contains("\nC5") && uci.contains(",POST,POSTAGE,"));
    let german = text_of(Layout::German);
    assert!(german.contains(";Versandkosten;") && german.contains(" €;"));
    assert!(german.contains("\r\n"));
    assert!(
        Layout::German.generate(SEED).bytes.contains(&0x80),
        "€ in windows-1252"
    );
}

#[test]
fn names_round_trip() {
    for layout in Layout::ALL {
        assert_eq!(Layout::from_name(layout.name()), Some(layout));
    }
    assert_eq!(Layout::from_name(" Shopify "), Some(Layout::Shopify));
    assert_eq!(Layout::from_name("etsy"), None);
}

/// Rows, rows that are no purchases, guests' rows, pseudo-products' rows and revenue,
/// as `scripts/exports-truth.sh` reads them from the files independently (Python's csv
/// module and each platform's documented rules, not this code).
const READ_INDEPENDENTLY: [(&str, u64, u64, u64, u64, f64); 14] = [
    ("shopify", 655, 64, 66, 0, 30283.65),
    ("woocommerce", 657, 110, 217, 0, 20159.25),
    ("magento", 734, 91, 159, 0, 27475.00),
    ("bigcommerce", 625, 87, 108, 0, 25132.65),
    ("square", 728, 24, 292, 13, 21302.70),
    ("stripe", 420, 60, 64, 0, 20837.70),
    ("paypal", 438, 95, 0, 0, 17047.75),
    ("taobao", 394, 50, 0, 14, 143154.50),
    ("jd", 650, 98, 0, 0, 123813.30),
    ("youzan", 669, 103, 55, 0, 111243.70),
    ("pinduoduo", 450, 44, 0, 0, 89938.60),
    ("shopee", 676, 97, 0, 0, 30591.60),
    ("uci", 695, 16, 134, 73, 2836.70),
    ("german", 713, 92, 86, 98, 21467.74),
];

#[test]
fn the_truth_is_what_an_independent_reading_of_the_files_finds() {
    for (layout, export) in corpus() {
        let t = &export.truth;
        let found = (
            layout.name(),
            t.lines,
            t.refunded_lines,
            t.guest_lines,
            t.pseudo_product_lines,
        );
        let pinned = READ_INDEPENDENTLY
            .iter()
            .find(|row| row.0 == layout.name())
            .map(|row| ((row.0, row.1, row.2, row.3, row.4), row.5));
        assert_eq!(pinned.map(|p| p.0), Some(found));
        let revenue = pinned.map_or(0.0, |p| p.1);
        assert!(
            (t.revenue - revenue).abs() < 0.005,
            "{layout:?}: {}",
            t.revenue
        );
    }
}
