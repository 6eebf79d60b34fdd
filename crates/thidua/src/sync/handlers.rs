//! The sync API's handlers. Each one: limit, authenticate, read, act, answer — and every failure
//! is an `ApiError` with a JSON body.

use super::answer::{sync_answer, PullMeta};
use super::cache::Current;
use super::credential::{self, bearer, role_of, role_text};
use super::error::ApiError;
use super::{Locks, State};
use crate::clock::now_ms;
use crate::store::{StoreError, StoredCampaign};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, Path};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Json;
use serde_json::Value;
use std::net::SocketAddr;
use std::sync::Arc;
use thidua_core::bundle::{Bundle, Scope};
use thidua_core::edit::Actor;
use thidua_core::stored::campaign_from_json;
use thidua_core::sync::{self, IssuedCode, Published, Refusal, SessionInfo};
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

/// Work that takes the processor for long (reading, merging or packing a campaign: seconds for a
/// big bloc), away from the threads that serve every connection.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work).await.map_err(|e| ApiError::unavailable(format!("the work stopped: {e}")))
}

/// The campaign as the database holds it now (`None`: it holds no such campaign): the parsed copy
/// in memory while the database still has its version, otherwise read and parsed again. Only
/// under the campaign's merge lock (`_held`), so that no other request of this server replaces the
/// copy between the check and its use.
async fn current(state: &State, id: &str, _held: &tokio::sync::MutexGuard<'_, ()>) -> Result<Option<Arc<Current>>, ApiError> {
    let Some(head) = state.store.head(id).await.map_err(ApiError::unavailable)? else {
        state.cache.remove(id);
        return Ok(None);
    };
    if let Some(c) = state.cache.get(id) {
        if c.version == head.version && c.updated_ms == head.updated_ms {
            return Ok(Some(c));
        }
    }
    let Some(stored) = state.store.load(id).await.map_err(ApiError::unavailable)? else {
        state.cache.remove(id);
        return Ok(None);
    };
    let c = blocking(move || {
        let campaign = load_campaign(&stored)?;
        Current::new(stored.version, stored.updated_ms, campaign).map_err(ApiError::unavailable)
    })
    .await??;
    let c = Arc::new(c);
    state.cache.put(id, c.clone());
    Ok(Some(c))
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
    let (id, bloc) = (c.id.clone(), c.bloc.name.clone());
    let published = Current::new(1, now_ms(), c).map_err(ApiError::unavailable)?;
    let stored = StoredCampaign { id, bloc, doc: published.doc.get().to_owned(), version: published.version, updated_ms: published.updated_ms };
    match state.store.create(&stored, &hashes).await {
        Ok(()) => {
            // Every unit's first sync reads the campaign just published.
            let locks = state.locks_of(&stored.id);
            let _held = locks.merge.lock().await;
            state.cache.put(&stored.id, Arc::new(published));
            Ok((StatusCode::CREATED, Json(Published { campaign_id: stored.id, version: 1, leader_token, codes })))
        }
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
    let stored = state.store.head(&caller.campaign_id).await.map_err(ApiError::unavailable)?.ok_or_else(ApiError::unauthorized)?;
    Ok(Json(SessionInfo { campaign_id: stored.id, role: caller.role, version: stored.version, bloc: stored.bloc }))
}

/// `POST /api/v1/sync` (body: `SyncRequest`): merges the push, answers the version and, when the
/// device lacks something, the merged state.
pub async fn sync(
    state: Shared,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let caller = authenticate(&state, &headers, &addr).await?;
    let (since, push) = blocking(move || sync_request(body)).await??;
    let push = push.map(Arc::new);
    let id = caller.campaign_id;
    let locks = state.locks_of(&id);
    let held = locks.merge.lock().await;
    // The merge is retried when another server wrote between our read and our write.
    for _ in 0..8 {
        let ours = current(&state, &id, &held).await?.ok_or_else(ApiError::unauthorized)?;
        let now = now_ms();
        let next = match &push {
            None => None,
            Some(b) => {
                let (ours, b, role) = (ours.clone(), b.clone(), caller.role.clone());
                blocking(move || merge_push(&ours, &role, &b, now)).await??
            }
        };
        let result = match next {
            Some(next) => {
                if !state.store.swap(&id, ours.version, next.doc.get(), &next.campaign.bloc.name, now).await.map_err(ApiError::unavailable)? {
                    continue;
                }
                let next = Arc::new(next);
                state.cache.put(&id, next.clone());
                next
            }
            None => ours.clone(),
        };
        // The answer is made from a version that no longer changes: the next push need not wait.
        drop(held);
        let accepted = result.version != ours.version;
        // A device that had the version we merged into has everything in the result already:
        // its own state is that version merged with what it pushed.
        if since == Some(ours.version) {
            return sync_answer(&result, accepted, None);
        }
        let (newest, pull) = newest_pull(&state, &id, &locks, result).await?;
        return sync_answer(&newest, accepted, Some((&pull, now)));
    }
    Err(ApiError::unavailable("the campaign kept changing under the merge"))
}

/// `SyncRequest`'s `since` and `push`, the push read with every check a file gets.
fn sync_request(body: Result<Bytes, BytesRejection>) -> Result<(Option<u64>, Option<Bundle>), ApiError> {
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
    Ok((since, push))
}

/// `push` merged into `ours` by the core's rule for a push from `role`: the next version, or `None`
/// when it brings nothing new.
fn merge_push(ours: &Current, role: &Actor, push: &Bundle, now: u64) -> Result<Option<Current>, ApiError> {
    let merged = sync::accept(&ours.campaign, role, push, now).map_err(|r| match r {
        Refusal::NotYours(m) => ApiError { status: StatusCode::FORBIDDEN, code: "forbidden", msg: m, retry_after: None },
        Refusal::Refused(m) => ApiError { status: StatusCode::UNPROCESSABLE_ENTITY, code: "refused", msg: m, retry_after: None },
    })?;
    merged.map(|m| Current::new(ours.version + 1, now, m).map_err(ApiError::unavailable)).transpose()
}

/// A pull of `at_least`'s version or of a newer one: a later version holds all an earlier one does,
/// and the answer names the version it sends. Pulls are made one at a time, each of the newest
/// version there is when it starts: under load, the devices that waited meanwhile all take the next
/// one made instead of one each.
async fn newest_pull(state: &State, id: &str, locks: &Locks, at_least: Arc<Current>) -> Result<(Arc<Current>, Arc<PullMeta>), ApiError> {
    let newest = |c: Arc<Current>| match state.cache.get(id) {
        Some(cached) if cached.version > c.version => cached,
        _ => c,
    };
    let c = newest(at_least);
    if let Some(pull) = c.pull_meta() {
        return Ok((c, pull));
    }
    let _making = locks.pull.lock().await;
    let c = newest(c);
    if let Some(pull) = c.pull_meta() {
        return Ok((c, pull));
    }
    let made = c.clone();
    let pull = blocking(move || made.make_pull()).await?;
    Ok((c, pull))
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
    let locks = state.locks_of(&caller.campaign_id);
    let held = locks.merge.lock().await;
    let c = current(&state, &caller.campaign_id, &held).await?.ok_or_else(ApiError::unauthorized)?;
    drop(held);
    if !c.campaign.active_units().any(|u| u.code == unit) {
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
        .replace_credential(&caller.campaign_id, &role_text(&Actor::Unit(unit.clone())), &credential::hash(&code), now_ms())
        .await
        .map_err(ApiError::unavailable)?;
    Ok(Json(IssuedCode { unit, code }))
}
