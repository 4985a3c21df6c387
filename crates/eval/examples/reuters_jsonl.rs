//! Writes Reuters-21578 as JSONL (`id`, `date`, `text`: the same raw text `dyad bench coding` reads), one story a
//! line, so `dyad code` can run the benchmark corpus and its output can be compared byte for byte across
//! changes. Run: `cargo run --release -p dyad-eval --example reuters_jsonl > /tmp/reuters.jsonl`

use std::io::Write;
use std::path::Path;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let stories = dyad_eval::reuters::read_reuters_dir(&Path::new(DATA).join("reuters21578"))?;
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for story in &stories {
        let text = story.story_text();
        let record = serde_json::json!({
            "id": text.new_id.to_string(),
            "date": text.date,
            "text": text.text,
        });
        writeln!(out, "{record}")?;
    }
    out.flush()?;
    Ok(())
}
