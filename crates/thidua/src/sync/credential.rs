//! Credentials: random tokens people copy (the leader's) or type (a unit's join code), stored only
//! as their SHA-256. The tokens carry 80 bits or more from the operating system's generator, so a
//! plain hash is enough: a slow password hash protects guessable secrets, and these are not.

use axum::http::HeaderMap;
use sha2::{Digest, Sha256};
use thidua_core::edit::Actor;

/// Crockford's base32 without I, L, O, U: nothing to misread on paper or over the phone.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// `groups` groups of four characters (20 bits each), dash-separated.
fn random_code(groups: usize) -> Result<String, getrandom::Error> {
    let mut bytes = vec![0u8; groups * 4];
    getrandom::fill(&mut bytes)?;
    let chars: Vec<char> = bytes.iter().map(|b| ALPHABET[usize::from(b & 31)] as char).collect();
    Ok(chars.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("-"))
}

/// A unit's join code: 16 characters, 80 bits.
pub fn new_join_code() -> Result<String, getrandom::Error> {
    random_code(4)
}

/// The leader's token: `L-` and 24 characters, 120 bits.
pub fn new_leader_token() -> Result<String, getrandom::Error> {
    Ok(format!("L-{}", random_code(6)?))
}

/// What is hashed: the code as typed, without spaces or dashes, in capitals, with the letters
/// people confuse with digits read as those digits (as Crockford's base32 does).
pub fn normalise(token: &str) -> String {
    token
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

pub fn hash(token: &str) -> String {
    let d = Sha256::digest(normalise(token).as_bytes());
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// The bearer token of a request, if it has one.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(axum::http::header::AUTHORIZATION)?.to_str().ok()?;
    let token = value.strip_prefix("Bearer ").or_else(|| value.strip_prefix("bearer "))?.trim();
    (!token.is_empty()).then_some(token)
}

/// The role column: `leader` or `unit:<code>`.
pub fn role_text(a: &Actor) -> String {
    match a {
        Actor::Leader => "leader".to_string(),
        Actor::Unit(code) => format!("unit:{code}"),
    }
}

pub fn role_of(text: &str) -> Option<Actor> {
    if text == "leader" {
        return Some(Actor::Leader);
    }
    text.strip_prefix("unit:").map(|c| Actor::Unit(c.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_the_way_people_type_them() {
        let code = new_join_code().unwrap();
        assert_eq!(code.len(), 19);
        assert_eq!(hash(&code), hash(&code.to_lowercase().replace('-', " ")));
        assert_eq!(hash("O1L0-ABCD"), hash("0110abcd"));
        assert_ne!(hash(&code), hash(&new_join_code().unwrap()));
        assert!(new_leader_token().unwrap().starts_with("L-"));
    }

    #[test]
    fn roles_round_trip() {
        for a in [Actor::Leader, Actor::Unit("CTK".into())] {
            assert_eq!(role_of(&role_text(&a)), Some(a));
        }
        assert_eq!(role_of("admin"), None);
    }
}
