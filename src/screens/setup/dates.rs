//! Dates as people in the bloc write them: dd/mm/yyyy.

/// The date in dd/mm/yyyy (single-digit day or month accepted and padded), or `None` when it is
/// not a day of the calendar.
pub fn normal_date(s: &str) -> Option<String> {
    let mut parts = s.trim().split('/');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let digits = |p: &str, lens: &[usize]| lens.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(d, &[1, 2]) || !digits(m, &[1, 2]) || !digits(y, &[4]) {
        return None;
    }
    let (d, m, y): (u32, u32, u32) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (d >= 1 && d <= days).then(|| format!("{d:02}/{m:02}/{y}"))
}
