//! The answer to a sync, written as `thidua_core::sync::SyncResponse` is but from what one version
//! of a campaign already has: its stored text as the pull's content and the pull's checksum made
//! once. Packing the whole campaign into a bundle again for every device that asks (copy, JSON
//! tree, canonical text, SHA-256, then the answer's JSON) cost more than all the rest of a sync.

use super::cache::Current;
use super::error::ApiError;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::value::RawValue;
use thidua_core::bundle::{Bundle, Producer, Scope};
use thidua_core::sync;
use thidua_core::Campaign;

/// A bundle of the server's state at one version, but its content and when it was made.
pub struct PullMeta {
    format: String,
    schema: u32,
    campaign_id: String,
    producer: Producer,
    scope: Scope,
    checksum: String,
}

impl PullMeta {
    /// Made by the core as any pull is, so that the checksum is the one a device checks.
    pub fn of(c: &Campaign) -> PullMeta {
        // Every field named: a field the core adds to bundles must be added to `Pull` too.
        let Bundle { format, schema, campaign_id, producer, created_ms: _, scope, content: _, checksum } = sync::server_bundle(c, 0);
        PullMeta { format, schema, campaign_id, producer, scope, checksum }
    }
}

/// `Bundle`, field for field, with its content as text.
#[derive(Serialize)]
struct Pull<'a> {
    format: &'a str,
    schema: u32,
    campaign_id: &'a str,
    producer: &'a Producer,
    created_ms: u64,
    scope: &'a Scope,
    content: &'a RawValue,
    checksum: &'a str,
}

/// `SyncResponse`, field for field.
#[derive(Serialize)]
struct Answer<'a> {
    version: u64,
    accepted_changes: bool,
    pull: Option<Pull<'a>>,
}

/// The answer naming `version`'s version; with `pull` (when the device lacks something), its whole
/// state as a pull (made by [`Current::make_pull`]) at a time.
pub fn sync_answer(version: &Current, accepted_changes: bool, pull: Option<(&PullMeta, u64)>) -> Result<Response, ApiError> {
    let capacity = if pull.is_some() { version.doc.get().len() + 1024 } else { 128 };
    let pull = pull.map(|(m, at)| Pull {
        format: &m.format,
        schema: m.schema,
        campaign_id: &m.campaign_id,
        producer: &m.producer,
        created_ms: at,
        scope: &m.scope,
        content: &version.doc,
        checksum: &m.checksum,
    });
    let answer = Answer { version: version.version, accepted_changes, pull };
    let mut body = Vec::with_capacity(capacity);
    serde_json::to_writer(&mut body, &answer).map_err(|e| ApiError::unavailable(format!("cannot write the answer: {e}")))?;
    Ok((StatusCode::OK, [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], body).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use thidua_core::model::BlocInfo;
    use thidua_core::sync::SyncResponse;

    async fn text_of(r: Response) -> String {
        let bytes = axum::body::to_bytes(r.into_body(), usize::MAX).await.expect("the body");
        String::from_utf8(bytes.to_vec()).expect("UTF-8")
    }

    /// What a device reads is what the core's own answer would be, and its bundle passes every check.
    #[tokio::test]
    async fn the_answer_is_the_cores_answer() {
        let mut c = Campaign::new("answer-test", BlocInfo { name: "Khối «thi đua» \"7\"".into(), year: 2025, ..Default::default() });
        c.bloc.value.decision_number = "1/QĐ\n\\ <b>\u{1F600}".into();
        let current = Current::new(7, 1, c.clone()).expect("serialises");
        assert!(current.pull_meta().is_none(), "made only when asked for");
        let meta = current.make_pull();
        let r = sync_answer(&current, true, Some((&meta, 1234))).expect("an answer");
        assert_eq!(r.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()), Some("application/json"));
        let text = text_of(r).await;
        let read: SyncResponse = serde_json::from_str(&text).expect("a SyncResponse");
        let expected = SyncResponse { version: 7, accepted_changes: true, pull: Some(sync::server_bundle(&c, 1234)) };
        assert_eq!(read, expected);
        let pull: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let b = Bundle::from_json(&pull["pull"].to_string()).expect("the pull reads as a file does");
        assert_eq!(b.content, c);
        // The same again (the checksum made once is kept), and without a pull.
        let kept = current.pull_meta().expect("kept");
        let again: SyncResponse = serde_json::from_str(&text_of(sync_answer(&current, false, Some((&kept, 99))).expect("an answer")).await).expect("read");
        assert_eq!(again.pull.map(|b| (b.checksum, b.created_ms)), expected.pull.map(|b| (b.checksum, 99)));
        let none: SyncResponse = serde_json::from_str(&text_of(sync_answer(&current, false, None).expect("an answer")).await).expect("read");
        assert_eq!(none, SyncResponse { version: 7, accepted_changes: false, pull: None });
    }
}
