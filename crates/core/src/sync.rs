//! The sync protocol between the app and `thidua serve`: its messages, and the one rule the server
//! applies to every push ([`accept`]). Files and sync share everything else: a push is a bundle, the
//! server merges it with [`crate::bundle::apply`], and the reply is a bundle of the merged state. A
//! state-based merge makes every request safe to retry, duplicate or reorder: merging a state twice,
//! or an older state after a newer one, changes nothing.

use crate::bundle::{self, Bundle, Producer, Scope};
use crate::edit::Actor;
use crate::model::Campaign;
use crate::problem::Msg;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The protocol version, the `v1` in `/api/v1/…`.
pub const VERSION: u32 = 1;

/// The replica id the server signs its bundles with: it never writes values of its own.
pub const SERVER_REPLICA: &str = "server";

/// `POST /api/v1/sync`: what the device has (or nothing, when it has nothing new) and the server
/// version it last merged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SyncRequest {
    /// The server's version the device last received; `None` on a first sync.
    #[serde(default)]
    pub since: Option<u64>,
    /// The device's state: the whole campaign for the leader, the unit's part for a unit.
    #[serde(default)]
    pub push: Option<Bundle>,
}

/// The answer: the server's version after the push, and its state when the device lacks it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SyncResponse {
    pub version: u64,
    /// Whether the push changed the server's state.
    pub accepted_changes: bool,
    /// The merged campaign, unless the device already has everything in it.
    #[serde(default)]
    pub pull: Option<Bundle>,
}

/// `POST /api/v1/publish`: the answer to a leader publishing a campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Published {
    pub campaign_id: String,
    pub version: u64,
    /// The leader's credential: shown once, stored only hashed on the server.
    pub leader_token: String,
    /// One join code per unit code.
    pub codes: BTreeMap<String, String>,
}

/// `GET /api/v1/session`: whom a credential stands for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub campaign_id: String,
    pub role: Actor,
    pub version: u64,
    /// The bloc's name, to show the person what they are joining.
    pub bloc: String,
}

/// `POST /api/v1/codes/{unit}`: a unit's new join code (the old one stops working).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssuedCode {
    pub unit: String,
    pub code: String,
}

/// An error the server answers with: a stable machine code and the message in both languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub status: String,
    pub code: String,
    pub error: Msg,
}

/// The push a device makes: the leader sends the whole campaign, a unit its own part.
pub fn push_bundle(c: &Campaign, producer: Producer, now_ms: u64) -> Bundle {
    let scope = match &producer.actor {
        Actor::Leader => Scope::Whole,
        Actor::Unit(code) => Scope::Unit(code.clone()),
    };
    Bundle::new(c, producer, scope, now_ms)
}

/// The server's reply bundle: the whole merged campaign, signed by no person.
pub fn server_bundle(c: &Campaign, now_ms: u64) -> Bundle {
    let producer = Producer {
        replica: SERVER_REPLICA.to_string(),
        actor: Actor::Leader,
        label: "Máy chủ đồng bộ".to_string(),
    };
    Bundle::new(c, producer, Scope::Whole, now_ms)
}

/// Why the server refuses a push.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// The push is not the credential holder's to make (another's name, another scope).
    NotYours(Msg),
    /// The bundle itself is refused, as a file would be (another campaign, foreign writes,
    /// stamps from the future).
    Refused(Msg),
}

/// What the server does with a push from `role` (the credential's, not the bundle's claim): the
/// bundle must be made for this role and in the scope that role sends, and pass the same checks
/// as a file (its campaign, who may write what, stamps from the future). Returns the merged
/// campaign, or `None` when the push brings nothing new.
pub fn accept(stored: &Campaign, role: &Actor, push: &Bundle, now_ms: u64) -> Result<Option<Campaign>, Refusal> {
    if push.producer.actor != *role {
        return Err(Refusal::NotYours(Msg::new(
            "Dữ liệu gửi lên nhân danh một người khác với người giữ mã",
            "the data is sent in the name of someone other than the credential's holder",
        )));
    }
    let scope_ok = match (role, &push.scope) {
        (Actor::Leader, Scope::Whole) => true,
        (Actor::Unit(me), Scope::Unit(code)) => me == code,
        _ => false,
    };
    if !scope_ok {
        return Err(Refusal::NotYours(Msg::new(
            "Phạm vi dữ liệu gửi lên không đúng với người gửi (đơn vị chỉ gửi phần của mình)",
            "the data's scope does not match the sender (a unit sends only its own part)",
        )));
    }
    let merged = bundle::apply(stored, push, now_ms).map_err(Refusal::Refused)?;
    Ok(if merged == *stored { None } else { Some(merged) })
}
