//! An opportunity in a sentence, in English and Chinese: "Bargain hunters buy tea 4.1x
//! less often than customers like them (8% against 31%): 412 customers, about 6,100 a
//! year."

use super::gaps::Gap;
use super::purchases::Period;
use crate::analyses::Headline;
use crate::view::format::count;

/// What the sentence needs besides the gap.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The group's name.
    pub group: &'a str,
    /// The column whose value the group is, when the groups are an attribute's values
    /// ("Customers with region North", not "North").
    pub column: Option<&'a str>,
    /// The item's name.
    pub item: &'a str,
    /// Whether the peers are look-alikes (else everyone outside the group).
    pub look_alikes: bool,
    /// The period.
    pub period: Period,
}

/// A share as a percentage people read: `31%`, `0.4%`.
pub fn percent(share: f64) -> String {
    let p = share * 100.0;
    if p > 0.0 && p < 1.0 {
        format!("{p:.1}%")
    } else {
        format!("{}%", p.round())
    }
}

/// A figure rounded to two significant digits with thousands separators: `6,100`.
pub fn about(value: f64) -> String {
    if !value.is_finite() || value <= 0.0 {
        return "0".to_owned();
    }
    let digits = value.log10().floor() as i32;
    let step = 10f64.powi((digits - 1).max(0));
    count(((value / step).round() * step) as u64)
}

/// The sentence of `gap`.
pub fn sentence(gap: &Gap, context: &Context) -> Headline {
    let Context {
        group,
        column,
        item,
        look_alikes,
        period,
    } = *context;
    let (group, group_zh) = match column {
        Some(column) => (
            format!("Customers with {column} {group}"),
            format!("{column}为「{group}」的客户"),
        ),
        None => (group.to_owned(), format!("「{group}」")),
    };
    let (peers_en, peers_zh) = if look_alikes {
        ("customers like them", "同类客户")
    } else {
        ("other customers", "其他客户")
    };
    let own = percent(gap.group_penetration);
    let peer = percent(gap.peer_penetration);
    let affected = count(gap.customers_affected);
    let span = count(period.span().max(0) as u64);
    let (when_en, when_zh) = match period.days {
        Some(_) if period.span() == 365 => ("a year".to_owned(), "每年".to_owned()),
        Some(_) => (format!("in {span} days"), format!("{span} 天内")),
        None => (
            format!("over the log's {span} days"),
            format!("在记录的 {span} 天内"),
        ),
    };
    let (prize_en, prize_zh) = match gap.expected_revenue {
        Some(revenue) => (
            format!("about {} {when_en}", about(revenue)),
            format!("{when_zh}约 {}", about(revenue)),
        ),
        None => (
            format!(
                "about {} more buyers {when_en}",
                about(gap.expected_converts)
            ),
            format!("{when_zh}约可多 {} 位买家", about(gap.expected_converts)),
        ),
    };
    if gap.group_buyers == 0 {
        return Headline {
            en: format!(
                "{group} never buy {item}, against {peer} of {peers_en}: {affected} customers, \
                 {prize_en}."
            ),
            zh: format!(
                "{group_zh}从未购买「{item}」，而{peers_zh}中有 {peer} 购买：{affected} 位客户，\
                 {prize_zh}。"
            ),
        };
    }
    let times = gap.peer_penetration / gap.group_penetration;
    // "1.1x less often" reads as a riddle: small differences are said as they are.
    let (how_en, how_zh) = if times >= 1.5 {
        (
            format!("{times:.1}x less often than"),
            format!("的比例仅为{peers_zh}的 1/{times:.1}"),
        )
    } else {
        (
            "less often than".to_owned(),
            format!("的比例低于{peers_zh}"),
        )
    };
    Headline {
        en: format!(
            "{group} buy {item} {how_en} {peers_en} ({own} against {peer}): {affected} \
             customers, {prize_en}."
        ),
        zh: format!(
            "{group_zh}购买「{item}」{how_zh}（{own} 对 {peer}）：{affected} 位客户，{prize_zh}。"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gap(own: u64, revenue: Option<f64>) -> Gap {
        Gap {
            group: 0,
            item: 0,
            group_customers: 500,
            group_buyers: own,
            group_penetration: own as f64 / 500.0,
            peer_customers: 1000,
            peer_buyers: 310,
            peer_penetration: 0.31,
            index: 0.0,
            z: -5.0,
            p_value: 1e-6,
            q_value: 1e-5,
            significant: true,
            customers_affected: 500 - own,
            expected_converts: (500 - own) as f64 * 0.31,
            peer_spend_per_buyer: revenue.map(|r| r / ((500 - own) as f64 * 0.31)),
            expected_revenue: revenue,
        }
    }

    fn context(look_alikes: bool, days: Option<u32>) -> Context<'static> {
        Context {
            group: "Bargain hunters",
            column: None,
            item: "tea",
            look_alikes,
            period: Period {
                first: if days.is_some() { 365 } else { 0 },
                last: 729,
                days,
            },
        }
    }

    #[test]
    fn the_issue_s_example() {
        let words = sentence(&gap(38, Some(6_123.4)), &context(true, Some(365)));
        assert_eq!(
            words.en,
            "Bargain hunters buy tea 4.1x less often than customers like them (8% against \
             31%): 462 customers, about 6,100 a year."
        );
        assert_eq!(
            words.zh,
            "「Bargain hunters」购买「tea」的比例仅为同类客户的 1/4.1（8% 对 31%）：462 位客户，\
             每年约 6,100。"
        );
    }

    #[test]
    fn never_without_money_over_the_whole_log() {
        let words = sentence(&gap(0, None), &context(false, None));
        assert_eq!(
            words.en,
            "Bargain hunters never buy tea, against 31% of other customers: 500 customers, \
             about 160 more buyers over the log's 730 days."
        );
        assert!(words.zh.contains("从未购买"), "{}", words.zh);
    }

    #[test]
    fn small_differences_and_attribute_groups() {
        let mut context = context(false, Some(365));
        context.group = "North";
        context.column = Some("region");
        let words = sentence(&gap(120, Some(900.0)), &context);
        assert_eq!(
            words.en,
            "Customers with region North buy tea less often than other customers (24% against \
             31%): 380 customers, about 900 a year."
        );
        assert!(
            words
                .zh
                .starts_with("region为「North」的客户购买「tea」的比例低于其他客户")
        );
    }

    #[test]
    fn figures_as_people_read_them() {
        assert_eq!(about(6_149.0), "6,100");
        assert_eq!(about(6_150.0), "6,200");
        assert_eq!(about(7.4), "7");
        assert_eq!(about(0.0), "0");
        assert_eq!(percent(0.004), "0.4%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(0.305), "31%");
    }
}
