//! Canonical JSON: object keys sorted, no spaces, so that the same value always gives the same text.
//! Bundle and pull checksums are made from it, and it breaks ties between equal stamps and orders
//! score histories; the bytes must never change (a property test holds them to the first writer).

use serde_json::Value;

mod scan;
pub use scan::scan;

/// JSON with object keys sorted and no spaces: the same value always gives the same text. Used to
/// break ties between equal stamps and for bundle checksums.
pub fn canonical_json(v: &Value) -> String {
    let mut out = Vec::new();
    write_canonical(v, &mut out);
    // Only serde_json's own output and ASCII punctuation went in: always UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// Written straight into one buffer (no text made per key or scalar): checksums of whole bundles
/// and campaigns, and the sort keys of score histories, are made from it.
fn write_canonical(v: &Value, out: &mut Vec<u8>) {
    match v {
        Value::Array(items) => {
            out.push(b'[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical(x, out);
            }
            out.push(b']');
        }
        Value::Object(map) => {
            out.push(b'{');
            let member = |i: usize, k: &String, x: &Value, out: &mut Vec<u8>| {
                if i > 0 {
                    out.push(b',');
                }
                let _ = serde_json::to_writer(&mut *out, k);
                out.push(b':');
                write_canonical(x, out);
            };
            // serde_json's map is sorted by key unless some crate turns on its `preserve_order`.
            if map.keys().zip(map.keys().skip(1)).all(|(a, b)| a < b) {
                for (i, (k, x)) in map.iter().enumerate() {
                    member(i, k, x, out);
                }
            } else {
                let mut keys: Vec<(&String, &Value)> = map.iter().collect();
                keys.sort_by(|a, b| a.0.cmp(b.0));
                for (i, (k, x)) in keys.into_iter().enumerate() {
                    member(i, k, x, out);
                }
            }
            out.push(b'}');
        }
        // Scalars serialise the same way whatever the map implementation.
        other => {
            let _ = serde_json::to_writer(&mut *out, other);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::canonical_json;
    use proptest::prelude::*;
    use serde_json::Value;

    /// Canonical JSON as first written (a text made per key and scalar, keys sorted each time):
    /// bundles' checksums were made with it, so the faster writer must give the same bytes.
    fn reference(v: &Value) -> String {
        match v {
            Value::Array(items) => format!("[{}]", items.iter().map(reference).collect::<Vec<_>>().join(",")),
            Value::Object(map) => {
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort();
                let members: Vec<String> = keys.into_iter().map(|k| format!("{}:{}", serde_json::to_string(k).unwrap(), reference(&map[k]))).collect();
                format!("{{{}}}", members.join(","))
            }
            other => serde_json::to_string(other).unwrap(),
        }
    }

    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            "[a-zA-Zà-ỹ \"\\\\\\n\\t\\u{1}/]{0,8}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::btree_map("[a-zA-Zđ_ \"\\\\]{0,6}", inner, 0..6).prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// Texts near canonical ones: a character inserted, removed or replaced, whitespace, numbers
    /// that are not whole, keys repeated or out of order, escapes written another way.
    fn mutated() -> impl Strategy<Value = String> {
        let with_floats = prop_oneof![value(), any::<f64>().prop_map(Value::from)];
        let edit = prop_oneof![
            "[ \n{}\\[\\],:\"0-9a-z.eE+\\-\\\\/\u{1}đ]".prop_map(Some),
            Just(None),
        ];
        (with_floats, any::<prop::sample::Index>(), edit, 0..3usize).prop_map(|(v, at, edit, how)| {
            let text = format!("{{\"a\":1,\"content\":{},\"z\":[]}}", canonical_json(&v));
            let chars: Vec<char> = text.chars().collect();
            let at = at.index(chars.len());
            let mut out: Vec<char> = chars.clone();
            match (how, edit) {
                (0, Some(e)) => out.splice(at..at, e.chars()).for_each(drop),
                (1, Some(e)) => out.splice(at..=at, e.chars()).for_each(drop),
                _ => drop(out.remove(at)),
            };
            out.into_iter().collect()
        })
    }

    fn plain_keys(v: &Value) -> bool {
        match v {
            Value::Array(items) => items.iter().all(plain_keys),
            Value::Object(map) => map.iter().all(|(k, x)| !k.contains(['"', '\\']) && plain_keys(x)),
            _ => true,
        }
    }

    proptest! {
        #[test]
        fn the_writer_gives_the_bytes_of_the_first_canonical_json(v in value()) {
            prop_assert_eq!(canonical_json(&v), reference(&v));
        }

        /// What this writer writes, the scan recognises, and finds the key's value.
        #[test]
        fn the_scan_recognises_what_the_writer_writes(v in value()) {
            let inner = canonical_json(&v);
            let text = format!("{{\"a\":1,\"content\":{inner},\"z\":[]}}\n");
            let found = super::scan(&text, "content");
            if plain_keys(&v) {
                prop_assert_eq!(found.map(|r| &text[r]), Some(inner.as_str()));
            }
        }

        /// Whatever the scan accepts, the strict reader accepts too, and it is canonical: the
        /// writer gives the same bytes back. (It may refuse more; the slow reader takes those.)
        #[test]
        fn the_scan_accepts_only_canonical_strict_json(text in mutated()) {
            if let Some(r) = super::scan(&text, "content") {
                let v = crate::untrusted::parse(&text);
                prop_assert!(v.is_ok(), "the strict reader refuses {:?}: {:?}", text, v);
                let v = v.unwrap();
                prop_assert_eq!(canonical_json(&v), text.trim_end());
                prop_assert_eq!(&text[r], canonical_json(&v["content"]));
            }
        }
    }

    #[test]
    fn the_scan_refuses_what_is_not_canonical_or_not_strict() {
        for text in [
            r#"{"content":1,"content":2}"#,
            r#"{"b":1,"a":2}"#,
            r#"{"content": 1}"#,
            r#"{"content":1.5}"#,
            r#"{"content":1e3}"#,
            r#"{"content":-0}"#,
            r#"{"content":01}"#,
            r#"{"content":18446744073709551616}"#,
            r#"{"content":-9223372036854775809}"#,
            r#"{"content":"\u00e9"}"#,
            r#"{"content":"\/"}"#,
            r#"{"content":"\u000A"}"#,
            r#"{"content":"\u000a"}"#,
            r#"{"content":"a"} x"#,
            r#" {"content":1}"#,
            r#"{"other":1}"#,
            "[1]",
            "",
        ] {
            assert_eq!(super::scan(text, "content"), None, "{text}");
        }
        let deep = format!("{{\"content\":{}{}}}", "[".repeat(70), "]".repeat(70));
        assert_eq!(super::scan(&deep, "content"), None);
        for text in [r#"{"content":-9223372036854775808}"#, r#"{"content":18446744073709551615}"#, r#"{"content":"\u001f\n\"é"}"#] {
            assert!(super::scan(text, "content").is_some(), "{text}");
        }
    }
}
