//! Pseudo-products: lines that are postage, shipping, fees, discounts, gift cards or
//! manual adjustments rather than goods (`POST`, `Shipping`, `运费`, `Versandkosten`).
//! They are purchases of nothing a customer chose, so they are left out of baskets and
//! recommendations unless the user keeps them.

use crate::ingest::roles::normalise;

/// Product codes that are pseudo-products (the UCI Online Retail set's), read only in a
/// product code column. Its one-letter codes (`M` manual, `D` discount, `C2`
/// carriage) are left to their names (`Manual`, `Discount`, `CARRIAGE`): a shop's SKU
/// may well be `C2` or `M`.
const CODES: &[&str] = &["post", "dot", "amazonfee", "bankcharges", "cruk"];

/// Whole normalised names that are pseudo-products.
const EXACT: &[&str] = &[
    "postage",
    "dotcompostage",
    "carriage",
    "manual",
    "discount",
    "bankcharges",
    "amazonfee",
    "adjust",
    "adjustment",
    "adjustbaddebt",
    "cruk",
    "shipping",
    "delivery",
    "freight",
    "fee",
    "fees",
    "tip",
    "gratuity",
    "tax",
    "giftcard",
    "giftvoucher",
    "voucher",
    "coupon",
    "servicecharge",
    "运费",
    "邮费",
    "快递费",
    "配送费",
    "包装费",
    "手续费",
    "优惠",
    "优惠券",
    "折扣",
    "礼品卡",
    "补差价",
    "补邮费",
    "versand",
    "versandkosten",
    "verpackung",
    "gebühr",
    "rabatt",
    "gutschein",
    "fraisdeport",
    "fraisdelivraison",
    "livraison",
    "remise",
    "gastosdeenvío",
    "gastosdeenvio",
    "envío",
    "envio",
    "descuento",
];

/// Phrases that make a longer name a pseudo-product.
const CONTAINS: &[&str] = &[
    "postage",
    "shippingfee",
    "shippingcost",
    "shippingcharge",
    "deliveryfee",
    "deliverycharge",
    "handlingfee",
    "servicefee",
    "processingfee",
    "transactionfee",
    "运费",
    "邮费",
    "补差",
    "手续费",
    "礼品卡",
    "versandkosten",
    "fraisdeport",
    "gastosdeenv",
];

/// Whether a product name or code is a pseudo-product.
pub fn is_pseudo(name: &str) -> bool {
    let text = normalise(name);
    if text.is_empty() {
        return false;
    }
    // A gift card of a value (`Gift Card $50`), not a gift card holder.
    let gift_card = ["giftcard", "egiftcard", "giftvoucher"].iter().any(|g| {
        text.strip_prefix(g)
            .is_some_and(|rest| rest.bytes().any(|b| b.is_ascii_digit()))
    });
    gift_card
        || EXACT.contains(&text.as_str())
        || CONTAINS.iter().any(|phrase| text.contains(phrase))
}

/// Whether a product code is a pseudo-product's.
pub fn is_pseudo_code(code: &str) -> bool {
    CODES.contains(&normalise(code).as_str()) || is_pseudo(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_postage_fees_and_discounts() {
        for name in [
            "DOTCOM POSTAGE",
            "Bank Charges",
            "Shipping",
            "运费",
            "补邮费",
            "Versandkosten",
            "Frais de port",
            "Gift Card $50",
            "Discount",
        ] {
            assert!(is_pseudo(name), "{name}");
        }
        for name in [
            "WHITE HANGING HEART T-LIGHT HOLDER",
            "Coffee",
            "Postcard",
            "茶叶",
            "Mug",
            "M",
            "Porto",
            "Gift Card Holder",
            "Discount Store Tote",
        ] {
            assert!(!is_pseudo(name), "{name}");
        }
        for code in ["POST", "DOT", "BANK CHARGES"] {
            assert!(is_pseudo_code(code), "{code}");
        }
        for code in ["85123A", "C2", "M", "D"] {
            assert!(!is_pseudo_code(code), "{code}");
        }
    }
}
