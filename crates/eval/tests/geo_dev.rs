//! The geoparser on ../shared/data/geoparsing-dev: LGL and GeoVirus, each split into the half the weights were tuned
//! on (even articles) and the half held back (odd). Floors sit just under the figures reached, so a regression
//! fails (acc@161 and AUC charge a found toponym the resolver leaves without coordinates, such as a river, half
//! the earth's circumference, as `dyad_eval::geo::GeoScores::end_to_end` says); the figures print with
//! `--nocapture` (articles/s here is the debug build; `cargo test --release` or the bench gives the real rate).

use dyad_eval::geo::{default_data_dir, read_corpus, score, summary, GeoCorpusKind, GeoScores};
use dyad_places::{FindOptions, Gazetteer, Geoparser};

struct Floors {
    exact_f1: f64,
    inexact_f1: f64,
    acc161: f64,
    auc_max: f64,
}

fn check(name: &str, s: &GeoScores, f: &Floors) {
    println!("{}", summary(name, s));
    assert!(
        s.exact.f1() >= f.exact_f1,
        "{name}: exact F1 {:.3} < {}",
        s.exact.f1(),
        f.exact_f1
    );
    assert!(
        s.inexact.f1() >= f.inexact_f1,
        "{name}: inexact F1 {:.3} < {}",
        s.inexact.f1(),
        f.inexact_f1
    );
    assert!(
        s.end_to_end.acc161() >= f.acc161,
        "{name}: acc@161 {:.3} < {}",
        s.end_to_end.acc161(),
        f.acc161
    );
    assert!(
        s.end_to_end.auc() <= f.auc_max,
        "{name}: AUC {:.3} > {}",
        s.end_to_end.auc(),
        f.auc_max
    );
}

/// `lgl_scheme`: adjectival forms and unions of countries are toponyms, as LGL's annotators marked them.
fn run(file: &str, kind: GeoCorpusKind, lgl_scheme: bool, tuned: &Floors, held: &Floors) {
    let path = default_data_dir().join(file);
    let articles = read_corpus(&path, kind).expect("corpus reads");
    let g = Gazetteer::embedded().expect("embedded gazetteer loads");
    let parser = Geoparser::new(g).with_options(FindOptions {
        adjectival: lgl_scheme,
        unions: lgl_scheme,
    });
    check(
        &format!("{file} tuned half"),
        &score(&articles, &parser, |i| i % 2 == 0),
        tuned,
    );
    check(
        &format!("{file} held-back half"),
        &score(&articles, &parser, |i| i % 2 == 1),
        held,
    );
}

#[test]
fn lgl() {
    // LGL annotates adjectival forms ("American", "Israeli") and the EU as toponyms: recognise them as its scheme
    // does.
    run(
        "lgl.xml.gz",
        GeoCorpusKind::Lgl,
        true,
        &Floors {
            exact_f1: 0.9,
            inexact_f1: 0.92,
            acc161: 0.87,
            auc_max: 0.215,
        },
        &Floors {
            exact_f1: 0.84,
            inexact_f1: 0.87,
            acc161: 0.855,
            auc_max: 0.21,
        },
    );
}

#[test]
fn geovirus() {
    run(
        "GeoVirus.xml.gz",
        GeoCorpusKind::GeoVirus,
        false,
        &Floors {
            exact_f1: 0.93,
            inexact_f1: 0.94,
            acc161: 0.885,
            auc_max: 0.30,
        },
        // acc@161 on the held-back half fell from 0.857 to 0.853 when villages and islands the gazetteer lacks
        // ("the village of Cellardyke", recognition F1 0.913 → 0.916) came to be found: such a name is placed at
        // the place named next to it, and a province's point can lie more than 161 km off. The floor is the issue's
        // bar, 0.85.
        &Floors {
            exact_f1: 0.91,
            inexact_f1: 0.925,
            acc161: 0.85,
            auc_max: 0.31,
        },
    );
}

#[test]
fn bench_covers_both_sets_and_halves() {
    let rows = dyad_eval::geo::bench(&default_data_dir()).expect("bench runs");
    let names: Vec<&str> = rows.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "LGL all",
            "LGL tuned half",
            "LGL held-back half",
            "GeoVirus all",
            "GeoVirus tuned half",
            "GeoVirus held-back half"
        ]
    );
    assert_eq!(rows[0].1.articles, 588);
    assert_eq!(rows[3].1.articles, 229);
    assert_eq!(rows[3].1.exact.gold, 2167);
    assert_eq!(rows[0].1.exact.gold, 5088);
    for (name, s) in &rows {
        println!("{}", summary(name, s));
    }
}
