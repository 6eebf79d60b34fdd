//! The sync API's handlers. Each one: limit, authenticate, read, act, answer — and every failure
//! is an `ApiError` with a JSON body.

use super::credential::{self, bearer, role_of, role_text};
use super::error::ApiError;
use super::State;
use crate::clock::now_ms;
use crate::store::{StoreError, StoredCampaign};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, Path};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde_json::Value;
use std::net::SocketAddr;
use std::sync::Arc;
use thidua_core::bundle::{Bundle, Scope};
use thidua_core::edit::Actor;
use thidua_core::stored::{campaign_from_json, campaign_to_json};
use thidua_core::sync::{self, IssuedCode, Published, Refusal, SessionInfo, SyncResponse};
use thidua_core::{Campaign, Msg};

type Shared = axum::extract::State<Arc<State>>;

/// A failed login costs this many requests of the address's allowance: guessing codes is slow.
const FAILED_AUTH_COST: f64 = 10.0;

/// The caller, once its credential is checked.
struct Caller {
    campaign_id: String,
    role: Actor,
}

fn limit(state: &State, key: &str, cost: f64) -> Result<(), ApiError> {
    state.limits.take(key, cost).map_err(ApiError::too_many)
}

async fn authenticate(state: &State, headers: &HeaderMap, addr: &SocketAddr) -> Result<Caller, ApiError> {
    let ip = addr.ip().to_string();
    let Some(token) = bearer(headers) else {
        limit(state, &ip, 1.0)?;
        return Err(ApiError::unauthorized());
    };
    let hash = credential::hash(token);
    limit(state, &hash, 1.0)?;
    let found = state.store.credential(&hash).await.map_err(ApiError::unavailable)?;
    match found.and_then(|c| role_of(&c.role).map(|role| Caller { campaign_id: c.campaign_id, role })) {
        Some(caller) => Ok(caller),
        None => {
            limit(state, &ip, FAILED_AUTH_COST)?;
            Err(ApiError::unauthorized())
        }
    }
}

/// The request body as JSON; a body over the limit or not JSON is named as such.
fn json_body(body: Result<Bytes, BytesRejection>) -> Result<Value, ApiError> {
    let bytes = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                "Dữ liệu gửi lên quá lớn so với giới hạn của máy chủ",
                "the request is larger than the server accepts",
            )
        } else {
            ApiError::bad_request("bad_body", Msg::new(format!("Không đọc được dữ liệu gửi lên: {e}"), format!("cannot read the request: {e}")))
        }
    })?;
    serde_json::from_slice(&bytes).map_err(|e| {
        ApiError::bad_request("bad_json", Msg::new(format!("Dữ liệu gửi lên không phải JSON hợp lệ: {e}"), format!("the request is not valid JSON: {e}")))
    })
}

/// A bundle inside a request, read with every check a file gets (format, schema, checksum).
fn bundle_in(v: &Value) -> Result<Bundle, ApiError> {
    Bundle::from_json(&v.to_string()).map_err(|m| ApiError::bad_request("bad_bundle", m))
}

fn load_campaign(stored: &StoredCampaign) -> Result<Campaign, ApiError> {
    campaign_from_json(&stored.doc).map_err(|e| ApiError::unavailable(format!("campaign {} unreadable: {:?}", stored.id, e.msg())))
}

/// `POST /api/v1/publish` (body: the leader's whole bundle): stores the campaign and answers with
/// the leader's token and one join code per unit, shown once.
pub async fn publish(
    state: Shared,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<Published>), ApiError> {
    limit(&state, &addr.ip().to_string(), 5.0)?;
    if let Some(key) = &state.publish_key {
        let given = headers.get("x-thidua-publish-key").and_then(|v| v.to_str().ok());
        if given != Some(key.as_str()) {
            return Err(ApiError::forbidden(
                "Máy chủ này cần khóa đăng tải để đưa chiến dịch lên (hỏi người quản trị máy chủ)",
                "this server needs a publish key to take a campaign (ask its administrator)",
            ));
        }
    }
    let b = bundle_in(&json_body(body)?)?;
    if b.scope != Scope::Whole || b.producer.actor != Actor::Leader {
        return Err(ApiError::forbidden(
            "Chỉ trưởng khối đưa được cả chiến dịch lên máy chủ",
            "only the bloc leader can publish the whole campaign",
        ));
    }
    let c = b.content;
    let leader_token = credential::new_leader_token().map_err(ApiError::unavailable)?;
    let mut codes = std::collections::BTreeMap::new();
    let mut hashes = vec![(role_text(&Actor::Leader), credential::hash(&leader_token))];
    for u in c.active_units() {
        let code = credential::new_join_code().map_err(ApiError::unavailable)?;
        hashes.push((role_text(&Actor::Unit(u.code.clone())), credential::hash(&code)));
        codes.insert(u.code.clone(), code);
    }
    let now = now_ms();
    let stored = StoredCampaign { id: c.id.clone(), bloc: c.bloc.name.clone(), doc: campaign_to_json(&c), version: 1, updated_ms: now };
    match state.store.create(&stored, &hashes).await {
        Ok(()) => Ok((StatusCode::CREATED, Json(Published { campaign_id: c.id, version: 1, leader_token, codes }))),
        Err(StoreError::Exists) => Err(ApiError::new(
            StatusCode::CONFLICT,
            "exists",
            "Chiến dịch này đã có trên máy chủ: hãy dùng mã trưởng khối để đồng bộ",
            "this campaign is on the server already: sync with the leader's credential",
        )),
        Err(e) => Err(ApiError::unavailable(e)),
    }
}

/// `GET /api/v1/session`: whom the credential stands for.
pub async fn session(state: Shared, ConnectInfo(addr): ConnectInfo<SocketAddr>, headers: HeaderMap) -> Result<Json<SessionInfo>, ApiError> {
    let caller = authenticate(&state, &headers, &addr).await?;
    let stored = state.store.load(&caller.campaign_id).await.map_err(ApiError::unavailable)?.ok_or_else(ApiError::unauthorized)?;
    Ok(Json(SessionInfo { campaign_id: stored.id, role: caller.role, version: stored.version, bloc: stored.bloc }))
}

/// `POST /api/v1/sync` (body: `SyncRequest`): merges the push, answers the version and, when the
/// device lacks something, the merged state.
pub async fn sync(
    state: Shared,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<SyncResponse>, ApiError> {
    let caller = authenticate(&state, &headers, &addr).await?;
    let request = json_body(body)?;
    let since = match request.get("since") {
        None | Some(Value::Null) => None,
        Some(v) => Some(v.as_u64().ok_or_else(|| {
            ApiError::bad_request("bad_since", Msg::new("«since» phải là một số phiên bản", "«since» must be a version number"))
        })?),
    };
    let push = match request.get("push") {
        None | Some(Value::Null) => None,
        Some(v) => Some(bundle_in(v)?),
    };
    let lock = state.lock_of(&caller.campaign_id);
    let _guard = lock.lock().await;
    // The merge is retried when another server wrote between our read and our write.
    for _ in 0..8 {
        let stored = state.store.load(&caller.campaign_id).await.map_err(ApiError::unavailable)?.ok_or_else(ApiError::unauthorized)?;
        let ours = load_campaign(&stored)?;
        let now = now_ms();
        let merged = match &push {
            None => None,
            Some(b) => sync::accept(&ours, &caller.role, b, now).map_err(|r| match r {
                Refusal::NotYours(m) => ApiError { status: StatusCode::FORBIDDEN, code: "forbidden", msg: m, retry_after: None },
                Refusal::Refused(m) => ApiError { status: StatusCode::UNPROCESSABLE_ENTITY, code: "refused", msg: m, retry_after: None },
            })?,
        };
        let (current, version) = match merged {
            Some(m) => {
                let doc = campaign_to_json(&m);
                if !state.store.swap(&stored.id, stored.version, &doc, &m.bloc.name, now).await.map_err(ApiError::unavailable)? {
                    continue;
                }
                (m, stored.version + 1)
            }
            None => (ours, stored.version),
        };
        // A device that had the version we merged into has everything in the result already:
        // its own state is that version merged with what it pushed.
        let pull = (since != Some(stored.version)).then(|| sync::server_bundle(&current, now));
        return Ok(Json(SyncResponse { version, accepted_changes: version != stored.version, pull }));
    }
    Err(ApiError::unavailable("the campaign kept changing under the merge"))
}

/// `POST /api/v1/codes/{unit}` (the leader): a new join code for a unit; the old one stops working.
pub async fn reissue_code(
    state: Shared,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(unit): Path<String>,
) -> Result<Json<IssuedCode>, ApiError> {
    let caller = authenticate(&state, &headers, &addr).await?;
    if caller.role != Actor::Leader {
        return Err(ApiError::forbidden("Chỉ trưởng khối cấp lại được mã của đơn vị", "only the bloc leader can reissue a unit's code"));
    }
    let stored = state.store.load(&caller.campaign_id).await.map_err(ApiError::unavailable)?.ok_or_else(ApiError::unauthorized)?;
    let c = load_campaign(&stored)?;
    if !c.active_units().any(|u| u.code == unit) {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "no_such_unit",
            format!("Khối không có đơn vị «{unit}» (trên máy chủ): hãy đồng bộ trước"),
            format!("the bloc has no unit «{unit}» (on the server): sync first"),
        ));
    }
    let code = credential::new_join_code().map_err(ApiError::unavailable)?;
    state
        .store
        .replace_credential(&stored.id, &role_text(&Actor::Unit(unit.clone())), &credential::hash(&code), now_ms())
        .await
        .map_err(ApiError::unavailable)?;
    Ok(Json(IssuedCode { unit, code }))
}
