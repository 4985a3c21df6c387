//! The `dyad` binary end to end: real inputs (the bundled examples, the seed article, pages from
//! ../shared/data), real output, exit status and error reporting.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

fn dyad(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .current_dir(REPO)
        .output()
        .expect("dyad runs")
}

fn stdout_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

fn seed() -> String {
    format!("{SHARED}/examples/seed-article.txt")
}

#[test]
fn extract_prints_one_clean_document_per_article() {
    let out = dyad(&["extract", "examples", &seed()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = stdout_lines(&out);
    // feed.jsonl holds 3 records, plus the text story, the HTML page and the seed article.
    assert_eq!(docs.len(), 6);
    let seed_doc = docs.last().expect("seed document");
    assert_eq!(
        seed_doc["title"],
        "Get your militia out of southern Syria, Russia’s Lavrov tells Iran"
    );
    let text = seed_doc["text"].as_str().expect("text");
    for boilerplate in [
        "Navigation",
        "Telegram",
        "Army photo",
        "Distributed by",
        "©",
    ] {
        assert!(
            !text.contains(boilerplate),
            "{boilerplate:?} reached the text"
        );
    }
    assert_eq!(seed_doc["metadata"]["outlet"], "Arab News");
    // Every sentence span lies inside the text, on character boundaries.
    for s in seed_doc["sentences"].as_array().expect("sentences") {
        let (a, b) = (
            s["span"]["start"].as_u64().unwrap() as usize,
            s["span"]["end"].as_u64().unwrap() as usize,
        );
        assert!(text.get(a..b).is_some_and(|t| !t.trim().is_empty()));
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("4 inputs: 6 ok, 0 skipped, 0 failed"),
        "{stderr}"
    );
}

#[test]
fn coding_is_identical_at_one_and_two_threads() {
    let one = dyad(&["-j", "1", "code", "examples", &seed()]);
    let two = dyad(&["-j", "2", "code", "examples", &seed()]);
    assert!(one.status.success() && two.status.success());
    assert!(!one.stdout.is_empty(), "the examples give events");
    assert_eq!(one.stdout, two.stdout);
    for event in stdout_lines(&one) {
        assert!(event["source"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(event["cameo"].as_str().is_some_and(|c| c.len() >= 3));
        assert!(
            event["evidence"]["verb_rule"]["file"].as_str().is_some(),
            "{event}"
        );
        let sentence = event["sentence_text"].as_str().expect("sentence text");
        assert!(!sentence.is_empty());
    }
}

/// A scratch folder under the target directory, emptied first.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

#[test]
fn bad_inputs_are_named_and_the_batch_goes_on() {
    let dir = scratch("bad-inputs");
    let good = std::fs::read(seed()).expect("seed");
    std::fs::write(dir.join("a-good.txt"), &good).unwrap();
    // Binary junk with a text extension.
    std::fs::write(
        dir.join("b-junk.txt"),
        [0u8, 159, 146, 150, 0, 1, 2, 3, 255, 0],
    )
    .unwrap();
    // A gzip file cut in half.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&good.repeat(20)).unwrap();
    let gz = gz.finish().unwrap();
    std::fs::write(dir.join("c-cut.txt.gz"), &gz[..gz.len() / 2]).unwrap();
    // JSONL with one good line and one malformed line.
    std::fs::write(
        dir.join("d-feed.jsonl"),
        "{\"id\": \"ok\", \"text\": \"Israel and Jordan consulted Russia on Monday.\"}\n{\"id\": \"bad\", \"text\": \n",
    )
    .unwrap();
    let out = dyad(&["extract", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "some input failed");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("b-junk.txt"), "{stderr}");
    assert!(stderr.contains("c-cut.txt.gz"), "{stderr}");
    assert!(stderr.contains("d-feed.jsonl: line 2"), "{stderr}");
    let ids: Vec<String> = stdout_lines(&out)
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    assert!(
        ids.contains(&"ok".to_string()),
        "the good JSONL line is still read: {ids:?}"
    );
    assert!(ids.len() >= 2, "the good text file is still read: {ids:?}");
}

#[test]
fn validate_runs_the_tabari_suite_from_raw_text() {
    let data = format!("{SHARED}/data");
    let out = dyad(&["validate", "tabari", "--data", &data]);
    assert!(out.status.success());
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("records passed"), "{report}");
}

#[test]
fn validate_runs_the_petrarch2_suites_with_their_own_or_the_builtin_dictionaries() {
    let data = format!("{SHARED}/data");
    for args in [
        &["validate", "petrarch2", "--data", &data][..],
        &["validate", "ud-petrarch", "--builtin", "--data", &data],
    ] {
        let out = dyad(args);
        assert!(out.status.success(), "{args:?}");
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(report.contains("records passed"), "{args:?}: {report}");
    }
    let out = dyad(&["validate", "dev-news", "--builtin", "--data", &data]);
    assert!(
        !out.status.success(),
        "dev-news is coded with the built-in dictionaries already"
    );
}

#[test]
fn validate_scores_the_hand_coded_news_sentences_in_two_parts() {
    let data = format!("{SHARED}/data");
    let out = dyad(&["validate", "dev-news", "--data", &data]);
    assert!(out.status.success());
    let report = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines.len(), 2, "{report}");
    assert!(
        lines[0].starts_with("tune:") && lines[1].starts_with("aside:"),
        "{report}"
    );
    assert!(lines.iter().all(|l| l.contains("type right")), "{report}");
}

#[test]
fn dictionary_check_reports_file_and_line() {
    let dir = scratch("bad-dictionary");
    let path = dir.join("mine.actors.txt");
    std::fs::write(&path, "GONDOR [GON]\nMORDOR [MOR\n").unwrap();
    let out = dyad(&[
        "dict",
        "check",
        "--no-builtin",
        "--actors",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("mine.actors.txt:2"), "{report}");
    let out = dyad(&["dict", "check"]);
    assert!(out.status.success(), "dyad's own dictionaries load cleanly");
}

#[test]
fn a_user_actor_entry_overrides_dyads_own() {
    let dir = scratch("user-dictionary");
    let actors = dir.join("mine.actors.txt");
    std::fs::write(&actors, "JORDAN [XJO]\n").unwrap();
    let story = dir.join("story.txt");
    std::fs::write(&story, "Jordan condemned Israel on Monday.\n").unwrap();
    let codes = |args: &[&str]| -> Vec<String> {
        let out = dyad(args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout_lines(&out)
            .iter()
            .map(|e| e["source"].as_str().unwrap().to_string())
            .collect()
    };
    let story = story.to_str().unwrap();
    assert_eq!(codes(&["code", story]), ["JOR"]);
    assert_eq!(
        codes(&["code", "--actors", actors.to_str().unwrap(), story]),
        ["XJO"]
    );
}

/// `(sentence, source, target, cameo)` of each event `dyad code` wrote.
fn coded_events(out: &Output) -> Vec<String> {
    stdout_lines(out)
        .iter()
        .map(|e| {
            let target = e["target"]
                .as_str()
                .filter(|t| !t.is_empty())
                .unwrap_or("---");
            format!(
                "{} {} {} {}",
                e["sentence"],
                e["source"].as_str().unwrap(),
                target,
                e["cameo"].as_str().unwrap()
            )
        })
        .collect()
}

/// The same from the event list that ends each document of `dyad code --explain`.
fn explained_events(out: &Output) -> Vec<String> {
    let text = String::from_utf8(out.stdout.clone()).expect("UTF-8");
    let mut events = Vec::new();
    let mut in_list = false;
    for line in text.lines() {
        if line.starts_with("# document") {
            in_list = false;
        } else if line.starts_with("## ") && line.ends_with(" events") {
            in_list = true;
        } else if in_list && line.starts_with("sentence ") {
            // "sentence 3: ISR / LBNUAFHEZ / 1121  (accused)"
            let (head, rest) = line.split_once(": ").expect("sentence N: ...");
            let parts: Vec<&str> = rest.split("  (").next().unwrap().split(" / ").collect();
            events.push(format!(
                "{} {} {} {}",
                &head[9..],
                parts[0],
                parts[1],
                parts[2]
            ));
        }
    }
    events
}

#[test]
fn explain_shows_the_events_code_writes_at_one_and_two_threads() {
    let dir = scratch("explain-agrees");
    let stories = [
        // pronouns carried from the sentence before
        "Syrian troops attacked rebels near Daraa on Monday.\nThey also shelled the town of Nawa.\nIsrael \
         condemned Iran on Tuesday. It also accused Hezbollah of smuggling weapons.\n",
        // compounds on either side
        "Russia and China vetoed the resolution on Syria.\n\nThey also criticized France and Britain.\n",
        // story context: "the minister" and "he" (TABARI FORWARD)
        "The Israeli prime minister met Egyptian President Hosni Mubarak in Cairo on Sunday. The minister later \
         accused Syria of arming Hezbollah. He also praised Jordan.\n",
    ];
    for (i, s) in stories.iter().enumerate() {
        std::fs::write(dir.join(format!("story{i}.txt")), s).expect("write");
    }
    let dir = dir.to_str().unwrap();
    let mut reference = None;
    for threads in ["1", "2"] {
        let code = dyad(&["-j", threads, "code", dir, "examples", &seed()]);
        let explain = dyad(&["-j", threads, "code", "--explain", dir, "examples", &seed()]);
        assert!(code.status.success() && explain.status.success());
        let (coded, explained) = (coded_events(&code), explained_events(&explain));
        assert!(coded.len() >= 15, "{coded:?}");
        assert_eq!(coded, explained, "at -j {threads}");
        // Events whose source comes from an earlier sentence are among them.
        assert!(
            coded.iter().any(|e| e.starts_with("3 ISR LBNUAFHEZ")),
            "{coded:?}"
        );
        match &reference {
            None => reference = Some((code.stdout, explain.stdout)),
            Some((c, x)) => assert!(
                c == &code.stdout && x == &explain.stdout,
                "output differs at -j 2"
            ),
        }
    }
}

#[test]
fn schema_prints_the_committed_json_schema() {
    let out = dyad(&["schema"]);
    assert!(out.status.success());
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let committed: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{REPO}/schema/dyad-records.schema.json"))
            .expect("committed schema"),
    )
    .expect("JSON");
    assert_eq!(printed, committed);
    assert!(printed["$defs"]["EventRecord"]["properties"]["schema_version"].is_object());
}

/// A news site's section page: linked headlines over short summaries, each a codable sentence, no article.
fn listing_page() -> String {
    let mut html = String::from(
        "<html><head><title>World news</title></head><body><nav><a href=\"/\">Home</a> \
         <a href=\"/world\">World</a></nav><main><h1>World</h1>",
    );
    let teasers = [
        "Russia attacked Ukrainian positions near Kharkiv",
        "Israel accused Iran of arming militias in Syria",
        "China criticised Japan over the disputed islands",
        "France and Germany signed an energy agreement",
        "Turkey threatened Greece over drilling rights",
        "Egypt hosted talks between Sudanese factions",
    ];
    for (i, t) in teasers.iter().cycle().take(24).enumerate() {
        html.push_str(&format!(
            "<article class=\"teaser\"><h2><a href=\"/world/story-{i}\">{t}</a></h2><p>{t} on Monday, \
             officials said, in a move that drew swift criticism from neighbouring governments and from the \
             United Nations.</p><a href=\"/world/story-{i}\">Read more</a></article>"
        ));
    }
    html.push_str("</main></body></html>");
    html
}

/// Document ids of `dir`'s files, by file name, as `dyad extract` gives them.
fn doc_ids(dir: &Path) -> Vec<(String, String)> {
    stdout_lines(&dyad(&["extract", dir.to_str().unwrap()]))
        .iter()
        .map(|d| {
            let path = d["source"]["path"].as_str().unwrap_or_default();
            let name = Path::new(path).file_name().unwrap_or_default();
            (
                name.to_string_lossy().into_owned(),
                d["id"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn min_confidence_leaves_listing_pages_uncoded_and_says_so() {
    let dir = scratch("min-confidence");
    std::fs::write(dir.join("section.html"), listing_page()).unwrap();
    std::fs::copy(
        format!("{REPO}/examples/ministry-page.html"),
        dir.join("ministry.html"),
    )
    .unwrap();
    let ids = doc_ids(&dir);
    let id = |name: &str| {
        ids.iter()
            .find(|(n, _)| n == name)
            .map(|(_, id)| id.clone())
            .expect(name)
    };
    let (section, ministry) = (id("section.html"), id("ministry.html"));
    let coded = |out: &Output, doc: &str| {
        stdout_lines(out)
            .iter()
            .filter(|e| e["doc_id"] == doc)
            .count()
    };
    let all = dyad(&["code", dir.to_str().unwrap()]);
    assert_eq!(all.status.code(), Some(0));
    assert!(
        coded(&all, &section) > 0,
        "without the option the teasers are coded"
    );
    let some = dyad(&["code", "--min-confidence", "0.7", dir.to_str().unwrap()]);
    assert_eq!(some.status.code(), Some(0));
    assert_eq!(
        coded(&some, &section),
        0,
        "the listing page is left uncoded"
    );
    assert_eq!(
        coded(&some, &ministry),
        coded(&all, &ministry),
        "the article is coded as before"
    );
    let stderr = String::from_utf8_lossy(&some.stderr);
    assert!(
        stderr.contains("section.html") && stderr.contains("not coded"),
        "{stderr}"
    );
    let bad = dyad(&["code", "--min-confidence", "2", dir.to_str().unwrap()]);
    assert_eq!(
        bad.status.code(),
        Some(2),
        "an out-of-range value is a usage error"
    );
}
