//! Youzan (有赞) order export: a row per item; the buyer known by `买家手机号` (empty
//! for anonymous offline orders, whose nickname is `匿名用户`); `订单状态` the order's
//! status and `订单商品状态` the item's delivery state (three values); `商品实际成交金额`
//! the line's money and `订单实付金额` the order's, repeated. UTF-8 with a byte order
//! mark.

use super::catalogues::CHINESE;
use super::sheet::{Encoding, Money, RowTruth, Sheet, TIME};
use super::shop::{Fate, Names, Plan, Shop, Statuses};
use super::{Export, Header, export};
use crate::ingest::roles::Role;
use chrono::NaiveDate;
use rand_chacha::ChaCha8Rng;

const HEADER: [&str; 17] = [
    "订单号",
    "订单状态",
    "订单商品状态",
    "下单时间",
    "付款时间",
    "买家昵称",
    "买家手机号",
    "收货人/提货人",
    "收货人手机号/提货人手机号",
    "商品名称",
    "商品编码",
    "商品单价",
    "商品数量",
    "商品实际成交金额",
    "订单实付金额",
    "运费",
    "买家备注",
];

const STATUSES: Statuses = Statuses(&[
    (Fate::Completed, "交易成功"),
    (Fate::Open, "已发货"),
    (Fate::Refunded, "交易关闭"),
    (Fate::Cancelled, "交易关闭"),
]);

/// The item's state: shipped, refunded or not shipped.
fn item_state(fate: Fate) -> &'static str {
    match fate {
        Fate::Refunded => "退款成功",
        Fate::Cancelled => "未发货",
        _ => "已发货",
    }
}

pub(super) fn write(rng: &mut ChaCha8Rng) -> Export {
    let plan = Plan {
        orders: 330,
        customers: 120,
        guest_share: 0.1,
        max_lines: 3,
        fates: &[
            (Fate::Completed, 0.80),
            (Fate::Open, 0.07),
            (Fate::Refunded, 0.07),
            (Fate::Cancelled, 0.06),
        ],
        catalogue: &CHINESE,
        postage: 10.0,
        free_from: 88.0,
        names: Names::Chinese,
        start: NaiveDate::from_ymd_opt(2024, 3, 1).unwrap_or_default(),
    };
    let shop = Shop::open(&plan, rng);
    let mut sheet = Sheet::new(',', false, false, &HEADER);
    let money = |v: f64| Money::PLAIN.write(v);
    for order in &shop.orders {
        let buyer = shop.customer(order);
        let number = format!(
            "E{}{:08}",
            order.placed.format("%Y%m%d%H%M%S"),
            u64::from(order.number) * 7_741
        );
        let paid = if order.fate == Fate::Cancelled {
            0.0
        } else {
            order.total()
        };
        for (i, line) in order.lines.iter().enumerate() {
            let row = [
                number.clone(),
                STATUSES.word(order.fate).to_owned(),
                item_state(order.fate).to_owned(),
                order.placed.format(TIME).to_string(),
                order
                    .paid()
                    .map_or(String::new(), |t| t.format(TIME).to_string()),
                buyer.map_or("匿名用户".to_owned(), |b| b.handle.clone()),
                buyer.map_or(String::new(), |b| b.phone.clone()),
                buyer.map_or("到店自提".to_owned(), |b| b.name.clone()),
                buyer.map_or(String::new(), |b| b.phone.clone()),
                line.product.name.to_owned(),
                format!("YZ{}", line.product.code.get(6..).unwrap_or_default()),
                money(line.product.price),
                line.quantity.to_string(),
                money(line.amount()),
                money(paid),
                money(order.shipping),
                String::new(),
            ];
            sheet.row(&row, RowTruth::line(order, i));
        }
    }
    let header = Header {
        platform: Some("Youzan"),
        file_name: "订单列表.csv",
        roles: vec![
            (Role::Order, "订单号"),
            (Role::Status, "订单状态"),
            (Role::Date, "下单时间"),
            (Role::Customer, "买家手机号"),
            (Role::Product, "商品名称"),
            (Role::ProductCode, "商品编码"),
            (Role::UnitPrice, "商品单价"),
            (Role::Quantity, "商品数量"),
            (Role::Amount, "商品实际成交金额"),
            (Role::OrderTotal, "订单实付金额"),
        ],
        currency: Some("CNY"),
        statuses: vec!["交易成功", "已发货", "交易关闭", "退款成功", "未发货"],
        pseudo_products: Vec::new(),
    };
    export(header, sheet, Encoding::Utf8Bom)
}
