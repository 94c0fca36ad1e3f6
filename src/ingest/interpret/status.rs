//! Order statuses as shops write them, in English, Chinese, German, French and Spanish:
//! which say the order was paid or completed, and which say it was refunded, cancelled,
//! voided, failed or never paid.
//!
//! A status is matched on its normalised text (lower case, without spaces, `_` and
//! `-`): first whole values, then phrases inside it, the more specific first
//! ("partially refunded" before "refunded", "退款成功" before "成功").

use crate::ingest::reading::StatusKind;
use crate::ingest::roles::normalise;

/// Whole normalised values and what they mean.
const EXACT: &[(&str, StatusKind)] = &[
    // English (Shopify, WooCommerce, Magento, BigCommerce, Stripe, PayPal, Shopee...)
    ("paid", StatusKind::Completed),
    ("completed", StatusKind::Completed),
    ("complete", StatusKind::Completed),
    ("succeeded", StatusKind::Completed),
    ("success", StatusKind::Completed),
    ("successful", StatusKind::Completed),
    ("shipped", StatusKind::Completed),
    ("delivered", StatusKind::Completed),
    ("fulfilled", StatusKind::Completed),
    ("closed", StatusKind::Completed),
    ("settled", StatusKind::Completed),
    ("captured", StatusKind::Completed),
    ("done", StatusKind::Completed),
    ("processing", StatusKind::Open),
    ("pending", StatusKind::Open),
    ("onhold", StatusKind::Open),
    ("authorized", StatusKind::Open),
    ("authorised", StatusKind::Open),
    ("new", StatusKind::Open),
    ("open", StatusKind::Open),
    ("awaitingshipment", StatusKind::Open),
    ("awaitingfulfillment", StatusKind::Open),
    ("awaitingpickup", StatusKind::Open),
    ("toship", StatusKind::Open),
    ("readytoship", StatusKind::Open),
    ("unfulfilled", StatusKind::Open),
    ("partiallypaid", StatusKind::Open),
    ("partiallyrefunded", StatusKind::PartlyRefunded),
    ("partialrefund", StatusKind::PartlyRefunded),
    ("partiallyreturned", StatusKind::PartlyRefunded),
    ("refunded", StatusKind::Refunded),
    ("refund", StatusKind::Refunded),
    ("returned", StatusKind::Refunded),
    ("return", StatusKind::Refunded),
    ("reversed", StatusKind::Refunded),
    ("chargeback", StatusKind::Refunded),
    ("disputed", StatusKind::Refunded),
    ("cancelled", StatusKind::Cancelled),
    ("canceled", StatusKind::Cancelled),
    ("cancel", StatusKind::Cancelled),
    ("voided", StatusKind::Cancelled),
    ("void", StatusKind::Cancelled),
    ("declined", StatusKind::Failed),
    ("failed", StatusKind::Failed),
    ("failure", StatusKind::Failed),
    ("denied", StatusKind::Failed),
    ("expired", StatusKind::Failed),
    ("unpaid", StatusKind::Unpaid),
    ("notpaid", StatusKind::Unpaid),
    ("awaitingpayment", StatusKind::Unpaid),
    ("pendingpayment", StatusKind::Unpaid),
    ("incomplete", StatusKind::Unpaid),
    ("abandoned", StatusKind::Unpaid),
    // Chinese (Taobao/Tmall, JD, Youzan, Pinduoduo...)
    ("交易成功", StatusKind::Completed),
    ("已完成", StatusKind::Completed),
    ("完成", StatusKind::Completed),
    ("已付款", StatusKind::Completed),
    ("已支付", StatusKind::Completed),
    ("已签收", StatusKind::Completed),
    ("已收货", StatusKind::Completed),
    ("已发货", StatusKind::Completed),
    ("卖家已发货", StatusKind::Completed),
    ("买家已付款", StatusKind::Completed),
    ("已成团", StatusKind::Completed),
    ("待发货", StatusKind::Open),
    ("等待出库", StatusKind::Open),
    ("等待发货", StatusKind::Open),
    ("等待确认收货", StatusKind::Open),
    ("待收货", StatusKind::Open),
    ("待评价", StatusKind::Completed),
    ("部分退款", StatusKind::PartlyRefunded),
    ("部分退款成功", StatusKind::PartlyRefunded),
    ("退款成功", StatusKind::Refunded),
    ("已退款", StatusKind::Refunded),
    ("退货退款", StatusKind::Refunded),
    ("已退货", StatusKind::Refunded),
    ("售后成功", StatusKind::Refunded),
    ("交易关闭", StatusKind::Cancelled),
    ("已关闭", StatusKind::Cancelled),
    ("已取消", StatusKind::Cancelled),
    ("取消", StatusKind::Cancelled),
    ("订单取消", StatusKind::Cancelled),
    ("锁定", StatusKind::Open),
    ("支付失败", StatusKind::Failed),
    ("等待买家付款", StatusKind::Unpaid),
    ("待付款", StatusKind::Unpaid),
    ("未付款", StatusKind::Unpaid),
    ("待支付", StatusKind::Unpaid),
    // German
    ("bezahlt", StatusKind::Completed),
    ("abgeschlossen", StatusKind::Completed),
    ("versandt", StatusKind::Completed),
    ("versendet", StatusKind::Completed),
    ("geliefert", StatusKind::Completed),
    ("zugestellt", StatusKind::Completed),
    ("erledigt", StatusKind::Completed),
    ("inbearbeitung", StatusKind::Open),
    ("offen", StatusKind::Open),
    ("teilerstattet", StatusKind::PartlyRefunded),
    ("teilweiseerstattet", StatusKind::PartlyRefunded),
    ("erstattet", StatusKind::Refunded),
    ("rückerstattet", StatusKind::Refunded),
    ("retoure", StatusKind::Refunded),
    ("retourniert", StatusKind::Refunded),
    ("zurückgesendet", StatusKind::Refunded),
    ("storniert", StatusKind::Cancelled),
    ("storno", StatusKind::Cancelled),
    ("fehlgeschlagen", StatusKind::Failed),
    ("unbezahlt", StatusKind::Unpaid),
    ("zahlungausstehend", StatusKind::Unpaid),
    // French
    ("payé", StatusKind::Completed),
    ("payée", StatusKind::Completed),
    ("terminé", StatusKind::Completed),
    ("terminée", StatusKind::Completed),
    ("expédié", StatusKind::Completed),
    ("expédiée", StatusKind::Completed),
    ("livré", StatusKind::Completed),
    ("livrée", StatusKind::Completed),
    ("encours", StatusKind::Open),
    ("enattente", StatusKind::Open),
    ("partiellementremboursé", StatusKind::PartlyRefunded),
    ("partiellementremboursée", StatusKind::PartlyRefunded),
    ("remboursé", StatusKind::Refunded),
    ("remboursée", StatusKind::Refunded),
    ("retourné", StatusKind::Refunded),
    ("annulé", StatusKind::Cancelled),
    ("annulée", StatusKind::Cancelled),
    ("échoué", StatusKind::Failed),
    ("échouée", StatusKind::Failed),
    ("impayé", StatusKind::Unpaid),
    ("impayée", StatusKind::Unpaid),
    // Spanish
    ("pagado", StatusKind::Completed),
    ("completado", StatusKind::Completed),
    ("completada", StatusKind::Completed),
    ("enviado", StatusKind::Completed),
    ("entregado", StatusKind::Completed),
    ("enproceso", StatusKind::Open),
    ("pendiente", StatusKind::Open),
    ("parcialmentereembolsado", StatusKind::PartlyRefunded),
    ("reembolsado", StatusKind::Refunded),
    ("reembolsada", StatusKind::Refunded),
    ("devuelto", StatusKind::Refunded),
    ("cancelado", StatusKind::Cancelled),
    ("cancelada", StatusKind::Cancelled),
    ("anulado", StatusKind::Cancelled),
    ("fallido", StatusKind::Failed),
    ("rechazado", StatusKind::Failed),
    ("impagado", StatusKind::Unpaid),
    ("nopagado", StatusKind::Unpaid),
];

/// Phrases inside a longer value, the more specific first.
const CONTAINS: &[(&str, StatusKind)] = &[
    ("partiallyrefunded", StatusKind::PartlyRefunded),
    ("partialrefund", StatusKind::PartlyRefunded),
    ("部分退款", StatusKind::PartlyRefunded),
    ("refunded", StatusKind::Refunded),
    ("退款成功", StatusKind::Refunded),
    ("退款完成", StatusKind::Refunded),
    ("已退款", StatusKind::Refunded),
    ("retoure", StatusKind::Refunded),
    ("erstattet", StatusKind::Refunded),
    ("rembours", StatusKind::Refunded),
    ("reembols", StatusKind::Refunded),
    ("cancel", StatusKind::Cancelled),
    ("void", StatusKind::Cancelled),
    ("storn", StatusKind::Cancelled),
    ("annul", StatusKind::Cancelled),
    ("取消", StatusKind::Cancelled),
    ("交易关闭", StatusKind::Cancelled),
    ("failed", StatusKind::Failed),
    ("失败", StatusKind::Failed),
    ("unpaid", StatusKind::Unpaid),
    ("awaitingpayment", StatusKind::Unpaid),
    ("待付款", StatusKind::Unpaid),
    ("未付款", StatusKind::Unpaid),
    ("等待买家付款", StatusKind::Unpaid),
    ("退款中", StatusKind::Open),
    ("completed", StatusKind::Completed),
    ("交易成功", StatusKind::Completed),
    ("已完成", StatusKind::Completed),
    ("已签收", StatusKind::Completed),
    ("发货", StatusKind::Open),
    ("paid", StatusKind::Completed),
];

/// What a status value says, if it is one: `wc-refunded` and `Refunded` are refunded,
/// `交易关闭` is cancelled.
pub fn classify(value: &str) -> Option<StatusKind> {
    let text = normalise(value);
    let text = text.strip_prefix("wc").unwrap_or(&text);
    if text.is_empty() {
        return None;
    }
    if let Some((_, kind)) = EXACT.iter().find(|(known, _)| *known == text) {
        return Some(*kind);
    }
    // A long value is a sentence, not a status.
    if text.chars().count() > 24 {
        return None;
    }
    CONTAINS
        .iter()
        .find(|(phrase, _)| text.contains(phrase))
        .map(|(_, kind)| *kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_statuses_in_five_languages() {
        for (value, kind) in [
            ("paid", StatusKind::Completed),
            ("Partially Refunded", StatusKind::PartlyRefunded),
            ("partially_refunded", StatusKind::PartlyRefunded),
            ("wc-refunded", StatusKind::Refunded),
            ("voided", StatusKind::Cancelled),
            ("交易成功", StatusKind::Completed),
            ("交易关闭", StatusKind::Cancelled),
            ("退款成功", StatusKind::Refunded),
            ("已取消", StatusKind::Cancelled),
            ("已完成", StatusKind::Completed),
            ("storniert", StatusKind::Cancelled),
            ("Retoure", StatusKind::Refunded),
            ("Annulée", StatusKind::Cancelled),
            ("Reembolsado", StatusKind::Refunded),
            ("Failed", StatusKind::Failed),
            ("等待买家付款", StatusKind::Unpaid),
            ("售后成功(退款成功)", StatusKind::Refunded),
        ] {
            assert_eq!(classify(value), Some(kind), "{value}");
        }
        for value in ["", "Coffee beans", "tea", "1001", "Berlin"] {
            assert_eq!(classify(value), None, "{value}");
        }
    }
}
