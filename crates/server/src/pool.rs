//! Read-only store connections for the handlers: at most [`MAX_IDLE`] kept open between requests, one per
//! request in flight, each used on tokio's blocking threads (SQLite calls block).
//!
//! The aggregates (timeline, map, network, actors) read the store's in-memory [`Cube`], built on first use (or
//! at start by [`Stores::warm`]) and brought up to date before each aggregate when the store has changed (new
//! events appended; a recode rebuilds it). Queries share it under a read lock; one refresh at a time takes
//! the write lock.

use crate::error::ApiError;
use axum::http::StatusCode;
use dyad_store::cube::{Aggregates, Cube};
use dyad_store::{Store, StoreError};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

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
    cube: RwLock<Option<Cube>>,
}

impl Stores {
    pub fn new(path: PathBuf) -> Stores {
        Stores {
            inner: Arc::new(Inner {
                path,
                idle: Mutex::new(Vec::new()),
                cube: RwLock::new(None),
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

    /// Builds the cube now (a server calls this before it accepts requests, so that the first page load does
    /// not wait for it). Returns how many events it holds and its estimated memory in bytes.
    pub fn warm(&self) -> Result<(usize, usize), StoreError> {
        let store = self.take()?;
        let result = self.current_cube(&store).map(|()| {
            let cube = self.inner.cube.read().unwrap_or_else(|p| p.into_inner());
            cube.as_ref()
                .map_or((0, 0), |c| (c.len(), c.memory_bytes()))
        });
        self.give(store);
        result
    }

    /// Makes the cube current with `store` (builds it the first time).
    fn current_cube(&self, store: &Store) -> Result<(), StoreError> {
        {
            let cube = self.inner.cube.read().unwrap_or_else(|p| p.into_inner());
            if let Some(c) = cube.as_ref() {
                if c.is_current(store)? {
                    return Ok(());
                }
            }
        }
        let mut cube = self.inner.cube.write().unwrap_or_else(|p| p.into_inner());
        match cube.as_mut() {
            // Another request may have refreshed it while this one waited for the lock: refresh checks again.
            Some(c) => {
                c.refresh(store)?;
            }
            None => *cube = Some(Cube::load(store)?),
        }
        Ok(())
    }

    /// Runs `f` with the store's aggregates (its cube, made current) on a blocking thread.
    pub async fn aggregates<T: Send + 'static>(
        &self,
        f: impl FnOnce(Aggregates<'_>) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let stores = self.clone();
        self.with(move |store| {
            stores.current_cube(store).map_err(ApiError::store)?;
            let cube = stores.inner.cube.read().unwrap_or_else(|p| p.into_inner());
            f(Aggregates {
                store,
                cube: cube.as_ref(),
            })
        })
        .await
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
