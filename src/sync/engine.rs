//! One sync of one campaign: push this device's part unless the server has it already, apply what
//! the server sends back, remember the version. Every step that fails leaves the stored campaign
//! as it was; the next sync simply starts over.

use super::http::{request, HttpError};
use super::link::Link;
use crate::device::Device;
use crate::lang::now_ms;
use crate::storage;
use thidua_core::bundle::{self, Bundle, Producer};
use thidua_core::edit::Actor;
use thidua_core::sync::{push_bundle, SessionInfo, SyncRequest, SyncResponse};
use thidua_core::{Campaign, Msg};

#[derive(Debug, Clone, PartialEq)]
pub enum SyncError {
    NotLinked,
    Http(HttpError),
    /// The stored campaign could not be read or written, or the server's state was refused.
    Local(Msg),
}

impl From<HttpError> for SyncError {
    fn from(e: HttpError) -> Self {
        SyncError::Http(e)
    }
}

pub fn producer(c: &Campaign, role: &Actor) -> Producer {
    let label = match role {
        Actor::Leader => "Trưởng khối".to_string(),
        Actor::Unit(u) => c.unit(u).map(|x| x.info.name.clone()).unwrap_or_else(|| u.clone()),
    };
    Producer { replica: Device::load().clock.replica, actor: role.clone(), label }
}

/// The bundle this device would push now, for `link`'s role.
pub fn push_of(c: &Campaign, link: &Link) -> Bundle {
    push_bundle(c, producer(c, &link.role), now_ms())
}

/// Whether the device holds anything the server has not accepted from it.
pub fn has_unsent(c: &Campaign, link: &Link) -> bool {
    link.pushed.as_deref() != Some(push_of(c, link).checksum.as_str())
}

/// The highest clock of this device's own writes.
pub fn own_clock(c: &Campaign) -> u64 {
    let me = Device::load().clock.replica;
    thidua_core::merge::writes_by(c, &me, 0).into_iter().max().unwrap_or(0)
}

/// Syncs campaign `id`; the campaign as stored afterwards when the server's state changed it.
pub async fn sync_once(id: &str) -> Result<Option<Campaign>, SyncError> {
    let link = Link::load(id).ok_or(SyncError::NotLinked)?;
    let c = storage::load(id).map_err(|e| SyncError::Local(e.msg()))?;
    let push = push_of(&c, &link);
    let send = link.since.is_none() || link.pushed.as_deref() != Some(push.checksum.as_str());
    let pushed_clock = own_clock(&c);
    let body = SyncRequest { since: link.since, push: send.then(|| push.clone()) };
    let text = serde_json::to_string(&body).unwrap_or_default();
    let answer = request("POST", &format!("{}/api/v1/sync", link.server), Some(&link.token), Some(&text)).await?;
    let response: SyncResponse = serde_json::from_str(&answer)
        .map_err(|e| SyncError::Local(Msg::new(format!("Máy chủ trả lời không đọc được: {e}"), format!("unreadable answer from the server: {e}"))))?;

    // What the server has of ours after this sync: what we pushed, or what we had pushed before.
    let mut pushed = if send { Some(push.checksum.clone()) } else { link.pushed.clone() };
    let mut changed = None;
    if let Some(pull) = &response.pull {
        // Through the file checks (format, schema, checksum): the server's bundle is a bundle.
        let pull = Bundle::from_json(&pull.to_json()).map_err(SyncError::Local)?;
        let now = now_ms();
        let mut untouched = false;
        let stored = storage::update(id, |c| {
            // No edit since the push: after the merge this device holds exactly the server's
            // state, so that state counts as pushed and the next sync need not send it back.
            untouched = push_of(c, &link).checksum == push.checksum;
            *c = bundle::apply(c, &pull, now)?;
            Ok(())
        })
        .map_err(|e| SyncError::Local(e.msg()))?;
        let _ = Device::update(|d| d.clock.observe(&thidua_core::merge::max_stamp(&stored)));
        if untouched {
            pushed = Some(push_of(&stored, &link).checksum);
        }
        changed = Some(stored);
    }
    let version = response.version;
    let _ = Link::update(id, |l| {
        l.since = Some(version);
        l.pushed = pushed;
        l.pushed_clock = l.pushed_clock.max(pushed_clock);
        l.last_ok_ms = Some(now_ms());
    });
    Ok(changed)
}

/// `GET /api/v1/session`: whom a credential stands for on `server`.
pub async fn session(server: &str, token: &str) -> Result<SessionInfo, SyncError> {
    let text = request("GET", &format!("{server}/api/v1/session"), Some(token), None).await?;
    serde_json::from_str(&text).map_err(|e| SyncError::Local(Msg::new(format!("Máy chủ trả lời không đọc được: {e}"), format!("unreadable answer: {e}"))))
}

/// The first pull of a device joining: the server's whole campaign, checked as a file is.
pub async fn pull_all(server: &str, token: &str) -> Result<(Bundle, u64), SyncError> {
    let body = serde_json::to_string(&SyncRequest { since: None, push: None }).unwrap_or_default();
    let text = request("POST", &format!("{server}/api/v1/sync"), Some(token), Some(&body)).await?;
    let r: SyncResponse = serde_json::from_str(&text).map_err(|e| SyncError::Local(Msg::new(format!("Máy chủ trả lời không đọc được: {e}"), format!("unreadable answer: {e}"))))?;
    let pull = r.pull.ok_or_else(|| SyncError::Local(Msg::new("Máy chủ không gửi dữ liệu", "the server sent no data")))?;
    // Re-read through the file checks: the server's bundle is a bundle like any other.
    let b = Bundle::from_json(&pull.to_json()).map_err(SyncError::Local)?;
    Ok((b, r.version))
}

/// Says what went wrong, in the interface's language.
pub fn describe(e: &SyncError) -> String {
    use crate::lang::{msg, t};
    match e {
        SyncError::NotLinked => t("Chiến dịch chưa nối với máy chủ.", "The campaign is not linked to a server.").into(),
        SyncError::Http(HttpError::Network(_)) => t("Không kết nối được máy chủ.", "Cannot reach the server.").into(),
        SyncError::Http(HttpError::Status { message, .. }) => msg(message),
        SyncError::Local(m) => msg(m),
    }
}
