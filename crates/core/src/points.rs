//! Fixed-point points: every score is a whole number of hundredths.
//!
//! Scorecards are added, capped and compared by people with a calculator; binary floats would make
//! `0.1 + 0.2` disagree with them. Hundredths in an `i64` are exact for every sum a bloc can reach.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::{Add, AddAssign, Neg, Sub};

/// Points (or any two-decimal quantity: a percentage, a ratio target) in hundredths.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Points(i64);

/// Why a decimal text could not be read as points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    Empty,
    NotANumber,
    TooManyDecimals,
    TooLarge,
}

/// The largest magnitude accepted from a file: a billion points is far beyond any scorecard and keeps
/// every product in [`Points::mul_div_round`] inside `i128`.
const LIMIT: i64 = 100_000_000_000;

impl Points {
    pub const ZERO: Points = Points(0);

    pub const fn from_hundredths(h: i64) -> Self {
        Points(h)
    }

    pub const fn from_whole(n: i64) -> Self {
        Points(n * 100)
    }

    pub const fn hundredths(self) -> i64 {
        self.0
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    pub fn min(self, other: Points) -> Points {
        Points(self.0.min(other.0))
    }

    pub fn max(self, other: Points) -> Points {
        Points(self.0.max(other.0))
    }

    /// `self × n`, saturating (counts come from files and may be absurd).
    pub fn times(self, n: u64) -> Points {
        let n = i64::try_from(n).unwrap_or(i64::MAX);
        Points(self.0.saturating_mul(n))
    }

    /// `self × num / den`, rounded half up (away from zero for the non-negative values scoring uses),
    /// exact because it is done in `i128` on hundredths. `den` must not be zero.
    pub fn mul_div_round(self, num: Points, den: Points) -> Points {
        debug_assert!(den.0 != 0);
        if den.0 == 0 {
            return Points::ZERO;
        }
        let n = i128::from(self.0) * i128::from(num.0);
        let d = i128::from(den.0);
        // Half up on magnitudes: (2n + d) / 2d for n, d > 0.
        let (n, d, sign) = match (n < 0, d < 0) {
            (false, false) => (n, d, 1),
            (true, true) => (-n, -d, 1),
            (true, false) => (-n, d, -1),
            (false, true) => (n, -d, -1),
        };
        let q = (2 * n + d) / (2 * d);
        let q = i64::try_from(q).unwrap_or(i64::MAX);
        Points(sign * q)
    }

    /// Reads `12`, `8.5`, `8,5`, `-0,25`, ` 7.00 `: one optional sign, digits, at most one decimal
    /// separator (dot or comma, as Excel in a Vietnamese locale writes it) and at most two decimals.
    /// Thousands separators are refused rather than guessed: `1.234` is an error, not 1234 nor 1.23.
    pub fn parse(text: &str) -> Result<Points, NumberError> {
        let t = text.trim();
        if t.is_empty() {
            return Err(NumberError::Empty);
        }
        let (negative, digits) = match t.as_bytes()[0] {
            b'-' => (true, &t[1..]),
            b'+' => (false, &t[1..]),
            _ => (false, t),
        };
        let (whole, frac) = match digits.find(['.', ',']) {
            Some(i) => (&digits[..i], &digits[i + 1..]),
            None => (digits, ""),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && frac.is_empty()) || !all_digits(whole) || !all_digits(frac) {
            return Err(NumberError::NotANumber);
        }
        // Trailing zeros carry no precision: `7.500` is 7.5.
        let frac = frac.trim_end_matches('0');
        if frac.len() > 2 {
            return Err(NumberError::TooManyDecimals);
        }
        let whole = whole.trim_start_matches('0');
        if whole.len() > 12 {
            return Err(NumberError::TooLarge);
        }
        let w: i64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| NumberError::TooLarge)? };
        let f: i64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<i64>().map_err(|_| NumberError::NotANumber)? * 10,
            _ => frac.parse().map_err(|_| NumberError::NotANumber)?,
        };
        let h = w * 100 + f;
        if h > LIMIT {
            return Err(NumberError::TooLarge);
        }
        Ok(Points(if negative { -h } else { h }))
    }

    /// `8,5`, `100`, `-0,25`: the Vietnamese way, dropping zero decimals.
    pub fn to_vi(self) -> String {
        self.render(',', false)
    }

    /// `8.50`: two decimals and a dot, as `results.csv` and English text use.
    pub fn to_fixed2(self) -> String {
        self.render('.', true)
    }

    fn render(self, sep: char, always_two: bool) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        let (w, f) = (a / 100, a % 100);
        if always_two {
            format!("{sign}{w}{sep}{f:02}")
        } else if f == 0 {
            format!("{sign}{w}")
        } else if f % 10 == 0 {
            format!("{sign}{w}{sep}{}", f / 10)
        } else {
            format!("{sign}{w}{sep}{f:02}")
        }
    }
}

impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_fixed2())
    }
}

impl Add for Points {
    type Output = Points;
    fn add(self, o: Points) -> Points {
        Points(self.0.saturating_add(o.0))
    }
}

impl AddAssign for Points {
    fn add_assign(&mut self, o: Points) {
        *self = *self + o;
    }
}

impl Sub for Points {
    type Output = Points;
    fn sub(self, o: Points) -> Points {
        Points(self.0.saturating_sub(o.0))
    }
}

impl Neg for Points {
    type Output = Points;
    fn neg(self) -> Points {
        Points(self.0.saturating_neg())
    }
}

impl std::iter::Sum for Points {
    fn sum<I: Iterator<Item = Points>>(iter: I) -> Points {
        iter.fold(Points::ZERO, |a, b| a + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Points {
        Points::parse(s).unwrap()
    }

    #[test]
    fn parses_dot_and_comma() {
        assert_eq!(p("8.5"), Points(850));
        assert_eq!(p("8,5"), Points(850));
        assert_eq!(p(" 12 "), Points(1200));
        assert_eq!(p("0,25"), Points(25));
        assert_eq!(p(".5"), Points(50));
        assert_eq!(p("7.500"), Points(750));
        assert_eq!(p("-1,5"), Points(-150));
        assert_eq!(p("0007"), Points(700));
    }

    #[test]
    fn refuses_what_is_not_two_decimal_number() {
        assert_eq!(Points::parse(""), Err(NumberError::Empty));
        assert_eq!(Points::parse("abc"), Err(NumberError::NotANumber));
        assert_eq!(Points::parse("1.2.3"), Err(NumberError::NotANumber));
        assert_eq!(Points::parse("1.234"), Err(NumberError::TooManyDecimals));
        assert_eq!(Points::parse("."), Err(NumberError::NotANumber));
        assert_eq!(Points::parse("-"), Err(NumberError::NotANumber));
        assert_eq!(Points::parse("1e5"), Err(NumberError::NotANumber));
        assert_eq!(Points::parse("NaN"), Err(NumberError::NotANumber));
        assert_eq!(Points::parse("99999999999999999999"), Err(NumberError::TooLarge));
        assert_eq!(Points::parse("٣"), Err(NumberError::NotANumber));
    }

    #[test]
    fn renders_both_ways() {
        assert_eq!(Points(850).to_vi(), "8,5");
        assert_eq!(Points(10350).to_fixed2(), "103.50");
        assert_eq!(Points(-25).to_fixed2(), "-0.25");
        assert_eq!(Points(1200).to_vi(), "12");
        assert_eq!(Points(1205).to_vi(), "12,05");
    }

    #[test]
    fn rounds_half_up() {
        // 10 × 79.85 / 100 = 7.985 → 7.99
        assert_eq!(p("10").mul_div_round(p("79.85"), p("100")), p("7.99"));
        // 10 × 79.84 / 100 = 7.984 → 7.98
        assert_eq!(p("10").mul_div_round(p("79.84"), p("100")), p("7.98"));
        // 20 × 1 / 3 = 6.666… → 6.67
        assert_eq!(p("20").mul_div_round(p("1"), p("3")), p("6.67"));
        assert_eq!(p("5").mul_div_round(p("0"), p("100")), Points::ZERO);
    }
}
