//! Taobao/Tmall's 订单报表 (`ExportOrderList…csv`): a row per order, every item's title
//! in `宝贝标题`, the kinds and the total quantity beside it; the buyer's account name
//! `买家会员名`; `买家实际支付金额` what was paid, postage included; a refunded order is
//! `交易关闭` with its `退款金额`, a partial refund a `退款金额` on a `交易成功` order;
//! postage top-ups (`邮费补差`) are orders of their own. GBK, comma, CRLF.

use super::catalogues::CHINESE;
use super::sheet::{Encoding, Money, RowTruth, Sheet, TIME};
use super::shop::{Fate, Names, Order, Plan, Product, Shop, Statuses, p};
use super::{Export, Header, export};
use crate::ingest::roles::Role;
use chrono::NaiveDate;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

const HEADER: [&str; 24] = [
    "订单编号",
    "买家会员名",
    "买家支付宝账号",
    "买家应付货款",
    "买家应付邮费",
    "买家支付积分",
    "总金额",
    "返点积分",
    "买家实际支付金额",
    "订单状态",
    "买家留言",
    "收货人姓名",
    "收货地址",
    "运送方式",
    "联系手机",
    "订单创建时间",
    "订单付款时间",
    "宝贝标题",
    "宝贝种类",
    "宝贝总数量",
    "店铺名称",
    "订单关闭原因",
    "退款金额",
    "是否手机订单",
];

const STATUSES: Statuses = Statuses(&[
    (Fate::Completed, "交易成功"),
    (Fate::Open, "卖家已发货，等待买家确认"),
    (Fate::PartlyRefunded, "交易成功"),
    (Fate::Refunded, "交易关闭"),
    (Fate::Cancelled, "交易关闭"),
    (Fate::Unpaid, "等待买家付款"),
]);

/// The listing buyers use to pay extra postage: one yuan a unit.
static TOP_UP: Product = p("邮费补差 专拍链接 差多少拍多少", "", 1.0, "");

pub(super) fn write(rng: &mut ChaCha8Rng) -> Export {
    let plan = Plan {
        orders: 380,
        customers: 150,
        guest_share: 0.0,
        max_lines: 3,
        fates: &[
            (Fate::Completed, 0.78),
            (Fate::Open, 0.05),
            (Fate::PartlyRefunded, 0.04),
            (Fate::Refunded, 0.05),
            (Fate::Cancelled, 0.04),
            (Fate::Unpaid, 0.04),
        ],
        catalogue: &CHINESE,
        postage: 8.0,
        free_from: 99.0,
        names: Names::Chinese,
        start: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default(),
    };
    let shop = Shop::open(&plan, rng);
    let mut sheet = Sheet::new(',', true, false, &HEADER);
    for order in &shop.orders {
        write_order(&mut sheet, &shop, order, false);
        // Remote addresses pay a postage difference through the top-up listing.
        if order.fate == Fate::Completed && rng.random_bool(0.05) {
            let top_up = order.follow_up(order.number + 50_000, &TOP_UP, rng.random_range(2..=12));
            write_order(&mut sheet, &shop, &top_up, true);
        }
    }
    let header = Header {
        platform: Some("Taobao"),
        file_name: "ExportOrderList202501.csv",
        roles: vec![
            (Role::Order, "订单编号"),
            (Role::Customer, "买家会员名"),
            (Role::Amount, "买家实际支付金额"),
            (Role::OrderTotal, "总金额"),
            (Role::Status, "订单状态"),
            (Role::Phone, "联系手机"),
            (Role::Date, "订单创建时间"),
            (Role::Product, "宝贝标题"),
            (Role::Quantity, "宝贝总数量"),
            (Role::RefundedAmount, "退款金额"),
        ],
        currency: Some("CNY"),
        statuses: STATUSES.words(),
        pseudo_products: vec![TOP_UP.name],
    };
    export(header, sheet, Encoding::Gbk)
}

fn write_order(sheet: &mut Sheet, shop: &Shop, order: &Order, top_up: bool) {
    let money = |v: f64| Money::PLAIN.write(v);
    let Some(buyer) = shop.customer(order) else {
        return;
    };
    let paid = match order.fate {
        Fate::Unpaid | Fate::Cancelled => 0.0,
        _ => order.total(),
    };
    let refunded = match order.fate {
        Fate::Refunded | Fate::PartlyRefunded => order.refunded(),
        _ => 0.0,
    };
    let titles: Vec<&str> = order.lines.iter().map(|l| l.product.name).collect();
    let quantity: u32 = order.lines.iter().map(|l| l.quantity).sum();
    let row = [
        (3_391_827_365_000_000_000u64 + u64::from(order.number) * 104_729).to_string(),
        buyer.handle.clone(),
        buyer.email.clone(),
        money(order.subtotal()),
        money(order.shipping),
        "0".to_owned(),
        money(order.total()),
        "0".to_owned(),
        money(paid),
        STATUSES.word(order.fate).to_owned(),
        String::new(),
        buyer.name.clone(),
        "浙江省 杭州市 西湖区 文三路 478号".to_owned(),
        "快递".to_owned(),
        buyer.phone.clone(),
        order.placed.format(TIME).to_string(),
        order
            .paid()
            .map_or(String::new(), |t| t.format(TIME).to_string()),
        titles.join("，"),
        order.lines.len().to_string(),
        quantity.to_string(),
        "田园小铺".to_owned(),
        match order.fate {
            Fate::Refunded => "退款",
            Fate::Cancelled => "买家未付款",
            _ => "订单未关闭",
        }
        .to_owned(),
        money(refunded),
        if order.number.is_multiple_of(3) {
            ""
        } else {
            "手机订单"
        }
        .to_owned(),
    ];
    let truth = if top_up {
        RowTruth::pseudo(order)
    } else {
        // What was paid is the row's money, postage included.
        RowTruth::order(order, paid)
    };
    sheet.row(&row, truth);
}
