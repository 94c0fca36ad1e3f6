//! JD (京东) POP seller order export: a row per SKU; `下单帐号` the buyer's account,
//! `客户姓名` the recipient's name; `京东价` the unit price and `订单金额` the order's
//! total, repeated on every SKU row; a cancelled order is `已取消`; phones masked. GBK.

use super::catalogues::CHINESE;
use super::sheet::{Encoding, Money, RowTruth, Sheet, TIME};
use super::shop::{Fate, Names, Plan, Shop, Statuses};
use super::{Export, Header, export};
use crate::ingest::roles::Role;
use chrono::NaiveDate;
use rand_chacha::ChaCha8Rng;

const HEADER: [&str; 17] = [
    "订单号",
    "下单帐号",
    "客户姓名",
    "客户地址",
    "联系电话",
    "商品ID",
    "商品名称",
    "订购数量",
    "京东价",
    "订单金额",
    "应付金额",
    "运费金额",
    "订单状态",
    "下单时间",
    "付款确认时间",
    "支付方式",
    "订单来源",
];

const STATUSES: Statuses = Statuses(&[
    (Fate::Completed, "完成"),
    (Fate::Open, "等待确认收货"),
    (Fate::Cancelled, "已取消"),
]);

pub(super) fn write(rng: &mut ChaCha8Rng) -> Export {
    let plan = Plan {
        orders: 320,
        customers: 130,
        guest_share: 0.0,
        max_lines: 3,
        fates: &[
            (Fate::Completed, 0.82),
            (Fate::Open, 0.07),
            (Fate::Cancelled, 0.11),
        ],
        catalogue: &CHINESE,
        postage: 6.0,
        free_from: 59.0,
        names: Names::Chinese,
        start: NaiveDate::from_ymd_opt(2024, 2, 1).unwrap_or_default(),
    };
    let shop = Shop::open(&plan, rng);
    let mut sheet = Sheet::new(',', true, false, &HEADER);
    let money = |v: f64| Money::PLAIN.write(v);
    for order in &shop.orders {
        let Some(buyer) = shop.customer(order) else {
            continue;
        };
        // Every fifth order goes to somebody else: a gift, a relative.
        let recipient = if order.number.is_multiple_of(5) {
            shop.customers[(buyer.number as usize * 7) % shop.customers.len()]
                .name
                .clone()
        } else {
            buyer.name.clone()
        };
        let masked = format!(
            "{}****{}",
            buyer.phone.get(..3).unwrap_or_default(),
            buyer.phone.get(7..).unwrap_or_default()
        );
        for (i, line) in order.lines.iter().enumerate() {
            let row = [
                (290_000_000_000u64 + u64::from(order.number) * 3_571).to_string(),
                format!("jd_{}", buyer.handle),
                recipient.clone(),
                "北京市 朝阳区 建国路 88号".to_owned(),
                masked.clone(),
                line.product.code.to_owned(),
                line.product.name.to_owned(),
                line.quantity.to_string(),
                money(line.product.price),
                money(order.subtotal()),
                money(order.total()),
                money(order.shipping),
                STATUSES.word(order.fate).to_owned(),
                order.placed.format(TIME).to_string(),
                order
                    .paid()
                    .map_or(String::new(), |t| t.format(TIME).to_string()),
                "在线支付".to_owned(),
                if order.number.is_multiple_of(2) {
                    "京东APP"
                } else {
                    "微信小程序"
                }
                .to_owned(),
            ];
            sheet.row(&row, RowTruth::line(order, i));
        }
    }
    let header = Header {
        platform: Some("JD"),
        file_name: "订单导出.csv",
        roles: vec![
            (Role::Order, "订单号"),
            (Role::Customer, "下单帐号"),
            (Role::ProductCode, "商品ID"),
            (Role::Product, "商品名称"),
            (Role::Quantity, "订购数量"),
            (Role::UnitPrice, "京东价"),
            (Role::OrderTotal, "订单金额"),
            (Role::Status, "订单状态"),
            (Role::Date, "下单时间"),
        ],
        currency: Some("CNY"),
        statuses: STATUSES.words(),
        pseudo_products: Vec::new(),
    };
    export(header, sheet, Encoding::Gbk)
}
