//! Pseudo-products: lines that are postage, shipping, fees, discounts, gift cards or
//! manual adjustments rather than goods (`POST`, `Shipping`, `运费`, `Versandkosten`).
//! They are purchases of nothing a customer chose, so they are left out of baskets and
//! recommendations unless the user keeps them.

use crate::ingest::roles::normalise;

/// Whole normalised names (and codes, such as the UCI Online Retail set's) that are
/// pseudo-products.
const EXACT: &[&str] = &[
    "post",
    "postage",
    "dotcompostage",
    "carriage",
    "c2",
    "dot",
    "m",
    "d",
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
    "porto",
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
    "giftcard",
    "giftwrap",
    "discount",
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
    EXACT.contains(&text.as_str()) || CONTAINS.iter().any(|phrase| text.contains(phrase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_postage_fees_and_discounts() {
        for name in [
            "POST",
            "DOTCOM POSTAGE",
            "M",
            "D",
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
        ] {
            assert!(!is_pseudo(name), "{name}");
        }
    }
}
