//! Recognising canonical JSON in one pass over the text, without building it.
//!
//! A bundle this app writes is canonical JSON (`Bundle::to_json`), so the checksum of its `content`
//! is the SHA-256 of the content's own bytes in the file. Reading it through a `serde_json::Value`
//! tree, writing that tree again as canonical JSON and converting the tree into the typed bundle
//! was two thirds of reading a file. [`scan`] checks instead that a text is exactly what
//! [`super::canonical_json`] would write for it, and that [`crate::untrusted::parse`] would accept it
//! (keys in strictly increasing order cannot repeat; lists, maps and texts within the same bounds;
//! whole numbers of 64 bits only). When it says yes, the checksum can be taken over the bytes and the
//! bundle parsed straight into its types. When it says no (a file reformatted by an editor, written
//! by an older version, or anything odd), the caller reads the file the slow way, which gives the
//! same answer for every text [`scan`] accepts and the proper message for every one it refuses.
//!
//! So [`scan`] may refuse more than it needs to (a key with an escape, nesting deeper than
//! [`MAX_DEPTH`], a text longer in bytes than the limit in characters) but must never accept a text
//! the strict reader refuses or one that is not canonical: `canonical::tests` holds it to that.

use crate::untrusted::{MAX_ENTRIES, MAX_TEXT_CHARS};
use std::ops::Range;

/// Deeper nesting is left to the slow reader (a bundle is about 10 levels deep; serde_json's limit is
/// 128), which also keeps this recursion's stack small.
pub const MAX_DEPTH: u32 = 64;

/// When `text` is canonical JSON the strict reader accepts (an object at the top, a trailing
/// newline or spaces allowed after it), the bytes of the value of its top-level key `key`, if it has
/// one. `None` when the text is not canonical, not strict, or has no such key.
pub fn scan(text: &str, key: &str) -> Option<Range<usize>> {
    let mut s = Scan { b: text.as_bytes(), i: 0, key: key.as_bytes(), found: None };
    if s.b.first() != Some(&b'{') {
        return None;
    }
    s.value(0)?;
    if !s.b[s.i..].iter().all(|c| matches!(c, b' ' | b'\n' | b'\r' | b'\t')) {
        return None;
    }
    s.found
}

struct Scan<'a> {
    b: &'a [u8],
    i: usize,
    key: &'a [u8],
    found: Option<Range<usize>>,
}

impl Scan<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        (self.peek()? == c).then(|| self.i += 1)
    }

    fn value(&mut self, depth: u32) -> Option<()> {
        match self.peek()? {
            b'{' => self.object(depth + 1),
            b'[' => self.array(depth + 1),
            b'"' => self.string().map(|_| ()),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        let end = self.i + word.len();
        (self.b.get(self.i..end)? == word).then(|| self.i = end)
    }

    fn object(&mut self, depth: u32) -> Option<()> {
        if self.open(depth, b'}')? {
            return Some(());
        }
        let mut previous: Option<Range<usize>> = None;
        let mut n = 0usize;
        loop {
            let (key, escaped) = self.string()?;
            // Canonical keys are sorted by their characters; with an escape in one, its bytes here
            // are not its characters' (rare enough to leave to the slow reader).
            if escaped || previous.is_some_and(|p| self.b[p] >= self.b[key.clone()]) {
                return None;
            }
            one_more(&mut n)?;
            self.eat(b':')?;
            let start = self.i;
            self.value(depth)?;
            if depth == 1 && &self.b[key.clone()] == self.key {
                self.found = Some(start..self.i);
            }
            previous = Some(key);
            if self.closed(b'}')? {
                return Some(());
            }
        }
    }

    fn array(&mut self, depth: u32) -> Option<()> {
        if self.open(depth, b']')? {
            return Some(());
        }
        let mut n = 0usize;
        loop {
            one_more(&mut n)?;
            self.value(depth)?;
            if self.closed(b']')? {
                return Some(());
            }
        }
    }

    /// At `{` or `[`, within the depth bound: whether it is empty (its `close` eaten too).
    fn open(&mut self, depth: u32, close: u8) -> Option<bool> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.i += 1;
        Some(self.eat(close).is_some())
    }

    /// After an item: `true` at `close`, `false` at a comma (either eaten); `None` at anything else.
    fn closed(&mut self, close: u8) -> Option<bool> {
        let c = self.peek()?;
        self.i += 1;
        match c {
            b',' => Some(false),
            c if c == close => Some(true),
            _ => None,
        }
    }

    /// A string escaped exactly as serde_json writes one (`\"`, `\\`, the short forms of
    /// backspace, form feed, newline, carriage return and tab, and `\u00xx` in lower case for the
    /// other control characters; nothing else). Answers the bytes between the quotes and whether
    /// any was escaped.
    fn string(&mut self) -> Option<(Range<usize>, bool)> {
        self.eat(b'"')?;
        let start = self.i;
        let mut escaped = false;
        loop {
            // Most of a text is plain characters: skipped in one tight loop.
            let plain = self.b.get(self.i..)?.iter().position(|&c| c == b'"' || c == b'\\' || c < 0x20)?;
            self.i += plain;
            match self.b[self.i] {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    match *self.b.get(self.i + 1)? {
                        b'"' | b'\\' | b'b' | b'f' | b'n' | b'r' | b't' => self.i += 2,
                        b'u' => {
                            let hex = self.b.get(self.i + 2..self.i + 6)?;
                            let lower = |c: &u8| matches!(c, b'0'..=b'9' | b'a'..=b'f');
                            if !hex.iter().all(lower) || &hex[..2] != b"00" {
                                return None;
                            }
                            let c = u8::from_str_radix(std::str::from_utf8(&hex[2..]).ok()?, 16).ok()?;
                            if c >= 0x20 || matches!(c, 0x08 | 0x09 | 0x0a | 0x0c | 0x0d) {
                                return None;
                            }
                            self.i += 6;
                        }
                        _ => return None,
                    }
                }
                _ => return None,
            }
        }
        let inner = start..self.i;
        self.i += 1;
        // Bytes bound characters from above; a longer text is left to the slow reader, which counts.
        if inner.len() > MAX_TEXT_CHARS {
            return None;
        }
        Some((inner, escaped))
    }

    /// A whole number as serde_json writes an `i64` or a `u64`: no `+`, no leading zero, no `-0`,
    /// no fraction or exponent, within 64 bits.
    fn number(&mut self) -> Option<()> {
        let negative = self.eat(b'-').is_some();
        let start = self.i;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
        let digits = &self.b[start..self.i];
        if digits.is_empty() || digits.len() > 20 || (digits[0] == b'0' && (digits.len() > 1 || negative)) {
            return None;
        }
        if matches!(self.peek(), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        let n = digits.iter().try_fold(0u128, |n, d| Some(n * 10 + u128::from(d - b'0')))?;
        let fits = if negative { n <= 1u128 << 63 } else { n <= u128::from(u64::MAX) };
        fits.then_some(())
    }
}

/// Counts one more entry of a list or map, within the strict reader's bound.
fn one_more(n: &mut usize) -> Option<()> {
    *n += 1;
    (*n <= MAX_ENTRIES).then_some(())
}
