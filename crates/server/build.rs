//! Embeds every file under `static/` in the binary: writes `$OUT_DIR/assets.rs`, a table of names and
//! `include_bytes!` of each file (by its path from the crate's root), so the page can add files without touching
//! the server's code.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else if path.is_file() {
            out.push(path);
        }
    }
}

fn main() {
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let dir = root.join("static");
    println!("cargo:rerun-if-changed=static");
    let mut found = Vec::new();
    files(&dir, &mut found);
    found.sort();
    let mut code = String::from("/// Every file under static/, by its path there (`/` separated).\npub static ASSETS: &[(&str, &[u8])] = &[\n");
    for path in &found {
        let Ok(rel) = path.strip_prefix(&dir) else {
            continue;
        };
        let name: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        // The path from the crate's root, resolved when the crate compiles: a target/ copied to another checkout
        // (or a moved one) reads that checkout's files instead of failing on the old absolute path.
        code.push_str(&format!(
            "    ({:?}, include_bytes!(concat!(env!(\"CARGO_MANIFEST_DIR\"), {:?}))),\n",
            name.join("/"),
            format!("/static/{}", name.join("/"))
        ));
    }
    code.push_str("];\n");
    let out =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("assets.rs");
    std::fs::write(out, code).expect("write assets.rs");
}
