//! The page's static files, embedded at build time (`build.rs` lists every file under `static/`), served by
//! name only: a path that is not one of them is 404, so nothing outside the table can be reached.

use axum::body::Body;
use axum::http::{header, HeaderValue};
use axum::response::Response;

include!(concat!(env!("OUT_DIR"), "/assets.rs"));

/// The file `name` (a path under `static/`), if embedded.
pub fn asset(name: &str) -> Option<&'static [u8]> {
    ASSETS.iter().find(|(n, _)| *n == name).map(|(_, b)| *b)
}

/// The Content-Type a file is served with, by its extension.
pub fn content_type(name: &str) -> &'static str {
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The response for embedded file `name`, or `None`.
pub fn response(name: &str) -> Option<Response> {
    let bytes = asset(name)?;
    let mut r = Response::new(Body::from(bytes));
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(name)),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Some(r)
}
