//! Read-only store connections for the handlers: at most [`MAX_IDLE`] kept open between requests, one per
//! request in flight, each used on tokio's blocking threads (SQLite calls block).

use crate::error::ApiError;
use axum::http::StatusCode;
use dyad_store::{Store, StoreError};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Connections kept open between requests.
pub const MAX_IDLE: usize = 16;

/// The store file and its idle connections.
#[derive(Clone)]
pub struct Stores {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
}

impl Stores {
    pub fn new(path: PathBuf) -> Stores {
        Stores {
            inner: Arc::new(Inner {
                path,
                idle: Mutex::new(Vec::new()),
            }),
        }
    }

    fn take(&self) -> Result<Store, StoreError> {
        let idle = self.inner.idle.lock().ok().and_then(|mut v| v.pop());
        match idle {
            Some(s) => Ok(s),
            None => Store::open_read_only(&self.inner.path),
        }
    }

    fn give(&self, store: Store) {
        if let Ok(mut idle) = self.inner.idle.lock() {
            if idle.len() < MAX_IDLE {
                idle.push(store);
            }
        }
    }

    /// Runs `f` with a connection on a blocking thread.
    pub async fn with<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let stores = self.clone();
        tokio::task::spawn_blocking(move || {
            let store = stores.take().map_err(ApiError::store)?;
            let result = f(&store);
            stores.give(store);
            result
        })
        .await
        .map_err(|e| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("query failed: {e}"),
            )
        })?
    }
}
