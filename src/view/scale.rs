//! Chart geometry: mapping values to positions, and the round numbers axes are marked
//! with. Pure arithmetic, shared by every chart and tested natively.

/// A linear map from a domain of values to a range of positions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Linear {
    from: (f64, f64),
    to: (f64, f64),
}

impl Linear {
    /// Maps `from` onto `to`. A domain of one value is widened by one either side, so
    /// that its points land in the middle instead of dividing by zero.
    pub fn new(from: (f64, f64), to: (f64, f64)) -> Self {
        let from = if from.1 - from.0 == 0.0 || !(from.1 - from.0).is_finite() {
            (from.0 - 1.0, from.0 + 1.0)
        } else {
            from
        };
        Self { from, to }
    }

    /// The position of `value` (values outside the domain land outside the range).
    pub fn at(&self, value: f64) -> f64 {
        let share = (value - self.from.0) / (self.from.1 - self.from.0);
        self.to.0 + share * (self.to.1 - self.to.0)
    }

    /// The domain.
    pub fn domain(&self) -> (f64, f64) {
        self.from
    }
}

/// The smallest and largest finite values, if there is any.
pub fn extent(values: impl IntoIterator<Item = f64>) -> Option<(f64, f64)> {
    values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
}

/// About `count` round values (1, 2 or 5 times a power of ten apart) covering
/// `lo..=hi`, and the domain widened to the first and last of them.
pub fn ticks(lo: f64, hi: f64, count: usize) -> (Vec<f64>, (f64, f64)) {
    let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    if !(lo.is_finite() && hi.is_finite()) {
        return (Vec::new(), (0.0, 1.0));
    }
    if lo == hi {
        return (vec![lo], (lo - 1.0, hi + 1.0));
    }
    let raw = (hi - lo) / count.max(1) as f64;
    let power = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|step| *step >= raw)
        .unwrap_or(10.0 * power);
    let first = (lo / step).floor();
    let last = (hi / step).ceil();
    // Values are built from integers times the step, so that 0.1 * 3 shows as 0.3.
    let values: Vec<f64> = (first as i64..=last as i64)
        .map(|i| round_to(i as f64 * step, step))
        .collect();
    let domain = (first * step, last * step);
    (values, domain)
}

/// `value` rounded to the decimals `step` needs.
fn round_to(value: f64, step: f64) -> f64 {
    let decimals = (-step.log10().floor()).max(0.0) as i32;
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}

/// A number short enough for an axis: `950`, `1.5k`, `2M`, `0.25`.
pub fn short(value: f64) -> String {
    let magnitude = value.abs();
    let (scaled, suffix) = if magnitude >= 1e9 {
        (value / 1e9, "G")
    } else if magnitude >= 1e6 {
        (value / 1e6, "M")
    } else if magnitude >= 1e4 {
        (value / 1e3, "k")
    } else {
        (value, "")
    };
    let text = if scaled.fract() == 0.0 || scaled.abs() >= 100.0 {
        format!("{scaled:.0}")
    } else if scaled.abs() >= 1.0 {
        format!("{scaled:.1}")
    } else {
        format!("{scaled:.2}")
    };
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    };
    format!("{text}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_the_domain_onto_the_range() {
        let y = Linear::new((0.0, 10.0), (100.0, 0.0));
        assert_eq!(y.at(0.0), 100.0);
        assert_eq!(y.at(10.0), 0.0);
        assert_eq!(y.at(2.5), 75.0);
        let flat = Linear::new((3.0, 3.0), (0.0, 100.0));
        assert_eq!(flat.at(3.0), 50.0);
    }

    #[test]
    fn ticks_are_round_and_cover_the_values() {
        assert_eq!(
            ticks(0.0, 1.0, 5),
            (vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0], (0.0, 1.0))
        );
        let (values, domain) = ticks(3.0, 97.0, 5);
        assert_eq!(values, [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(domain, (0.0, 100.0));
        let (values, _) = ticks(-0.13, 0.31, 4);
        assert_eq!(values, [-0.2, 0.0, 0.2, 0.4]);
        assert_eq!(ticks(5.0, 5.0, 4), (vec![5.0], (4.0, 6.0)));
        assert_eq!(ticks(f64::NAN, 1.0, 4).0, Vec::<f64>::new());
    }

    #[test]
    fn extent_skips_what_is_not_a_number() {
        assert_eq!(extent([3.0, f64::NAN, -1.0, 8.0]), Some((-1.0, 8.0)));
        assert_eq!(extent([f64::INFINITY]), None);
    }

    #[test]
    fn short_numbers_for_axes() {
        assert_eq!(short(950.0), "950");
        assert_eq!(short(1500.0), "1500");
        assert_eq!(short(15000.0), "15k");
        assert_eq!(short(2_000_000.0), "2M");
        assert_eq!(short(0.25), "0.25");
        assert_eq!(short(0.5), "0.5");
        assert_eq!(short(-3.75), "-3.8");
        assert_eq!(short(0.0), "0");
    }
}
