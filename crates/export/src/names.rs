//! Sheet names from unit codes, within Excel's rules: at most 31 characters (UTF-16 units), none of
//! `[ ] : * ? / \`, no apostrophe first or last, not blank, unique ignoring case. A code is a
//! leader's free text, so any of these can happen; the sheet then gets the nearest valid name.

const MAX_LEN: usize = 31;
/// Excel reserves it in its English versions.
const RESERVED: &str = "history";

/// One valid, unique sheet name per code, in order. `summary` is the name already taken by the
/// summary sheet; `fallback` names a sheet whose code has nothing usable left.
pub fn sheet_names(summary: &str, fallback: &str, codes: &[&str]) -> Vec<String> {
    let mut taken: Vec<String> = vec![summary.to_lowercase(), RESERVED.to_string()];
    codes
        .iter()
        .map(|code| {
            let mut base = clean(code);
            if base.is_empty() {
                base = clean(fallback);
            }
            let name = unique(&base, &taken);
            taken.push(name.to_lowercase());
            name
        })
        .collect()
}

fn clean(code: &str) -> String {
    let replaced: String = code
        .chars()
        .map(|ch| match ch {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let collapsed = replaced.split_whitespace().collect::<Vec<_>>().join(" ");
    trim(&collapsed, MAX_LEN)
}

/// Cut to `max` UTF-16 units, then drop what Excel refuses at the ends.
fn trim(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut len = 0;
    for ch in s.chars() {
        len += ch.len_utf16();
        if len > max {
            break;
        }
        out.push(ch);
    }
    out.trim_matches(|c: char| c == '\'' || c.is_whitespace())
        .to_string()
}

fn unique(base: &str, taken: &[String]) -> String {
    let free = |name: &str| !name.is_empty() && !taken.contains(&name.to_lowercase());
    if free(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| {
            let suffix = format!(" ({n})");
            format!("{}{suffix}", trim(base, MAX_LEN - suffix.len()))
        })
        .find(|name| free(name))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::sheet_names;

    #[test]
    fn odd_codes_get_valid_unique_names() {
        let codes = [
            "CTK",
            "ctk",
            "A/B",
            "'Q'",
            "",
            "History",
            "Tổng hợp",
            &"X".repeat(40),
            &"X".repeat(40),
        ];
        let names = sheet_names("Tổng hợp", "Đơn vị", &codes);
        assert_eq!(names[0], "CTK");
        assert_eq!(names[1], "ctk (2)");
        assert_eq!(names[2], "A_B");
        assert_eq!(names[3], "Q");
        assert_eq!(names[4], "Đơn vị");
        assert_eq!(names[5], "History (2)");
        assert_eq!(names[6], "Tổng hợp (2)");
        assert_eq!(names[7], "X".repeat(31));
        assert_eq!(names[8], format!("{} (2)", "X".repeat(27)));
    }
}
