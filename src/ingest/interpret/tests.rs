//! Whole small exports read as a person would.

use crate::ingest::reading::{GuestPolicy, Reading, StatusKind};
use crate::ingest::roles::Role;
use crate::ingest::{LoadOptions, LoadReport, Loaded, TableKind, load_text, load_text_with};
use crate::orders::Orders;

fn roles(report: &LoadReport) -> Vec<(Role, &str)> {
    let mut roles: Vec<(Role, &str)> = report
        .mapping
        .columns
        .iter()
        .map(|(role, c)| (*role, report.columns[*c].name.as_str()))
        .collect();
    roles.sort();
    roles
}

fn sorted(mut roles: Vec<(Role, &'static str)>) -> Vec<(Role, &'static str)> {
    roles.sort();
    roles
}

fn load_with(csv: &str, reading: Reading) -> Loaded {
    load_text_with(
        csv,
        &LoadOptions {
            reading,
            ..LoadOptions::default()
        },
    )
}

fn revenue(orders: &Orders) -> f64 {
    orders.purchases().map(|l| orders.amount[l]).sum()
}

/// A Shopify orders export: order names, totals on the first line only, a refunded and
/// a voided order, a partial refund.
const SHOPIFY: &str = "Name,Email,Financial Status,Paid at,Fulfillment Status,Currency,Subtotal,Shipping,Taxes,Total,Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Billing Name,Refunded Amount\n\
#1001,ann@example.com,paid,2024-01-02 10:00:00 +0100,fulfilled,EUR,30.00,5.00,0,35.00,0,2024-01-02 10:00:00 +0100,2,Mug,10.00,MUG-1,Ann,0\n\
#1001,ann@example.com,,,,,,,,,,2024-01-02 10:00:00 +0100,1,Tea,10.00,TEA-1,,\n\
#1002,bob@example.com,refunded,2024-01-03 11:00:00 +0100,fulfilled,EUR,20.00,5.00,0,25.00,0,2024-01-03 11:00:00 +0100,2,Tea,10.00,TEA-1,Bob,25.00\n\
#1003,cat@example.com,paid,2024-01-04 12:00:00 +0100,fulfilled,EUR,12.00,0,0,12.00,0,2024-01-04 12:00:00 +0100,1,Cake,4.00,CAKE-1,Cat,0\n\
#1003,cat@example.com,,,,,,,,,,2024-01-04 12:00:00 +0100,2,Mug,4.00,MUG-1,,\n\
#1004,ann@example.com,voided,,unfulfilled,EUR,10.00,0,0,10.00,0,2024-01-05 12:00:00 +0100,1,Mug,10.00,MUG-1,Ann,0\n\
#1005,dan@example.com,partially_refunded,2024-01-06 09:00:00 +0100,fulfilled,EUR,40.00,0,0,40.00,0,2024-01-06 09:00:00 +0100,2,Mug,10.00,MUG-1,Dan,10.00\n\
#1005,dan@example.com,,,,,,,,,,2024-01-06 09:00:00 +0100,2,Cake,10.00,CAKE-1,,\n";

#[test]
fn reads_a_shopify_export_as_a_person_would() {
    let loaded = load_text(SHOPIFY, TableKind::Transactions);
    let report = &loaded.report;
    let platform = report.interpretation.platform.as_ref().expect("recognised");
    assert_eq!(platform.name, "Shopify");
    assert_eq!(
        roles(report),
        sorted(vec![
            (Role::Customer, "Email"),
            (Role::Order, "Name"),
            (Role::Date, "Created at"),
            (Role::Status, "Financial Status"),
            (Role::Product, "Lineitem name"),
            (Role::ProductCode, "Lineitem sku"),
            (Role::Quantity, "Lineitem quantity"),
            (Role::UnitPrice, "Lineitem price"),
            (Role::OrderTotal, "Total"),
            (Role::RefundedAmount, "Refunded Amount"),
            (Role::Currency, "Currency"),
        ])
    );
    let statuses = &report.interpretation.statuses;
    let refunded = statuses
        .iter()
        .find(|s| s.value == "refunded")
        .expect("listed");
    assert_eq!(
        (refunded.kind, refunded.lines, refunded.counted),
        (StatusKind::Refunded, 1, false)
    );
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.contains("Recognised as a Shopify"))
    );
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.contains("not counted as purchases"))
    );
    assert!(
        report
            .interpretation
            .reasons
            .iter()
            .all(|r| !r.reason.is_empty())
    );

    let orders = Orders::from_dataset(&loaded.dataset);
    // Counted: #1001 (20 + 10), #1003 (4 + 8), #1005 (20 + 20 less a refund of 10).
    assert!(
        (revenue(&orders) - (30.0 + 12.0 + 30.0)).abs() < 1e-9,
        "{}",
        revenue(&orders)
    );
    // The refunded and voided orders are no purchases; their customers (Bob) buy nothing.
    assert_eq!(orders.purchases().count(), 6);
}

/// A WooCommerce export: guests with customer id 0, shipping and order totals repeated
/// on every line.
const WOOCOMMERCE: &str = "order_id,order_date,status,customer_id,billing_email,shipping_total,order_total,item_name,item_sku,quantity,item_total\n\
101,2024-02-01 10:00,completed,7,ann@example.com,4.00,34.00,Coffee beans,CB-1,2,20.00\n\
101,2024-02-01 10:00,completed,7,ann@example.com,4.00,34.00,Filter papers,FP-1,1,10.00\n\
102,2024-02-02 10:00,completed,0,guest1@example.com,4.00,19.00,Coffee beans,CB-1,1,10.00\n\
102,2024-02-02 10:00,completed,0,guest1@example.com,4.00,19.00,Mug,MG-1,1,5.00\n\
103,2024-02-03 10:00,refunded,8,bob@example.com,0.00,10.00,Coffee beans,CB-1,1,10.00\n\
104,2024-02-04 10:00,completed,0,guest2@example.com,4.00,14.00,Coffee beans,CB-1,1,10.00\n\
105,2024-02-05 10:00,processing,8,bob@example.com,0.00,25.00,Grinder,GR-1,1,20.00\n\
105,2024-02-05 10:00,processing,8,bob@example.com,0.00,25.00,Mug,MG-1,1,5.00\n";

#[test]
fn woocommerce_guests_are_never_one_customer() {
    let loaded = load_text(WOOCOMMERCE, TableKind::Transactions);
    let report = &loaded.report;
    assert_eq!(
        report
            .interpretation
            .platform
            .as_ref()
            .map(|p| p.name.as_str()),
        Some("WooCommerce")
    );
    let mapping = roles(report);
    assert!(mapping.contains(&(Role::Customer, "customer_id")));
    assert!(mapping.contains(&(Role::Product, "item_name")));
    assert!(mapping.contains(&(Role::Amount, "item_total")));
    assert!(mapping.contains(&(Role::OrderTotal, "order_total")));
    assert!(!mapping.iter().any(|(_, c)| *c == "shipping_total"));
    let guests = &report.interpretation.guests;
    assert_eq!(
        (guests.lines, guests.ids.clone()),
        (3, vec!["0".to_owned()])
    );
    let orders = Orders::from_dataset(&loaded.dataset);
    assert!(!orders.customer_names.iter().any(|c| c == "0"));
    assert!((revenue(&orders) - 55.0).abs() < 1e-9);

    // Keyed by email, each guest is their own customer.
    let keyed = load_with(
        WOOCOMMERCE,
        Reading {
            guests: GuestPolicy::Email,
            ..Reading::default()
        },
    );
    let orders = Orders::from_dataset(&keyed.dataset);
    assert!(
        orders
            .customer_names
            .iter()
            .any(|c| c == "guest1@example.com")
    );
    assert!(
        orders
            .customer_names
            .iter()
            .any(|c| c == "guest2@example.com")
    );
    assert!((revenue(&orders) - 80.0).abs() < 1e-9);
    assert_eq!(keyed.report.interpretation.guests.keyed, 3);
}

/// A JD export: the order total repeated on every SKU line, the recipient's name beside
/// the account, product ids beside names.
const JD: &str = "订单号,商品ID,商品名称,订购数量,下单时间,京东价,订单金额,订单状态,下单帐号,客户姓名,联系电话\n\
9001,100001,绿茶礼盒,1,2024-03-01 10:00:00,100.00,160.00,完成,jd_ann,张三,138\n\
9001,100002,紫砂壶,2,2024-03-01 10:00:00,30.00,160.00,完成,jd_ann,张三,138\n\
9002,100001,绿茶礼盒,1,2024-03-02 10:00:00,100.00,100.00,已取消,jd_bob,李四,139\n\
9003,100003,茶杯,3,2024-03-03 10:00:00,10.00,130.00,完成,jd_bob,李四,139\n\
9003,100001,绿茶礼盒,1,2024-03-03 10:00:00,100.00,130.00,完成,jd_bob,李四,139\n\
9004,100002,紫砂壶,1,2024-03-04 10:00:00,30.00,40.00,完成,jd_cat,王五,137\n\
9004,100003,茶杯,1,2024-03-04 10:00:00,10.00,40.00,完成,jd_cat,王五,137\n";

#[test]
fn jd_order_totals_are_not_line_amounts() {
    let loaded = load_text(JD, TableKind::Transactions);
    let report = &loaded.report;
    let mapping = roles(report);
    assert!(
        mapping.contains(&(Role::Customer, "下单帐号")),
        "{mapping:?}"
    );
    assert!(mapping.contains(&(Role::Product, "商品名称")));
    assert!(mapping.contains(&(Role::ProductCode, "商品ID")));
    assert!(mapping.contains(&(Role::OrderTotal, "订单金额")));
    assert!(mapping.contains(&(Role::Status, "订单状态")));
    let orders = Orders::from_dataset(&loaded.dataset);
    assert!(
        (revenue(&orders) - (160.0 + 130.0 + 40.0)).abs() < 1e-9,
        "{}",
        revenue(&orders)
    );
}

/// A Youzan export: an item status with three values is no product.
#[test]
fn a_status_is_never_the_product() {
    let mut csv =
        "订单号,订单状态,订单商品状态,商品规格,商品单价,商品数量,下单时间,买家手机号\n".to_owned();
    for i in 0..400 {
        let (status, item) = match i % 10 {
            0 => ("交易关闭", "退款成功"),
            1 => ("已发货", "已发货"),
            _ => ("交易成功", "交易成功"),
        };
        csv.push_str(&format!(
            "E{i},{status},{item},规格{},{}.00,1,2024-04-{:02} 10:00:00,1380000{:04}\n",
            i % 37,
            10 + i % 7,
            1 + i % 28,
            i % 50
        ));
    }
    let loaded = load_text(&csv, TableKind::Transactions);
    let mapping = roles(&loaded.report);
    assert!(mapping.contains(&(Role::Status, "订单状态")), "{mapping:?}");
    assert!(
        !mapping
            .iter()
            .any(|(r, c)| *r == Role::Product && c.contains("状态"))
    );
    let orders = Orders::from_dataset(&loaded.dataset);
    assert_eq!(orders.purchases().count(), 360);
}

#[test]
fn german_excel_csv_with_returns_and_postage() {
    let csv = "Bestellnummer;Kundennummer;Bestelldatum;Artikel;Artikelnummer;Menge;Einzelpreis;Status\n\
               A1;K1;02.01.2024;Kaffee;100;2;4,50;abgeschlossen\n\
               A1;K1;02.01.2024;Versandkosten;900;1;4,90;abgeschlossen\n\
               A2;K2;03.01.2024;Tee;101;1;3,00;storniert\n\
               A3;K2;04.01.2024;Tee;101;3;3,00;abgeschlossen\n\
               A4;K3;05.01.2024;Kaffee;100;1;4,50;Retoure\n";
    let loaded = load_text(csv, TableKind::Transactions);
    let mapping = roles(&loaded.report);
    for expected in [
        (Role::Order, "Bestellnummer"),
        (Role::Customer, "Kundennummer"),
        (Role::Product, "Artikel"),
        (Role::ProductCode, "Artikelnummer"),
        (Role::Quantity, "Menge"),
        (Role::UnitPrice, "Einzelpreis"),
        (Role::Status, "Status"),
    ] {
        assert!(mapping.contains(&expected), "{expected:?} in {mapping:?}");
    }
    let interpretation = &loaded.report.interpretation;
    assert_eq!(interpretation.pseudo_products.len(), 1);
    let orders = Orders::from_dataset(&loaded.dataset);
    assert!(
        (revenue(&orders) - 18.0).abs() < 1e-9,
        "{}",
        revenue(&orders)
    );
}

#[test]
fn a_date_and_a_time_column_make_one_moment() {
    let csv = "Date,Time,Transaction ID,Customer ID,Item,Qty,Net Sales\n\
               2024-05-01,09:30:00,T1,C1,Latte,1,4.00\n\
               2024-05-01,17:45:10,T2,C1,Latte,1,4.00\n";
    let loaded = load_text(csv, TableKind::Transactions);
    assert!(roles(&loaded.report).contains(&(Role::Time, "Time")));
    let orders = Orders::from_dataset(&loaded.dataset);
    assert_eq!(orders.date[1] - orders.date[0], 8 * 3600 + 15 * 60 + 10);
    assert_eq!(orders.order_count, 2);
}

/// Files a review read wrongly: each a small case of its own.
#[test]
fn a_shop_with_few_products_customer_zero_and_equal_prices() {
    let mut csv = "order_id,customer_id,date,product,amount\n".to_owned();
    for i in 0..600 {
        // Customer ids from 0; every line of an order at one price; four products.
        csv.push_str(&format!(
            "{},{},2024-01-{:02},P{},9.99\n",
            i / 2,
            (i / 2) % 50,
            1 + i % 28,
            i % 4
        ));
    }
    let loaded = load_text(&csv, TableKind::Transactions);
    let mapping = roles(&loaded.report);
    assert!(mapping.contains(&(Role::Product, "product")), "{mapping:?}");
    assert!(mapping.contains(&(Role::Amount, "amount")), "{mapping:?}");
    // Customer 0 is a customer here, and the report lists no guest id.
    assert_eq!(loaded.report.interpretation.guests.lines, 0);
    assert!(loaded.report.interpretation.guests.ids.is_empty());
    let orders = Orders::from_dataset(&loaded.dataset);
    assert!((revenue(&orders) - 600.0 * 9.99).abs() < 1e-6);
    assert!(orders.customer_names.iter().any(|c| c == "0"));
}

#[test]
fn discounts_and_colours_are_no_amounts_and_no_orders() {
    let csv = "Sale Date,Item Name,Buyer,Quantity,Price,Discount Amount,Item Total,Order ID,Colour\n\
               2024-01-02,Mug,ann,1,10.00,1.00,9.00,1,#FF0000\n\
               2024-01-03,Tea,bob,2,5.00,0.00,10.00,2,#00FF00\n\
               2024-01-04,Mug,ann,1,10.00,0.00,10.00,3,#FF0000\n";
    let loaded = load_text(csv, TableKind::Transactions);
    let mapping = roles(&loaded.report);
    assert!(
        mapping.contains(&(Role::Amount, "Item Total")),
        "{mapping:?}"
    );
    assert!(mapping.contains(&(Role::Order, "Order ID")), "{mapping:?}");
    assert!(
        !mapping
            .iter()
            .any(|(_, c)| *c == "Discount Amount" || *c == "Colour")
    );
}

#[test]
fn an_order_total_is_shared_among_purchases_only() {
    let csv = "order_id,customer,date,product,order_total\n\
               1,ann,2024-01-02,Book,33\n\
               1,ann,2024-01-02,Book 2,33\n\
               1,ann,2024-01-02,Shipping,33\n";
    let loaded = load_text(csv, TableKind::Transactions);
    assert!(roles(&loaded.report).contains(&(Role::OrderTotal, "order_total")));
    let orders = Orders::from_dataset(&loaded.dataset);
    assert!(
        (revenue(&orders) - 33.0).abs() < 1e-9,
        "{}",
        revenue(&orders)
    );
}

#[test]
fn a_generic_file_is_no_platform_and_keeps_its_status() {
    let mut csv = "Date,Time,Category,Item,Qty,SKU,Customer ID,Price,Status,Email\n".to_owned();
    for i in 0..200 {
        let status = if i % 5 == 0 { "Refunded" } else { "Paid" };
        csv.push_str(&format!(
            "2024-02-{:02},10:{:02},Cups,Cup {},1,C{},K{},4.50,{status},k{}@example.com\n",
            1 + i % 28,
            i % 60,
            i % 9,
            i % 9,
            i % 30,
            i % 30
        ));
    }
    let loaded = load_text(&csv, TableKind::Transactions);
    assert_eq!(loaded.report.interpretation.platform, None);
    let mapping = roles(&loaded.report);
    assert!(mapping.contains(&(Role::Status, "Status")), "{mapping:?}");
    assert!(mapping.contains(&(Role::Email, "Email")), "{mapping:?}");
    let orders = Orders::from_dataset(&loaded.dataset);
    assert_eq!(orders.purchases().count(), 160);
}

#[test]
fn guests_keyed_by_a_column_the_file_lacks_are_said_to_be_left_out() {
    let csv = "customer,date,product,amount\n0,2024-01-02,Tea,3\n0,2024-01-03,Tea,3\n\
               0,2024-01-04,Tea,3\n0,2024-01-05,Tea,3\n0,2024-01-06,Tea,3\n0,2024-01-07,Tea,3\n\
               guest,2024-01-02,Mug,5\na,2024-01-02,Mug,5\nb,2024-01-03,Mug,5\n";
    let loaded = load_with(
        csv,
        Reading {
            guests: GuestPolicy::Email,
            ..Reading::default()
        },
    );
    let notes = loaded.report.notes.join(" ");
    assert!(
        notes.contains("you chose to key them by their email, but none has one"),
        "{notes}"
    );
    // `0` with a customer's share of lines is a customer; `guest` is a guest.
    assert_eq!(loaded.report.interpretation.guests.lines, 1);
}
