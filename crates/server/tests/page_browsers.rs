//! The page used by hand in two real browsers, Debian's Chromium and Firefox ESR: the real server over a store of
//! real articles, and `tests/browser/history.mjs` (puppeteer-core: CDP for Chromium, WebDriver BiDi for Firefox)
//! loads the overview, filters through the form, sorts the table, sets the timeline's interval, opens an article
//! with its evidence highlighted, then walks the browser's history back to the start and forward to the article
//! again (then the article's back link, a network node, and back once more), checking at every step that the URL,
//! the form, the chips and every panel (table, network, map, timeline) agree with what the API answers for that
//! URL, that no step reloads the page, and that the page logs no error. Screenshots go to
//! `$CARGO_TARGET_TMPDIR/browser/`.
//!
//! Needs Node.js 18 or newer, the driver installed by `npm ci --prefix crates/server/tests/browser` and both
//! browsers (`apt-get install -y chromium firefox-esr`); .ci/run sets all of them up. Without one of them these
//! tests fail and say what to install, unless `DYAD_SKIP_BROWSER=1` is set.

mod common;

use common::{articles, store_of, Server};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The driver's folder: the script, its package.json and lock, and (ignored by git) its node_modules.
const DRIVER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/browser");
/// The longest one browser's whole run may take (it takes 5 to 15 s).
const RUN_TIMEOUT: Duration = Duration::from_secs(240);
/// The oldest Node.js that puppeteer-core 24 runs on.
const NODE_MAJOR_MIN: u32 = 18;

// ------------------------------------------------------------------------------------------ what the test needs

fn skipped() -> bool {
    if std::env::var("DYAD_SKIP_BROWSER").as_deref() == Ok("1") {
        eprintln!("note: DYAD_SKIP_BROWSER=1: the page's browser tests are skipped");
        return true;
    }
    false
}

/// The first of `names` found on PATH.
fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// Node.js, recent enough, with the driver installed beside the script.
fn node() -> PathBuf {
    let node = on_path(&["node", "nodejs"]).unwrap_or_else(|| {
        panic!(
            "the page's browser tests need Node.js {NODE_MAJOR_MIN} or newer and found no `node` on PATH: \
             install it, or set DYAD_SKIP_BROWSER=1 to skip them"
        )
    });
    let out = Command::new(&node)
        .arg("--version")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", node.display()));
    let version = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let major: u32 = version
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    assert!(
        major >= NODE_MAJOR_MIN,
        "the page's browser tests need Node.js {NODE_MAJOR_MIN} or newer; {} is {version:?}",
        node.display()
    );
    let driver = Path::new(DRIVER).join("node_modules/puppeteer-core/package.json");
    assert!(
        driver.is_file(),
        "the page's browser tests need the npm package puppeteer-core, and {} is missing: run \
         `npm ci --prefix crates/server/tests/browser` (as .ci/run does), or set DYAD_SKIP_BROWSER=1 to skip them",
        driver.display()
    );
    node
}

/// The browser's binary, by the names Debian gives it.
fn browser(names: &[&str], package: &str) -> PathBuf {
    on_path(names).unwrap_or_else(|| {
        panic!(
            "the page's browser tests need {package} and found none of {names:?} on PATH: install it \
             (`apt-get install -y {package}`, as .ci/run does), or set DYAD_SKIP_BROWSER=1 to skip them"
        )
    })
}

// ------------------------------------------------------------------------------------------ the run

/// Runs the driver on `name` (`chromium` or `firefox`) at `executable` against a fresh server; fails with its
/// report when a check does not hold.
fn drive(name: &str, executable: &Path) {
    let node = node();
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(store_of(dir.path(), &articles()));
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&out).unwrap();
    let log_out = dir.path().join("stdout");
    let log_err = dir.path().join("stderr");
    let start = Instant::now();
    let mut child = Command::new(&node)
        .arg(Path::new(DRIVER).join("history.mjs"))
        .arg("--base")
        .arg(format!("http://{}", server.addr))
        .arg("--browser")
        .arg(name)
        .arg("--executable")
        .arg(executable)
        .arg("--out")
        .arg(&out)
        .current_dir(DRIVER)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&log_out).unwrap())
        .stderr(std::fs::File::create(&log_err).unwrap())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", node.display()));
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if start.elapsed() > RUN_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let stdout = std::fs::read_to_string(&log_out).unwrap_or_default();
    let stderr = std::fs::read_to_string(&log_err).unwrap_or_default();
    eprintln!("{stdout}");
    match status {
        Some(s) if s.success() => eprintln!(
            "{name}: every check held in {:.1} s; screenshots in {}",
            start.elapsed().as_secs_f64(),
            out.display()
        ),
        Some(s) => panic!(
            "the page failed in {name} ({}; {s}): {stderr}\nscreenshots in {}",
            executable.display(),
            out.display()
        ),
        None => panic!(
            "the {name} run took longer than {RUN_TIMEOUT:?} and was stopped: {stderr}\nscreenshots in {}",
            out.display()
        ),
    }
}

#[test]
fn in_chromium_filters_the_article_and_history_follow_the_url() {
    if skipped() {
        return;
    }
    drive(
        "chromium",
        &browser(&["chromium", "chromium-browser"], "chromium"),
    );
}

#[test]
fn in_firefox_filters_the_article_and_history_follow_the_url() {
    if skipped() {
        return;
    }
    drive(
        "firefox",
        &browser(&["firefox-esr", "firefox"], "firefox-esr"),
    );
}
