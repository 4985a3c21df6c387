//! A gazetteer given at run time: a bad file is a typed error naming the file and the record, never a panic.

use std::io::Write;

use dyad_places::{Context, Gazetteer, GazetteerError, Geoparser};

fn write(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("dyad-places-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::File::create(&path)
        .unwrap()
        .write_all(bytes)
        .unwrap();
    path
}

const GOOD: &str = "#dyad-gazetteer\t1\n\
C\tSY\tSYR\t163843\tSyria\t35.0\t38.0\t22198110\tSyrian Arab Republic\n\
P\t170903\tDaraa\tA\tADM1\tSY\t06\t32.83\t36.2\t1000000\tDeraa\n\
P\t170654\tDaraa\tP\tPPL\tSY\t06\t32.6189\t36.1021\t97969\t\n";

#[test]
fn a_small_gazetteer_file_works() {
    let path = write("good.tsv", GOOD.as_bytes());
    let g = Gazetteer::from_file(&path).unwrap();
    assert_eq!(g.places().len(), 3);
    let p = Geoparser::new(&g);
    let text = "Shelling hit Deraa in Syria.";
    let r = p.geoparse(text, &Context::default());
    assert_eq!(r.len(), 2);
    assert_eq!(r[0].country_iso3.as_deref(), Some("SYR"));
}

#[test]
fn gzip_files_work_too() {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(GOOD.as_bytes()).unwrap();
    let path = write("good.tsv.gz", &gz.finish().unwrap());
    assert_eq!(Gazetteer::from_file(&path).unwrap().places().len(), 3);
}

#[test]
fn bad_files_are_errors_naming_file_and_line() {
    let cases: &[(&str, &[u8], &str)] = &[
        (
            "missing-header.tsv",
            b"P\t1\tX\tP\tPPL\tSY\t\t1\t1\t1\t\n",
            "missing or unknown header",
        ),
        (
            "short.tsv",
            b"#dyad-gazetteer\t1\nP\t1\tX\tP\n",
            "short.tsv:2: place record has 4 fields, want 11",
        ),
        (
            "lat.tsv",
            b"#dyad-gazetteer\t1\nP\t1\tX\tP\tPPL\tSY\t\t95\t1\t1\t\n",
            "lat.tsv:2: coordinates out of range",
        ),
        (
            "id.tsv",
            b"#dyad-gazetteer\t1\n\nP\tx1\tX\tP\tPPL\tSY\t\t1\t1\t1\t\n",
            "id.tsv:3: bad geonameid \"x1\"",
        ),
        (
            "kind.tsv",
            b"#dyad-gazetteer\t1\nZ\n",
            "kind.tsv:2: unknown record type \"Z\"",
        ),
        (
            "iso.tsv",
            b"#dyad-gazetteer\t1\nC\tS\tSYR\t1\tSyria\t1\t1\t1\t\n",
            "iso.tsv:2: bad ISO codes",
        ),
        (
            "utf8.tsv",
            b"#dyad-gazetteer\t1\n\xff\xfe\n",
            "not a gzip-compressed UTF-8 gazetteer",
        ),
        (
            "gzip.tsv.gz",
            b"\x1f\x8b\x08\x00garbage",
            "not a gzip-compressed UTF-8 gazetteer",
        ),
    ];
    for (name, bytes, want) in cases {
        let path = write(name, bytes);
        let err = Gazetteer::from_file(&path).unwrap_err().to_string();
        assert!(err.contains(name), "{err}");
        assert!(err.contains(want), "{name}: {err}");
    }
    let missing = std::env::temp_dir().join("dyad-places-no-such-file.tsv");
    assert!(matches!(
        Gazetteer::from_file(&missing),
        Err(GazetteerError::Io { .. })
    ));
}

#[test]
fn the_embedded_gazetteer_loads_once() {
    let t = std::time::Instant::now();
    let g = Gazetteer::embedded().unwrap();
    let first = t.elapsed();
    let t = std::time::Instant::now();
    let again = Gazetteer::embedded().unwrap();
    assert!(std::ptr::eq(g, again));
    assert!(t.elapsed() < first);
    assert!(g.places().len() > 240_000);
    println!(
        "embedded gazetteer: {} places, {} names, ~{} MB heap, first load {first:?}",
        g.places().len(),
        g.name_count(),
        g.heap_bytes() >> 20
    );
}

#[test]
fn version_2_gives_place_ids_as_differences() {
    let v2 = "#dyad-gazetteer\t2\n\
C\tSY\tSYR\t163843\tSyria\t35\t38\t22198110\t\n\
P\t170654\tDaraa\tP\tPPL\tSY\t06\t32.6189\t36.1021\t97969\t\n\
P\t249\tDaraa\tA\tADM1\tSY\t06\t32.83\t36.2\t1000000\tDeraa\n";
    let g = Gazetteer::from_tsv(v2, std::path::Path::new("v2.tsv")).unwrap();
    let ids: Vec<u32> = g.places().iter().map(|p| p.geonameid).collect();
    assert_eq!(ids, [163843, 170654, 170903]);
    let overflow = "#dyad-gazetteer\t2\nP\t4294967295\tX\tP\tPPL\tSY\t\t1\t1\t1\t\nP\t1\tY\tP\tPPL\tSY\t\t1\t1\t1\t\n";
    let e = Gazetteer::from_tsv(overflow, std::path::Path::new("o.tsv")).unwrap_err();
    assert_eq!(e.to_string(), "o.tsv:3: geonameid over 2^32");
}
