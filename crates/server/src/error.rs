//! The API's one error shape: `{"status": 400, "message": "..."}`, with the HTTP status it names.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use dyad_store::query::ReadError;
use dyad_store::{Filter, StoreError};
use serde::Serialize;
use utoipa::ToSchema;

/// An error answer: the HTTP status and a message saying what was wrong (a bad parameter names it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ApiError {
    /// The HTTP status code, repeated in the body.
    pub status: u16,
    /// What went wrong, e.g. `parameter 'since': "2024-13-01" is not a date (YYYY-MM-DD)`.
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status: status.as_u16(),
            message: message.into(),
        }
    }

    /// 400 for parameter `name`.
    pub fn parameter(name: &str, message: impl std::fmt::Display) -> ApiError {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("parameter '{name}': {message}"),
        )
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    /// A store error while reading with `filter`: a query the store calls invalid when the filter has a
    /// full-text query (`q`) is that parameter's fault, 400; anything else is [`ApiError::store`].
    pub fn query(e: StoreError, filter: &Filter) -> ApiError {
        match e {
            StoreError::Invalid { message, .. } if filter.text.is_some() => {
                ApiError::parameter("q", message)
            }
            other => ApiError::store(other),
        }
    }

    /// [`ApiError::query`] for a read that may also have failed writing its output.
    pub fn read(e: ReadError, filter: &Filter) -> ApiError {
        match e {
            ReadError::Store(s) => ApiError::query(s, filter),
            ReadError::Output(o) => ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("writing the answer: {o}"),
            ),
        }
    }

    /// A store error that is not the request's fault: a busy store is 503, the rest 500.
    pub fn store(e: StoreError) -> ApiError {
        match e {
            StoreError::Locked { .. } => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "the store is busy; try again",
            ),
            other => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        crate::json_response(status, serde_json::to_vec(&self).unwrap_or_default())
    }
}
