//! What a new user sees when `dyad validate` or `dyad bench` cannot find the shared data folder (run outside the
//! repository): an error that names the folder looked for and the option and variable that point dyad at it.

use std::path::PathBuf;
use std::process::{Command, Output};

/// An empty temporary folder of this test's own (`.0`), one level inside another (`.1`), so that the default
/// `../shared/data` cannot be a folder some other program left in the system's temp folder. Removed on drop.
struct TempDir(PathBuf, PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let root = std::env::temp_dir().join(format!("dyad-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let dir = root.join("work");
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir, root)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.1);
    }
}

/// `dyad args` run from `dir` with no `DYAD_SHARED_DATA` unless `var` gives one.
fn dyad_in(dir: &TempDir, var: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dyad"));
    cmd.args(args)
        .current_dir(&dir.0)
        .env_remove("DYAD_SHARED_DATA");
    if let Some(v) = var {
        cmd.env("DYAD_SHARED_DATA", v);
    }
    cmd.output().expect("dyad runs")
}

/// The run failed as a set-up error whose message points at `--data DIR` and `DYAD_SHARED_DATA` and says `what`.
fn assert_data_hint(out: &Output, what: &[&str]) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    for needle in ["--data DIR", "DYAD_SHARED_DATA"].iter().chain(what) {
        assert!(stderr.contains(needle), "{needle:?} missing from: {stderr}");
    }
    assert!(
        !stderr.contains("No such file or directory"),
        "a bare OS error: {stderr}"
    );
}

#[test]
fn a_missing_default_data_folder_names_the_option_and_the_variable() {
    let dir = TempDir::new("no-data");
    for args in [
        &["validate", "tabari"][..],
        &["validate", "petrarch"],
        &["bench", "coding"],
        &["bench", "coverage"],
        &["bench", "extraction"],
        &["bench", "stress", "--sizes", "0.01"],
    ] {
        let out = dyad_in(&dir, None, args);
        assert_data_hint(&out, &["../shared/data", "default"]);
    }
}

#[test]
fn a_missing_folder_says_where_it_was_given() {
    let dir = TempDir::new("bad-data");
    let out = dyad_in(&dir, None, &["validate", "tabari", "--data", "nowhere"]);
    assert_data_hint(&out, &["nowhere", "from --data"]);
    let out = dyad_in(&dir, Some("elsewhere"), &["bench", "coding"]);
    assert_data_hint(&out, &["elsewhere", "from $DYAD_SHARED_DATA"]);
}

#[test]
fn a_data_folder_without_the_needed_set_names_it() {
    let dir = TempDir::new("empty-data");
    let data = dir.0.to_string_lossy().into_owned();
    let out = dyad_in(&dir, None, &["bench", "--data", &data, "coding"]);
    assert_data_hint(&out, &["reuters21578"]);
    let out = dyad_in(&dir, Some(&data), &["validate", "petrarch"]);
    assert_data_hint(&out, &["petrarch"]);
}

#[test]
fn bench_extraction_options_are_explained() {
    let dir = TempDir::new("help");
    let out = dyad_in(&dir, None, &["bench", "extraction", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{help}");
    let set = help
        .lines()
        .skip_while(|l| !l.contains("--set"))
        .nth(1)
        .unwrap_or_default();
    assert!(
        !set.trim().is_empty() && !set.trim_start().starts_with('-'),
        "--set has no help text:\n{help}"
    );
    assert!(help.contains("scrapinghub") && help.contains("newspaper4k"));
    assert!(help.contains("[default: 12]"), "--worst default:\n{help}");
}
