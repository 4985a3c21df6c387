//! File identity (device and inode on Unix), so that ingest can recognise a file whatever path reaches it: the
//! run's own output (standard output redirected into a folder being read), the same file met twice through
//! symbolic links, a directory that links back to its parent.
//!
//! Identity is only compared, never shown; where the platform has no device/inode numbers every constructor
//! returns `None` and nothing is excluded by identity.

use std::fs::Metadata;
use std::path::Path;

/// The identity of a file on this machine: two paths name the same file exactly when their identities are equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileIdentity {
    device: u64,
    inode: u64,
}

impl FileIdentity {
    /// The identity of the file `path` names, following symbolic links; `None` when it cannot be read or the
    /// platform has no file identity.
    pub fn of_path(path: &Path) -> Option<FileIdentity> {
        std::fs::metadata(path)
            .ok()
            .and_then(|m| FileIdentity::of_metadata(&m))
    }

    /// The identity of the file standard output (file descriptor 1) is open on — a regular file when the output
    /// is redirected (`dyad code news/ > news/out.jsonl`), otherwise a pipe or terminal. `None` when standard output
    /// is closed or the platform has no file identity.
    ///
    /// ```no_run
    /// use dyad_ingest::{FileIdentity, IngestOptions};
    /// let mut opts = IngestOptions::default();
    /// opts.exclude.extend(FileIdentity::of_stdout());
    /// ```
    pub fn of_stdout() -> Option<FileIdentity> {
        #[cfg(unix)]
        {
            use std::os::fd::AsFd;
            let fd = std::io::stdout().as_fd().try_clone_to_owned().ok()?;
            let metadata = std::fs::File::from(fd).metadata().ok()?;
            FileIdentity::of_metadata(&metadata)
        }
        #[cfg(not(unix))]
        {
            None
        }
    }

    /// The identity recorded in `metadata` (from `fs::metadata`, `File::metadata` or a directory entry).
    pub fn of_metadata(metadata: &Metadata) -> Option<FileIdentity> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(FileIdentity {
                device: metadata.dev(),
                inode: metadata.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = metadata;
            None
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_share_an_identity_and_copies_do_not() {
        let dir = std::env::temp_dir().join(format!("dyad-ingest-identity-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let a = dir.join("a.txt");
        std::fs::write(&a, b"one").unwrap();
        std::fs::write(dir.join("b.txt"), b"one").unwrap();
        let _ = std::fs::remove_file(dir.join("link.txt"));
        std::os::unix::fs::symlink(&a, dir.join("link.txt")).unwrap();
        let id = FileIdentity::of_path(&a).unwrap();
        assert_eq!(FileIdentity::of_path(&dir.join("link.txt")), Some(id));
        assert_ne!(FileIdentity::of_path(&dir.join("b.txt")), Some(id));
        assert_eq!(FileIdentity::of_path(&dir.join("missing")), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn stdout_has_an_identity_under_test() {
        // The test harness runs with some standard output (pipe, file or terminal); it has an identity.
        assert!(FileIdentity::of_stdout().is_some());
    }
}
