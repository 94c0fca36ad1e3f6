//! Pinduoduo (拼多多) merchant order export: a row per order (one SKU each, as group
//! buys are); no buyer id, the buyer known by the phone `手机`; money in yuan with the
//! unit in the header; `用户实付金额(元)` what the buyer paid after the platform's
//! coupon; a refunded order is `已取消` with `售后状态` `退款成功`. GBK.

use super::catalogues::CHINESE;
use super::sheet::{Encoding, Money, RowTruth, Sheet, TIME};
use super::shop::{Fate, Names, Plan, Shop, Statuses, cents};
use super::{Export, Header, export};
use crate::ingest::roles::Role;
use chrono::NaiveDate;
use rand_chacha::ChaCha8Rng;

const HEADER: [&str; 21] = [
    "商品",
    "订单号",
    "订单状态",
    "商品总价(元)",
    "店铺优惠折扣(元)",
    "平台优惠折扣(元)",
    "邮费(元)",
    "用户实付金额(元)",
    "商家实收金额(元)",
    "商品数量(件)",
    "收货人",
    "手机",
    "省",
    "市",
    "支付时间",
    "拼单成功时间",
    "商品id",
    "商品规格",
    "商家编码-SKU维度",
    "快递公司",
    "售后状态",
];

const STATUSES: Statuses = Statuses(&[
    (Fate::Completed, "已签收"),
    (Fate::Open, "已发货，待签收"),
    (Fate::Refunded, "已取消"),
]);

pub(super) fn write(rng: &mut ChaCha8Rng) -> Export {
    let plan = Plan {
        orders: 450,
        customers: 200,
        guest_share: 0.0,
        max_lines: 1,
        fates: &[
            (Fate::Completed, 0.84),
            (Fate::Open, 0.08),
            (Fate::Refunded, 0.08),
        ],
        catalogue: &CHINESE,
        postage: 0.0,
        free_from: 0.0,
        names: Names::Chinese,
        start: NaiveDate::from_ymd_opt(2024, 5, 1).unwrap_or_default(),
    };
    let shop = Shop::open(&plan, rng);
    let mut sheet = Sheet::new(',', true, false, &HEADER);
    let money = |v: f64| Money::PLAIN.write(v);
    for order in &shop.orders {
        let Some(buyer) = shop.customer(order) else {
            continue;
        };
        let line = &order.lines[0];
        let coupon = if order.number.is_multiple_of(4) {
            3.0
        } else {
            0.0
        };
        let paid = cents(order.subtotal() - coupon);
        let when = order.placed.format(TIME).to_string();
        let row = [
            line.product.name.to_owned(),
            format!(
                "{}-{:015}",
                order.placed.format("%y%m%d"),
                u64::from(order.number) * 2_718_281
            ),
            STATUSES.word(order.fate).to_owned(),
            money(order.subtotal()),
            money(0.0),
            money(coupon),
            money(0.0),
            money(paid),
            money(order.subtotal()),
            line.quantity.to_string(),
            buyer.name.clone(),
            buyer.phone.clone(),
            "广东省".to_owned(),
            "深圳市".to_owned(),
            when.clone(),
            when,
            line.product.code.get(3..).unwrap_or_default().to_owned(),
            "默认".to_owned(),
            format!("PDD-{}", line.product.code.get(8..).unwrap_or_default()),
            "中通快递".to_owned(),
            if order.fate == Fate::Refunded {
                "退款成功"
            } else {
                "无售后或售后取消"
            }
            .to_owned(),
        ];
        // What the buyer paid is the row's money.
        sheet.row(&row, RowTruth::order(order, paid));
    }
    let header = Header {
        platform: Some("Pinduoduo"),
        file_name: "orders_export.csv",
        roles: vec![
            (Role::Product, "商品"),
            (Role::Order, "订单号"),
            (Role::Status, "订单状态"),
            (Role::Amount, "用户实付金额(元)"),
            (Role::Quantity, "商品数量(件)"),
            (Role::Customer, "手机"),
            (Role::Date, "支付时间"),
            (Role::ProductCode, "商家编码-SKU维度"),
        ],
        currency: Some("CNY"),
        statuses: vec![
            "已签收",
            "已发货，待签收",
            "已取消",
            "退款成功",
            "无售后或售后取消",
        ],
        pseudo_products: Vec::new(),
    };
    export(header, sheet, Encoding::Gbk)
}
