//! Every refusal of the sync API, as a status and a JSON body naming what is wrong in Vietnamese
//! and English (`thidua_core::sync::ErrorBody`).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use thidua_core::sync::ErrorBody;
use thidua_core::Msg;

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub msg: Msg,
    /// Seconds to wait, for 429.
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, vi: impl Into<String>, en: impl Into<String>) -> Self {
        ApiError { status, code, msg: Msg::new(vi, en), retry_after: None }
    }

    pub fn bad_request(code: &'static str, msg: Msg) -> Self {
        ApiError { status: StatusCode::BAD_REQUEST, code, msg, retry_after: None }
    }

    pub fn unauthorized() -> Self {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Thiếu mã hoặc mã không đúng (mã đã được cấp lại?)",
            "missing or wrong credential (was the code reissued?)",
        )
    }

    pub fn forbidden(vi: impl Into<String>, en: impl Into<String>) -> Self {
        ApiError::new(StatusCode::FORBIDDEN, "forbidden", vi, en)
    }

    pub fn unavailable(detail: impl std::fmt::Display) -> Self {
        // The detail goes to the server's log, not to the client: it may name files or hosts.
        eprintln!("thidua serve: cơ sở dữ liệu lỗi (database error): {detail}");
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "storage_unavailable",
            "Máy chủ tạm thời không lưu được dữ liệu; thiết bị sẽ thử lại, không mất gì",
            "the server cannot store data right now; the device will retry and nothing is lost",
        )
    }

    pub fn too_many(retry_after: u64) -> Self {
        let mut e = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            format!("Quá nhiều yêu cầu; hãy thử lại sau {retry_after} giây"),
            format!("too many requests; retry in {retry_after} s"),
        );
        e.retry_after = Some(retry_after);
        e
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody { status: "error".into(), code: self.code.into(), error: self.msg };
        let mut response = (self.status, Json(body)).into_response();
        if let Some(s) = self.retry_after {
            if let Ok(v) = HeaderValue::from_str(&s.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        response
    }
}
