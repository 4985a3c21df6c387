//! Hostile and odd folders, on real files in a scratch directory: the run's own output, FIFOs, sockets and devices,
//! link loops and dangling links, unreadable entries, extensionless and non-article files, files that change size
//! while read. Every file passed over has a reason, nothing blocks, and the walk goes on.
#![cfg(unix)]

mod common;

use common::*;
use dyad_ingest::{
    discover_sources, read_inputs, ContentKind, FileIdentity, IngestOptions, IngestWarning,
    Records, Source, SpecialFile, Walk, WarningKind, WarningReason,
};
use std::io::Write;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// Longest a discovery or read may take before the test calls it a hang (a FIFO opened by mistake blocks forever).
const HANG_LIMIT: Duration = Duration::from_secs(20);

const SEED: &[u8] =
    b"GENEVA, 3 March (Reuters) - Swiss police arrested two protesters on Monday.\n";

/// Runs `f` on another thread and fails the test if it has not finished within [`HANG_LIMIT`].
fn without_hanging<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(HANG_LIMIT)
        .expect("ingest blocked (opened a FIFO?)")
}

fn walk(paths: Vec<PathBuf>, opts: IngestOptions) -> Walk {
    without_hanging(move || discover_sources(&paths, &opts))
}

/// File names of the sources found.
fn source_names(walk: &Walk) -> Vec<String> {
    walk.sources
        .iter()
        .map(|s| match s {
            Ok(s) => name_of(&s.display_path()),
            Err(e) => format!("ERR {e}"),
        })
        .collect()
}

fn name_of(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `(file name, reason)` of each warning.
fn reasons(warnings: &[IngestWarning]) -> Vec<(String, WarningReason)> {
    warnings
        .iter()
        .map(|w| (name_of(&w.path), w.reason()))
        .collect()
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

#[test]
fn own_output_is_never_read_by_any_path() {
    let scratch = Scratch::new("own-output");
    scratch.write("a.txt", SEED);
    let out = scratch.write("out.jsonl", b"{\"text\": \"an event line we wrote\"}\n");
    symlink(&out, scratch.0.join("z-link.jsonl")).unwrap();
    let opts = IngestOptions {
        exclude: FileIdentity::of_path(&out).into_iter().collect(),
        ..IngestOptions::default()
    };
    let found = walk(vec![scratch.0.clone(), out.clone()], opts.clone());
    assert_eq!(source_names(&found), ["a.txt"]);
    let dir = scratch.0.display().to_string();
    let shown: Vec<String> = found
        .warnings
        .iter()
        .map(|w| w.to_string().replace(&dir, "DIR"))
        .collect();
    assert_eq!(
        shown,
        [
            "DIR/out.jsonl: skipped: it is this run's output",
            "DIR/z-link.jsonl: skipped: it is this run's output",
            "DIR/out.jsonl: skipped: it is this run's output",
        ]
    );
    assert_eq!(found.warning_counts().get(WarningReason::OwnOutput), 3);
    // A source made by hand is refused when opened, by the identity of the open file.
    let mut records = Source::File(out).records(&opts);
    assert!(records.next().is_none());
    assert_eq!(
        reasons(records.warnings()),
        [("out.jsonl".into(), WarningReason::OwnOutput)]
    );
}

/// Not a test on its own: run by [`stdout_identity_is_the_redirected_file`] in a child process whose standard
/// output is the file named by `DYAD_STDOUT_FILE`.
#[test]
#[ignore]
fn child_reports_stdout_identity() {
    let Some(file) = std::env::var_os("DYAD_STDOUT_FILE") else {
        return;
    };
    let same = FileIdentity::of_stdout() == FileIdentity::of_path(Path::new(&file));
    println!("stdout-is-the-file={same}");
}

#[test]
fn stdout_identity_is_the_redirected_file() {
    let scratch = Scratch::new("stdout-identity");
    let out_path = scratch.0.join("out.txt");
    let out = std::fs::File::create(&out_path).unwrap();
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child_reports_stdout_identity",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("DYAD_STDOUT_FILE", &out_path)
        .stdout(out)
        .status()
        .unwrap();
    assert!(status.success());
    let written = std::fs::read_to_string(&out_path).unwrap();
    assert!(written.contains("stdout-is-the-file=true"), "{written}");
}

#[test]
fn fifos_sockets_and_devices_are_passed_over_in_a_walk() {
    let scratch = Scratch::new("special");
    scratch.write("a.txt", SEED);
    mkfifo(&scratch.0.join("b-pipe.txt"));
    let _listener = std::os::unix::net::UnixListener::bind(scratch.0.join("c-sock")).unwrap();
    symlink("/dev/null", scratch.0.join("d-null.txt")).unwrap();
    let found = walk(vec![scratch.0.clone()], IngestOptions::default());
    assert_eq!(source_names(&found), ["a.txt"]);
    let kinds: Vec<&WarningKind> = found.warnings.iter().map(|w| &w.kind).collect();
    assert_eq!(
        kinds,
        [
            &WarningKind::Special(SpecialFile::Fifo),
            &WarningKind::Special(SpecialFile::Socket),
            &WarningKind::Special(SpecialFile::CharDevice),
        ]
    );
    assert_eq!(found.warning_counts().get(WarningReason::Special), 3);
    assert!(found.warnings[0]
        .to_string()
        .ends_with("b-pipe.txt: skipped: a FIFO (named pipe), not a regular file"));
    // Given by path, a socket is refused with a reason too, and a device is read like `cat` reads it.
    let given = walk(
        vec![scratch.0.join("c-sock"), PathBuf::from("/dev/null")],
        IngestOptions::default(),
    );
    assert_eq!(source_names(&given), ["null"]);
    assert_eq!(
        reasons(&given.warnings),
        [("c-sock".into(), WarningReason::Special)]
    );
}

#[test]
fn a_fifo_given_by_path_is_read_like_cat_reads_it() {
    let scratch = Scratch::new("fifo-read");
    let fifo = scratch.0.join("feed");
    mkfifo(&fifo);
    let writer_path = fifo.clone();
    let writer = std::thread::spawn(move || {
        let mut w = std::fs::OpenOptions::new()
            .write(true)
            .open(writer_path)
            .unwrap();
        w.write_all(b"{\"text\": \"one\"}\n{\"text\": \"two\"}\n")
            .unwrap();
    });
    let texts = without_hanging(move || {
        read_inputs(&[fifo], &IngestOptions::default())
            .map(|r| r.map(|r| r.content).map_err(|e| e.to_string()))
            .collect::<Vec<_>>()
    });
    writer.join().unwrap();
    assert_eq!(texts, [Ok("one".to_string()), Ok("two".to_string())]);
}

#[test]
fn link_loops_dangling_links_and_second_paths_are_named() {
    let scratch = Scratch::new("links");
    scratch.write("a.txt", SEED);
    symlink("a.txt", scratch.0.join("alias.txt")).unwrap();
    symlink("gone.txt", scratch.0.join("dangling.txt")).unwrap();
    symlink("self.txt", scratch.0.join("self.txt")).unwrap();
    symlink("ping.txt", scratch.0.join("pong.txt")).unwrap();
    symlink("pong.txt", scratch.0.join("ping.txt")).unwrap();
    scratch.write("sub/b.txt", SEED);
    symlink("..", scratch.0.join("sub/up")).unwrap();
    symlink("sub", scratch.0.join("sub2")).unwrap();
    let found = walk(vec![scratch.0.clone()], IngestOptions::default());
    assert_eq!(source_names(&found), ["a.txt", "b.txt"]);
    assert_eq!(
        reasons(&found.warnings),
        [
            ("alias.txt".into(), WarningReason::Duplicate),
            ("dangling.txt".into(), WarningReason::DanglingLink),
            ("ping.txt".into(), WarningReason::SymlinkLoop),
            ("pong.txt".into(), WarningReason::SymlinkLoop),
            ("self.txt".into(), WarningReason::SymlinkLoop),
            ("up".into(), WarningReason::SymlinkLoop),
            ("sub2".into(), WarningReason::Duplicate),
        ]
    );
    let counts = found.warning_counts();
    assert_eq!(counts.get(WarningReason::SymlinkLoop), 4);
    assert_eq!(counts.skipped(), 7);
}

#[test]
fn unreadable_entries_are_named_and_the_walk_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let scratch = Scratch::new("unreadable");
    scratch.write("a.txt", SEED);
    let locked_file = scratch.write("b-locked.txt", SEED);
    let locked_dir = scratch.0.join("c-locked");
    scratch.write("c-locked/inside.txt", SEED);
    scratch.write("d.txt", SEED);
    std::fs::set_permissions(&locked_file, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(&locked_dir, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads everything whatever the mode: then there is nothing unreadable to test.
    let root_reads_all = std::fs::File::open(&locked_file).is_ok();
    let found = walk(vec![scratch.0.clone()], IngestOptions::default());
    std::fs::set_permissions(&locked_dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    if root_reads_all {
        assert_eq!(
            source_names(&found),
            ["a.txt", "b-locked.txt", "inside.txt", "d.txt"]
        );
        return;
    }
    assert_eq!(source_names(&found), ["a.txt", "d.txt"]);
    assert_eq!(
        reasons(&found.warnings),
        [
            ("b-locked.txt".into(), WarningReason::Unreadable),
            ("c-locked".into(), WarningReason::Unreadable),
        ]
    );
    assert!(found.warnings[0]
        .to_string()
        .contains("skipped: unreadable: "));
}

#[test]
fn unlisted_files_are_sniffed_and_non_article_files_passed_over() {
    let scratch = Scratch::new("unlisted");
    let page = &pages("newspaper4k")[0].bytes;
    scratch.write("NOTES", SEED);
    scratch.write("page", page);
    scratch.write("dump", b"{\"text\": \"a line\"}\n{\"text\": \"another\"}\n");
    scratch.write("story.gz", &gzip(SEED));
    scratch.write("story.xyz", SEED);
    scratch.write("list.json", b"[{\"text\": \"x\"}]\n");
    scratch.write("truth.json", b"{\n  \"a\": 1\n}\n");
    scratch.write("lines.json", b"{\"text\": \"as JSON lines\"}\n");
    scratch.write("blob", b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0");
    scratch.write("photo.jpg", b"\xff\xd8\xff\xe0\0\x10JFIF");
    scratch.write("bundle.tar.gz", &gzip(b"not opened"));
    scratch.write("Cargo.lock", b"# not opened\n");
    scratch.write("README", b"How to use this folder.\n");
    scratch.write("LICENSE.txt", b"Permission is hereby granted.\n");
    let found = walk(vec![scratch.0.clone()], IngestOptions::default());
    assert_eq!(
        source_names(&found),
        [
            "NOTES",
            "dump",
            "lines.json",
            "page",
            "story.gz",
            "story.xyz"
        ]
    );
    assert_eq!(
        reasons(&found.warnings),
        [
            ("Cargo.lock".into(), WarningReason::NonArticleExtension),
            ("LICENSE.txt".into(), WarningReason::NonArticleName),
            ("README".into(), WarningReason::NonArticleName),
            ("blob".into(), WarningReason::BinaryContent),
            ("bundle.tar.gz".into(), WarningReason::NonArticleExtension),
            ("list.json".into(), WarningReason::JsonDocument),
            ("photo.jpg".into(), WarningReason::NonArticleExtension),
            ("truth.json".into(), WarningReason::JsonDocument),
        ]
    );
    assert!(found.warnings[0]
        .to_string()
        .ends_with("Cargo.lock: skipped: .lock is a lock file, not an article format"));
    assert!(found.warnings[3]
        .to_string()
        .ends_with("blob: skipped: binary content (NUL byte at offset 7)"));
    // What was taken reads as what it looks like.
    let mut kinds = Vec::new();
    for source in found.sources.iter().flatten() {
        let mut records = source.records(&IngestOptions::default());
        for r in records.by_ref() {
            let r = r.unwrap_or_else(|e| panic!("{e}"));
            kinds.push((name_of(&r.provenance.path), r.kind, r.provenance.format));
        }
        assert!(records.warnings().is_empty());
    }
    use dyad_model::InputFormat::{Html, Jsonl, Text};
    assert_eq!(
        kinds,
        [
            ("NOTES".into(), ContentKind::Text, Some(Text)),
            ("dump".into(), ContentKind::Text, Some(Jsonl)),
            ("dump".into(), ContentKind::Text, Some(Jsonl)),
            ("lines.json".into(), ContentKind::Text, Some(Jsonl)),
            ("page".into(), ContentKind::Html, Some(Html)),
            ("story.gz".into(), ContentKind::Text, Some(Text)),
            ("story.xyz".into(), ContentKind::Text, Some(Text)),
        ]
    );
    // Given by path, a file is read whatever its name: the caller's word.
    let given = walk(vec![scratch.0.join("README")], IngestOptions::default());
    assert_eq!(source_names(&given), ["README"]);
    assert!(given.warnings.is_empty());
}

#[test]
fn walks_are_deterministic() {
    let scratch = Scratch::new("deterministic");
    for name in [
        "b.txt", "a.txt", "C.txt", "z/y.txt", "z/x", ".hidden", "m.png",
    ] {
        scratch.write(name, SEED);
    }
    let first = walk(vec![scratch.0.clone()], IngestOptions::default());
    let second = walk(vec![scratch.0.clone()], IngestOptions::default());
    assert_eq!(
        source_names(&first),
        ["C.txt", "a.txt", "b.txt", "x", "y.txt"]
    );
    assert_eq!(source_names(&first), source_names(&second));
    assert_eq!(first.warnings, second.warnings);
}

#[test]
fn a_file_growing_while_read_is_read_to_its_size_at_open() {
    let scratch = Scratch::new("growing");
    let path = scratch.write("feed.jsonl", b"{\"text\": \"one\"}\n{\"text\": \"two\"}\n");
    let mut records = Source::File(path.clone()).records(&IngestOptions::default());
    assert_eq!(records.next().unwrap().unwrap().content, "one");
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap();
    for _ in 0..1000 {
        f.write_all(b"{\"text\": \"appended\"}\n").unwrap();
    }
    drop(f);
    let rest: Vec<String> = records.by_ref().map(|r| r.unwrap().content).collect();
    assert_eq!(rest, ["two"]);
    let w = records.take_warnings();
    assert_eq!(
        reasons(&w),
        [("feed.jsonl".into(), WarningReason::ChangedWhileReading)]
    );
    assert!(w[0].to_string().ends_with(
        "feed.jsonl: changed size while being read (32 bytes when opened, 21032 after); read at most the first 32"
    ));
}

#[test]
fn a_file_shrinking_while_read_ends_early_without_panic() {
    let scratch = Scratch::new("shrinking");
    let line = b"{\"text\": \"a line of some length to fill the read buffer quickly enough\"}\n";
    let mut bytes = Vec::new();
    while bytes.len() < 4 * 1024 * 1024 {
        bytes.extend_from_slice(line);
    }
    let path = scratch.write("big.jsonl", &bytes);
    let mut records = Source::File(path.clone()).records(&IngestOptions::default());
    assert!(records.next().unwrap().is_ok());
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(100)
        .unwrap();
    let (rest, changed) = without_hanging(move || {
        let rest: Vec<_> = records.by_ref().collect();
        (rest, records.warning_counts())
    });
    assert!(rest.len() < bytes.len() / line.len());
    assert_eq!(changed.get(WarningReason::ChangedWhileReading), 1);
    let mut records = Source::File(path).records(&IngestOptions::default());
    let all: Vec<_> = records.by_ref().collect();
    // 100 bytes now: one whole line and a cut one that fails alone.
    assert_eq!(all.len(), 2);
    assert!(all[0].is_ok() && all[1].is_err());
}

#[test]
fn warnings_reach_a_batch_reader_in_order_with_counts() {
    let scratch = Scratch::new("batch-warnings");
    scratch.write(
        "a.txt",
        b"Z\xfcrich, 3 March - Swiss police arrested two protesters near the caf\xe9 on Monday.",
    );
    scratch.write("b.png", b"\x89PNG");
    let out = scratch.write("c-out.jsonl", b"");
    scratch.write("d.jsonl", b"{\"text\": \"caf\xe9\"}\n{\"text\": \"ok\"}\n");
    mkfifo(&scratch.0.join("e-fifo"));
    let opts = IngestOptions {
        exclude: FileIdentity::of_path(&out).into_iter().collect(),
        ..IngestOptions::default()
    };
    let dir = scratch.0.clone();
    let (log, counts, files) = without_hanging(move || {
        let mut inputs = read_inputs(&[dir], &opts);
        let mut log = Vec::new();
        loop {
            for w in inputs.take_warnings() {
                log.push(format!(
                    "warning {} {}",
                    name_of(&w.path),
                    w.reason().label()
                ));
            }
            match inputs.next() {
                Some(Ok(r)) => log.push(format!("record {}", name_of(&r.provenance.path))),
                Some(Err(e)) => log.push(format!("error {e}")),
                None => break,
            }
        }
        for w in inputs.take_warnings() {
            log.push(format!(
                "warning {} {}",
                name_of(&w.path),
                w.reason().label()
            ));
        }
        (log, inputs.warning_counts(), inputs.file_counts().len())
    });
    assert_eq!(
        log,
        [
            "warning b.png non-article extension",
            "warning c-out.jsonl this run's output",
            "warning e-fifo FIFO, socket or device",
            "record a.txt",
            "warning a.txt not UTF-8, decoded",
            "record d.jsonl",
            "warning d.jsonl not UTF-8, decoded",
            "record d.jsonl",
        ]
    );
    assert_eq!(files, 2);
    let summary: Vec<(WarningReason, u64)> = counts.iter().collect();
    assert_eq!(
        summary,
        [
            (WarningReason::OwnOutput, 1),
            (WarningReason::Special, 1),
            (WarningReason::NonArticleExtension, 1),
            (WarningReason::NotUtf8, 2),
        ]
    );
    assert_eq!((counts.skipped(), counts.total()), (3, 5));
}

#[test]
fn records_from_a_reader_have_no_file_to_watch() {
    let mut records = Records::from_reader(
        "-",
        None,
        std::io::Cursor::new(b"caf\xe9 au lait".to_vec()),
        &IngestOptions::default(),
    );
    assert_eq!(records.next().unwrap().unwrap().content, "café au lait");
    assert!(records.next().is_none());
    assert_eq!(
        reasons(records.warnings()),
        [("-".into(), WarningReason::NotUtf8)]
    );
}
