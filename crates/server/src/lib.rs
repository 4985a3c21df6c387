//! `dyad serve`: a read-only HTTP API over an event store, and the analyst's page, from the same binary.
//!
//! An edge crate over [`dyad_store`]: every answer is read through the store crate (filters bound as SQL
//! parameters, the same merged events and exports as `dyad export`); no stage depends on it. The API is JSON
//! (see [`api`]; the OpenAPI document is generated from the handlers and types with utoipa and served at
//! `/api/openapi.json`), the page is static files embedded at build time ([`assets`]).
//!
//! - Reads only: GET and HEAD; any other method is 405. The store is opened read-only, one SQLite connection
//!   per request in flight, kept in a small pool ([`pool`]), each query run on tokio's blocking threads.
//! - Errors are JSON `{"status", "message"}`; a bad parameter is 400 naming it ([`params`]), an unknown id 404.
//! - Every response carries a strict Content-Security-Policy (no inline script, no other origin),
//!   `X-Content-Type-Options: nosniff` and `Referrer-Policy: no-referrer`.
//!
//! Nothing here prints; [`run`] hands the bound address to its caller, which says where it serves.

pub mod api;
pub mod assets;
pub mod error;
pub mod params;
pub mod pool;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use dyad_store::{Store, StoreError};
use std::future::Future;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

pub use error::ApiError;

/// The address `dyad serve` binds when none is given: loopback only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

/// The Content-Security-Policy of every response: the page's own scripts, styles and data only.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; \
form-action 'self'";

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{addr}: cannot listen: {source}")]
    Bind {
        addr: String,
        source: std::io::Error,
    },
    #[error("serving: {0}")]
    Io(#[from] std::io::Error),
}

/// Checks that `db` is a store this dyad can read (exists, is a dyad store, not newer), before serving it.
pub fn check_store(db: &Path) -> Result<(), StoreError> {
    Store::open_read_only(db).map(|_| ())
}

/// The application: every route over the store at `db` (the aggregates' cube is built on first use).
pub fn router(db: PathBuf) -> axum::Router {
    app(pool::Stores::new(db))
}

fn app(stores: pool::Stores) -> axum::Router {
    api::routes(stores)
        .fallback(|| async { ApiError::not_found("no such path") })
        .layer(axum::middleware::from_fn(guard))
}

/// Serves the store at `db` on `listener` until `shutdown` completes, then finishes the requests in flight.
/// The aggregates' in-memory cube is built before the first request is accepted (requests wait in the
/// listener's queue meanwhile); a store it cannot read is left for the requests to report.
pub async fn serve(
    listener: tokio::net::TcpListener,
    db: PathBuf,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let stores = pool::Stores::new(db);
    let warm = stores.clone();
    let _ = tokio::task::spawn_blocking(move || warm.warm()).await;
    serve_stores(listener, stores, shutdown).await
}

/// [`serve`] over connections the caller made (and perhaps warmed with [`pool::Stores::warm`]).
pub async fn serve_stores(
    listener: tokio::net::TcpListener,
    stores: pool::Stores,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app(stores))
        .with_graceful_shutdown(shutdown)
        .await
}

/// Binds `addr`, calls `ready` with the bound address, and serves the store at `db` until SIGINT or SIGTERM.
/// Builds its own tokio runtime: the caller (the CLI) stays synchronous.
pub fn run(db: &Path, addr: SocketAddr, ready: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    check_store(db)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| ServeError::Bind {
                addr: addr.to_string(),
                source,
            })?;
        ready(listener.local_addr()?);
        serve(listener, db.to_path_buf(), stop_signal()).await?;
        Ok(())
    })
}

/// Completes on Ctrl-C (SIGINT) or SIGTERM.
async fn stop_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {},
        _ = terminate => {},
    }
}

/// Refuses methods other than GET and HEAD, and puts the security headers on every response.
async fn guard(request: Request, next: Next) -> Response {
    let mut response = if matches!(*request.method(), Method::GET | Method::HEAD) {
        next.run(request).await
    } else {
        let mut r = axum::response::IntoResponse::into_response(ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            format!(
                "method {} not allowed: the API is read-only (GET, HEAD)",
                request.method()
            ),
        ));
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        r
    };
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// A response of `body` with `status` and `Content-Type: application/json`.
pub(crate) fn json_response(status: StatusCode, body: Vec<u8>) -> Response {
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}
