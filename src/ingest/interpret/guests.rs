//! Guests and walk-ins: customer ids that stand for "nobody in particular" (`0`, `guest`,
//! `-`, `匿名`, `散客`, or no id at all). Such lines are never one customer.

use crate::ingest::roles::normalise;

/// Normalised ids that mean a guest.
const GUEST_IDS: &[&str] = &[
    "0",
    "00",
    "000",
    "guest",
    "guests",
    "guestcustomer",
    "walkin",
    "walkincustomer",
    "anonymous",
    "anon",
    "unknown",
    "none",
    "null",
    "nil",
    "na",
    "nan",
    "cash",
    "cashcustomer",
    "notregistered",
    "匿名",
    "匿名用户",
    "游客",
    "散客",
    "访客",
    "未知",
    "无",
    "gast",
    "gastkunde",
    "invité",
    "invitado",
];

/// Whether a customer id stands for a guest or walk-in. `-` and similar punctuation-only
/// ids normalise to nothing and are guests too.
pub fn is_guest(id: &str) -> bool {
    let trimmed = id.trim();
    if trimmed.is_empty() || trimmed.chars().all(|c| !c.is_alphanumeric()) {
        return true;
    }
    // `normalise` drops `.`, `-` and `/`: `0.0` is `00`, `N/A` is `na`.
    GUEST_IDS.contains(&normalise(trimmed).as_str())
}

/// Whether an id is a zero (`0`, `00`, `0.0`): a guest only where it has far more lines
/// than a customer.
pub fn is_zero(id: &str) -> bool {
    let text = normalise(id.trim());
    !text.is_empty() && text.bytes().all(|b| b == b'0')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_guest_ids() {
        for id in [
            "0", "0.0", "Guest", "-", "—", "匿名", "散客", "walk-in", "N/A", " ",
        ] {
            assert!(is_guest(id), "{id:?}");
        }
        for id in ["10", "17850", "alice@example.com", "C0001", "张三"] {
            assert!(!is_guest(id), "{id:?}");
        }
    }
}
