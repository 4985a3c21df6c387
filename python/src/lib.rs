//! `dyad._dyad`, the extension module under the `dyad` Python package: an edge over the pipeline library, as the
//! CLI is.
//!
//! Texts and files go through [`dyad_pipeline::Pipeline::process`] — the call `dyad code` makes — with
//! dictionaries chosen by [`DictionarySelection`] and records read by `dyad_ingest` as the CLI reads them, on a
//! rayon pool with the GIL released: files through the CLI's ordered runner [`run_ordered`], texts in chunks
//! coded and shaped in parallel (`Engine::map_texts`), results in input order either way. Events come back as
//! Arrow record batches (see `columns`) exported through the Arrow C stream interface (see `stream`), never copied
//! on the way to pyarrow. Stores are read through `dyad_store` ([`Store::open_read_only`], [`Store::for_each_event`]).
//!
//! Errors are Python exceptions carrying the CLI's messages: `DyadError` (a `ValueError`) for bad input,
//! dictionaries, filters or stores, `DyadIOError` (an `OSError`) for files and stores that cannot be opened.
//! This module never prints; warnings go back to the Python side as strings.

mod columns;
mod stream;

use columns::{EventColumns, Leading, RecordColumns, RecordParts, StoredParts};
use dyad_dict::{Dialect, DictErrorKind};
use dyad_ingest::{read_inputs, IngestError, IngestOptions, Inputs, Location, RawRecord, Records};
use dyad_model::date::Date;
use dyad_model::{Document, Event, InputFormat};
use dyad_pipeline::records::DEFAULT_MAX_SENTENCE_TEXT_BYTES;
use dyad_pipeline::{
    run_ordered, DictionarySelection, EventRecord, Pipeline, RecordSettings, RunObserver,
    SelectionError,
};
use dyad_store::query::ReadError;
use dyad_store::{Filter, Store, StoreError};
use pyo3::create_exception;
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use std::io;
use std::path::PathBuf;
use stream::ArrowBatches;

create_exception!(
    _dyad,
    DyadError,
    PyValueError,
    "Bad input, dictionaries, options or store; the message names the file, record or line, as the CLI's does."
);
create_exception!(
    _dyad,
    DyadIOError,
    PyOSError,
    "An input file, dictionary file or store that cannot be opened or read."
);

/// Rows per record batch: a few MB of columns, so a large run streams in pieces.
const BATCH_ROWS: usize = 65_536;

/// The CLI's `--date` check: a calendar date as `YYYY-MM-DD`.
fn parse_date(s: &str) -> PyResult<Date> {
    Date::parse_iso(s).filter(|_| s.len() == 10).ok_or_else(|| {
        DyadError::new_err(format!(
            "{s:?} is not a calendar date in the form YYYY-MM-DD"
        ))
    })
}

fn parse_dialect(s: &str) -> PyResult<Dialect> {
    match s {
        "tabari" => Ok(Dialect::Tabari),
        "petrarch1" => Ok(Dialect::Petrarch1),
        "petrarch2" => Ok(Dialect::Petrarch2),
        _ => Err(DyadError::new_err(format!(
            "dialect {s:?}: expected \"tabari\", \"petrarch1\" or \"petrarch2\""
        ))),
    }
}

fn parse_format(s: Option<&str>) -> PyResult<Option<InputFormat>> {
    Ok(match s {
        None => None,
        Some("text") => Some(InputFormat::Text),
        Some("html") => Some(InputFormat::Html),
        Some("jsonl") => Some(InputFormat::Jsonl),
        Some("warc") => Some(InputFormat::Warc),
        Some("reuters") => Some(InputFormat::Reuters),
        Some(other) => {
            return Err(DyadError::new_err(format!(
                "format {other:?}: expected text, html, jsonl, warc or reuters"
            )))
        }
    })
}

fn selection_error(e: SelectionError) -> PyErr {
    match &e {
        SelectionError::Load(d) if d.kind == DictErrorKind::Io => {
            DyadIOError::new_err(e.to_string())
        }
        _ => DyadError::new_err(e.to_string()),
    }
}

fn ingest_error(e: &IngestError) -> PyErr {
    match e {
        IngestError::Io {
            location: Location::File,
            ..
        } => DyadIOError::new_err(e.to_string()),
        _ => DyadError::new_err(e.to_string()),
    }
}

fn store_error(e: StoreError) -> PyErr {
    match e {
        StoreError::Missing { .. } | StoreError::ReadOnly { .. } => {
            DyadIOError::new_err(e.to_string())
        }
        _ => DyadError::new_err(e.to_string()),
    }
}

fn arrow_error(e: arrow_schema::ArrowError) -> io::Error {
    io::Error::other(format!("building the Arrow table: {e}"))
}

/// The CLI's warning for each processing limit a document hit: "x.txt: record 3: 2 × ...".
fn limit_warnings(doc: &Document, out: &mut Vec<String>) {
    for hit in doc.limits.iter() {
        let p = &doc.provenance;
        let record = p
            .record
            .map(|r| format!(": record {r}"))
            .unwrap_or_default();
        out.push(format!(
            "{}{record}: {} × {}",
            p.path,
            hit.times,
            hit.limit.describe()
        ));
    }
}

/// Per-text fields a caller may give beside the texts.
#[derive(Default)]
struct TextHints {
    ids: Option<Vec<Option<String>>>,
    titles: Option<Vec<Option<String>>>,
    urls: Option<Vec<Option<String>>>,
    dates: Option<Vec<Option<String>>>,
}

impl TextHints {
    fn check(&self, n: usize) -> PyResult<()> {
        let lens = [
            ("ids", self.ids.as_ref().map(Vec::len)),
            ("titles", self.titles.as_ref().map(Vec::len)),
            ("urls", self.urls.as_ref().map(Vec::len)),
            ("dates", self.dates.as_ref().map(Vec::len)),
        ];
        for (name, len) in lens {
            if let Some(len) = len.filter(|&l| l != n) {
                return Err(DyadError::new_err(format!(
                    "{name} has {len} items for {n} texts"
                )));
            }
        }
        Ok(())
    }
}

/// Text `i` as a record, read as `dyad code --format text|html -` reads standard input (HTML when the text looks
/// like a page, plain text otherwise; never JSONL, WARC or SGML). Provenance is `-` with record `i`, so each text
/// of a batch has its own document id; `ids`, `titles`, `urls`, `dates` become the record's hints, as a JSONL file's fields
/// do. An empty text gives no record.
fn text_record(
    i: usize,
    text: String,
    hints: &TextHints,
) -> Option<Result<RawRecord, IngestError>> {
    let format = match dyad_ingest::sniff::detect_from_content(text.as_bytes()) {
        InputFormat::Html => InputFormat::Html,
        _ => InputFormat::Text,
    };
    let opts = IngestOptions {
        format: Some(format),
        ..IngestOptions::default()
    };
    let mut records = Records::from_reader(
        dyad_ingest::STDIN_PATH,
        None,
        io::Cursor::new(text.into_bytes()),
        &opts,
    );
    let mut record = match records.next()? {
        Ok(r) => r,
        Err(e) => return Some(Err(e)),
    };
    record.provenance.record = Some(i as u64);
    if let Some(id) = hints.ids.as_ref().and_then(|v| v.get(i)).cloned().flatten() {
        record.hints.id = Some(id);
    }
    if let Some(title) = hints
        .titles
        .as_ref()
        .and_then(|v| v.get(i))
        .cloned()
        .flatten()
    {
        record.hints.title = Some(title);
    }
    if let Some(url) = hints
        .urls
        .as_ref()
        .and_then(|v| v.get(i))
        .cloned()
        .flatten()
    {
        record.hints.url = Some(url);
    }
    if let Some(date) = hints
        .dates
        .as_ref()
        .and_then(|v| v.get(i))
        .cloned()
        .flatten()
    {
        record.hints.date = Some(date);
    }
    Some(Ok(record))
}

/// What a run tells its caller besides the documents: input errors and warnings, as the CLI would print them.
#[derive(Default)]
struct Collected {
    errors: Vec<String>,
    warnings: Vec<String>,
    /// Documents coded and their sentences (for throughput figures).
    documents: usize,
    sentences: usize,
}

impl RunObserver for Collected {
    fn input_error(&mut self, error: &IngestError) {
        self.errors.push(error.to_string());
    }
}

/// The records of `inputs` as the CLI reads them, keeping the warnings it prints (all but the routine ones) and,
/// when `stop_at_error`, ending at the first input error (kept in `first`).
struct ReadAsCli<'a> {
    inputs: &'a mut Inputs,
    stop_at_error: bool,
    first: Option<IngestError>,
    warnings: Vec<String>,
}

impl Iterator for ReadAsCli<'_> {
    type Item = Result<RawRecord, IngestError>;
    fn next(&mut self) -> Option<Self::Item> {
        if self.first.is_some() {
            return None;
        }
        let next = self.inputs.next();
        for w in self.inputs.take_warnings() {
            if !w.reason().is_routine() {
                self.warnings.push(w.to_string());
            }
        }
        match next {
            Some(Err(e)) if self.stop_at_error => {
                self.first = Some(e);
                None
            }
            other => other,
        }
    }
}

/// What [`Engine::code_files`] gives back: the events (Arrow batches, or JSON lines as bytes), the warnings, the
/// input errors (when not raised), and the documents and sentences coded.
type FilesCoded = (Py<PyAny>, Vec<String>, Vec<String>, usize, usize);

/// A loaded pipeline: the dictionaries chosen once, coding many batches. Immutable and shared across threads;
/// the Python `dyad.Coder` wraps it and rebuilds it from its options when unpickled.
#[pyclass(frozen, module = "dyad._dyad")]
struct Engine {
    pipeline: Pipeline,
    fingerprint: String,
    warnings: Vec<String>,
    pool: Option<rayon::ThreadPool>,
}

impl Engine {
    /// Runs `f` on this engine's pool (or rayon's global pool), without the GIL.
    fn run<T: Send>(&self, py: Python<'_>, f: impl FnOnce() -> T + Send) -> T {
        py.detach(|| match &self.pool {
            Some(pool) => pool.install(f),
            None => f(),
        })
    }

    /// Codes `texts` on the pool in chunks, each chunk folded into its own `T` (a record batch, JSON lines) in
    /// parallel; the chunks come back in input order with what each met (errors, limit warnings, counts). Every
    /// text goes through [`text_record`] and [`Pipeline::process`], the CLI's reading and coding path; doing the
    /// reading and the output on the pool too keeps both cores busy where the CLI's runner (which reads and
    /// writes on one thread) would leave one idle.
    fn map_texts<T: Send>(
        &self,
        texts: Vec<String>,
        hints: &TextHints,
        make: impl Fn() -> T + Sync,
        add: impl Fn(&mut T, i64, &Document) -> io::Result<()> + Sync,
        finish: impl Fn(&mut T) -> io::Result<()> + Sync,
    ) -> io::Result<Vec<(T, Collected)>> {
        use rayon::prelude::*;
        let chunk = chunk_len(texts.len(), rayon::current_num_threads());
        let mut chunks: Vec<(usize, Vec<String>)> = Vec::new();
        let mut texts = texts.into_iter();
        let mut start = 0;
        loop {
            let part: Vec<String> = texts.by_ref().take(chunk).collect();
            if part.is_empty() {
                break;
            }
            let n = part.len();
            chunks.push((start, part));
            start += n;
        }
        chunks
            .into_par_iter()
            .map(|(start, part)| {
                let mut out = make();
                let mut met = Collected::default();
                for (j, text) in part.into_iter().enumerate() {
                    let i = start + j;
                    match text_record(i, text, hints) {
                        None => {}
                        Some(Err(e)) => met.errors.push(e.to_string()),
                        Some(Ok(record)) => {
                            let doc = self.pipeline.process(record);
                            limit_warnings(&doc, &mut met.warnings);
                            met.documents += 1;
                            met.sentences += doc.sentences.len();
                            add(&mut out, i as i64, &doc)?;
                        }
                    }
                }
                finish(&mut out)?;
                Ok((out, met))
            })
            .collect()
    }
}

/// Texts per chunk of [`Engine::map_texts`]: about four chunks per thread so the pool stays balanced, at most
/// the pipeline runner's batch, at least one.
fn chunk_len(texts: usize, threads: usize) -> usize {
    (texts / (threads.max(1) * 4)).clamp(1, dyad_pipeline::BATCH_RECORDS)
}

/// The chunks' errors, warnings and counts as one.
fn merge(met: impl IntoIterator<Item = Collected>) -> Collected {
    let mut all = Collected::default();
    for m in met {
        all.errors.extend(m.errors);
        all.warnings.extend(m.warnings);
        all.documents += m.documents;
        all.sentences += m.sentences;
    }
    all
}

/// Pushes each event of `doc` (input `doc_index`) into `columns`, as the record `dyad code` writes.
fn push_document(
    columns: &mut EventColumns,
    batches: &mut Vec<arrow_array::RecordBatch>,
    settings: &RecordSettings,
    doc_index: i64,
    doc: &Document,
) -> io::Result<()> {
    for event in &doc.events {
        let record = EventRecord::of(doc, event, settings);
        columns.push_coded(doc_index, &RecordParts::of(&record));
    }
    if columns.len() >= BATCH_ROWS {
        batches.push(columns.finish().map_err(arrow_error)?);
    }
    Ok(())
}

#[pymethods]
impl Engine {
    #[new]
    #[pyo3(signature = (*, tabari_project=None, petrarch_config=None, actors=Vec::new(), agents=Vec::new(),
        verbs=Vec::new(), discards=Vec::new(), issues=Vec::new(), dialect="petrarch1", no_builtin=false,
        date=None, max_sentence_text=DEFAULT_MAX_SENTENCE_TEXT_BYTES, min_confidence=None, threads=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        tabari_project: Option<PathBuf>,
        petrarch_config: Option<PathBuf>,
        actors: Vec<PathBuf>,
        agents: Vec<PathBuf>,
        verbs: Vec<PathBuf>,
        discards: Vec<PathBuf>,
        issues: Vec<PathBuf>,
        dialect: &str,
        no_builtin: bool,
        date: Option<&str>,
        max_sentence_text: usize,
        min_confidence: Option<f64>,
        threads: Option<usize>,
    ) -> PyResult<Engine> {
        if tabari_project.is_some() && petrarch_config.is_some() {
            return Err(DyadError::new_err(
                "tabari_project and petrarch_config cannot be used together",
            ));
        }
        let selection = DictionarySelection {
            tabari_project,
            petrarch_config,
            actors,
            agents,
            verbs,
            discards,
            issues,
            dialect: parse_dialect(dialect)?,
            no_builtin,
        };
        let date = date.map(parse_date).transpose()?;
        let pool = match threads {
            None => None,
            Some(n) => Some(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n.max(1))
                    .build()
                    .map_err(|e| DyadError::new_err(format!("cannot start {n} threads: {e}")))?,
            ),
        };
        let (dicts, report) = py.detach(|| selection.load()).map_err(selection_error)?;
        let mut pipeline = Pipeline::with_coder(dyad_coding::Coder::new(&dicts))
            .with_record_settings(RecordSettings {
                max_sentence_text_bytes: max_sentence_text,
                ..RecordSettings::default()
            });
        if let Some(date) = date {
            pipeline = pipeline.with_default_date(date);
        }
        if let Some(min) = min_confidence {
            if !(0.0..=1.0).contains(&min) {
                return Err(DyadError::new_err(format!(
                    "min_confidence={min}: not a confidence (a number from 0 to 1)"
                )));
            }
            pipeline = pipeline.with_min_confidence(min);
        }
        Ok(Engine {
            pipeline,
            fingerprint: dicts.fingerprint(),
            warnings: report.warnings.iter().map(|w| w.to_string()).collect(),
            pool,
        })
    }

    /// A fingerprint of the loaded dictionaries' contents: engines with the same fingerprint code alike.
    #[getter]
    fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Dictionary lines that were skipped or read with a caveat (file:line: what is wrong).
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.warnings.clone()
    }

    /// Threads this engine codes on.
    #[getter]
    fn threads(&self) -> usize {
        match &self.pool {
            Some(pool) => pool.current_num_threads(),
            None => rayon::current_num_threads(),
        }
    }

    /// Codes `texts`; returns the events as Arrow batches, the warnings, and the documents and sentences coded.
    #[pyo3(signature = (texts, ids=None, titles=None, urls=None, dates=None))]
    fn code(
        &self,
        py: Python<'_>,
        texts: Vec<String>,
        ids: Option<Vec<Option<String>>>,
        titles: Option<Vec<Option<String>>>,
        urls: Option<Vec<Option<String>>>,
        dates: Option<Vec<Option<String>>>,
    ) -> PyResult<(ArrowBatches, Vec<String>, usize, usize)> {
        let hints = TextHints {
            ids,
            titles,
            urls,
            dates,
        };
        hints.check(texts.len())?;
        let settings = *self.pipeline.record_settings();
        let result = self.run(py, || {
            self.map_texts(
                texts,
                &hints,
                || (EventColumns::new(Leading::DocIndex), None),
                |(columns, _), index, doc| {
                    for event in &doc.events {
                        let record = EventRecord::of(doc, event, &settings);
                        columns.push_coded(index, &RecordParts::of(&record));
                    }
                    Ok(())
                },
                |(columns, batch)| {
                    *batch = Some(columns.finish().map_err(arrow_error)?);
                    Ok(())
                },
            )
        });
        let chunks = result.map_err(|e| DyadError::new_err(e.to_string()))?;
        let (batches, met): (Vec<_>, Vec<_>) = chunks.into_iter().unzip();
        let collected = merge(met);
        if let Some(e) = collected.errors.first() {
            return Err(DyadError::new_err(e.clone()));
        }
        let batches: Vec<_> = batches
            .into_iter()
            .filter_map(|(_, b)| b)
            .filter(|b| b.num_rows() > 0)
            .collect();
        Ok((
            ArrowBatches::new(columns::schema(Leading::DocIndex), batches),
            collected.warnings,
            collected.documents,
            collected.sentences,
        ))
    }

    /// Codes `texts` and returns the event records exactly as `dyad code` writes them (JSON lines).
    #[pyo3(signature = (texts, ids=None, titles=None, urls=None, dates=None))]
    fn code_jsonl<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<String>,
        ids: Option<Vec<Option<String>>>,
        titles: Option<Vec<Option<String>>>,
        urls: Option<Vec<Option<String>>>,
        dates: Option<Vec<Option<String>>>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let hints = TextHints {
            ids,
            titles,
            urls,
            dates,
        };
        hints.check(texts.len())?;
        let result = self.run(py, || {
            self.map_texts(
                texts,
                &hints,
                Vec::new,
                |out, _, doc| self.pipeline.write_events(doc, out),
                |_| Ok(()),
            )
        });
        let chunks = result.map_err(|e| DyadError::new_err(e.to_string()))?;
        let (parts, met): (Vec<_>, Vec<_>) = chunks.into_iter().unzip();
        if let Some(e) = merge(met).errors.first() {
            return Err(DyadError::new_err(e.clone()));
        }
        let out = parts.concat();
        Ok(PyBytes::new(py, &out))
    }

    /// Codes every record of `paths` (files, directories) as `dyad code PATHS` reads them. With `stop_at_error`
    /// the first unreadable input or record raises; otherwise errors come back as strings with the warnings.
    #[pyo3(signature = (paths, format=None, stop_at_error=true, jsonl=false))]
    fn code_files(
        &self,
        py: Python<'_>,
        paths: Vec<PathBuf>,
        format: Option<&str>,
        stop_at_error: bool,
        jsonl: bool,
    ) -> PyResult<FilesCoded> {
        let opts = IngestOptions {
            format: parse_format(format)?,
            ..IngestOptions::default()
        };
        let settings = *self.pipeline.record_settings();
        let result = self.run(py, || {
            let mut inputs = read_inputs(&paths, &opts);
            let mut reader = ReadAsCli {
                inputs: &mut inputs,
                stop_at_error,
                first: None,
                warnings: Vec::new(),
            };
            let mut columns = EventColumns::new(Leading::DocIndex);
            let mut batches = Vec::new();
            let mut out = Vec::new();
            let mut doc_index = 0i64;
            let mut sentences = 0usize;
            let mut errors = Collected::default();
            let mut limits = Vec::new();
            run_ordered(
                &mut reader,
                |r| self.pipeline.process(r),
                |doc| {
                    limit_warnings(&doc, &mut limits);
                    sentences += doc.sentences.len();
                    let written = if jsonl {
                        self.pipeline.write_events(&doc, &mut out)
                    } else {
                        push_document(&mut columns, &mut batches, &settings, doc_index, &doc)
                    };
                    doc_index += 1;
                    written
                },
                &mut errors,
            )?;
            if !jsonl {
                batches.push(columns.finish().map_err(arrow_error)?);
            }
            let mut warnings = std::mem::take(&mut reader.warnings);
            warnings.extend(limits);
            let counts = (doc_index as usize, sentences);
            let first = reader.first.take();
            Ok::<_, io::Error>((batches, out, first, errors.errors, warnings, counts))
        });
        let (batches, out, first, errors, warnings, (documents, sentences)) =
            result.map_err(|e| DyadError::new_err(e.to_string()))?;
        if let Some(e) = first {
            return Err(ingest_error(&e));
        }
        let data: Py<PyAny> = if jsonl {
            PyBytes::new(py, &out).into_any().unbind()
        } else {
            let table = ArrowBatches::new(columns::schema(Leading::DocIndex), batches);
            Py::new(py, table)?.into_any()
        };
        Ok((data, warnings, errors, documents, sentences))
    }
}

/// Cleans and splits `texts` as `dyad extract` does; one document record (JSON, as `dyad extract` writes it) per
/// non-empty text.
#[pyfunction]
#[pyo3(signature = (texts, ids=None, titles=None, urls=None, dates=None))]
fn extract(
    py: Python<'_>,
    texts: Vec<String>,
    ids: Option<Vec<Option<String>>>,
    titles: Option<Vec<Option<String>>>,
    urls: Option<Vec<Option<String>>>,
    dates: Option<Vec<Option<String>>>,
) -> PyResult<Vec<(usize, String)>> {
    let hints = TextHints {
        ids,
        titles,
        urls,
        dates,
    };
    hints.check(texts.len())?;
    let pipeline = Pipeline::extraction();
    let result = py.detach(|| {
        let records = texts
            .into_iter()
            .enumerate()
            .filter_map(|(i, t)| text_record(i, t, &hints));
        let mut out = Vec::new();
        let mut errors = Collected::default();
        run_ordered(
            records,
            dyad_pipeline::document_of,
            |doc| {
                let mut line = Vec::new();
                pipeline.write_document(&doc, &mut line)?;
                let index = doc.provenance.record.unwrap_or(0) as usize;
                out.push((index, String::from_utf8_lossy(&line).trim_end().to_string()));
                Ok(())
            },
            &mut errors,
        )?;
        Ok::<_, io::Error>((out, errors.errors))
    });
    let (out, errors) = result.map_err(|e| DyadError::new_err(e.to_string()))?;
    if let Some(e) = errors.first() {
        return Err(DyadError::new_err(e.clone()));
    }
    Ok(out)
}

/// A stored event record: the event and what `dyad code` writes beside it.
#[derive(serde::Deserialize)]
struct StoredRecord {
    #[serde(flatten)]
    event: Event,
    url: Option<String>,
    sentence_text: String,
    #[serde(default)]
    sentence_text_truncated: bool,
    sentence_start: u32,
}

/// The events of the store at `path` matching the filters, raw or merged, as Arrow batches.
#[pyfunction]
#[pyo3(signature = (path, merged=true, *, since=None, until=None, actor=None, source=None, target=None,
    cameo=None, root=None, quad_class=None, plover=None, country=None, bbox=None, text=None, claimed=None,
    dyad=None, story=None, document=None, generation=None))]
#[allow(clippy::too_many_arguments)]
fn read_store(
    py: Python<'_>,
    path: PathBuf,
    merged: bool,
    since: Option<String>,
    until: Option<String>,
    actor: Option<String>,
    source: Option<String>,
    target: Option<String>,
    cameo: Option<String>,
    root: Option<String>,
    quad_class: Option<u8>,
    plover: Option<String>,
    country: Option<String>,
    bbox: Option<[f64; 4]>,
    text: Option<String>,
    claimed: Option<bool>,
    dyad: Option<(String, String)>,
    story: Option<i64>,
    document: Option<i64>,
    generation: Option<i64>,
) -> PyResult<ArrowBatches> {
    for day in [&since, &until].into_iter().flatten() {
        parse_date(day)?;
    }
    if let Some(q) = quad_class.filter(|q| !(1..=4).contains(q)) {
        return Err(DyadError::new_err(format!(
            "quad_class {q}: expected 1 to 4"
        )));
    }
    let filter = Filter {
        since,
        until,
        actor,
        source,
        target,
        cameo,
        root,
        quad_class,
        plover,
        country,
        bbox,
        text,
        claimed,
        dyad,
        story,
        document,
        generation,
    };
    let leading = Leading::Store { merged };
    let result = py.detach(|| {
        let store = Store::open_read_only(&path)?;
        let name = store.name();
        let mut columns = EventColumns::new(leading);
        let mut batches = Vec::new();
        store.for_each_event(&filter, merged, |row| {
            let stored: StoredRecord = serde_json::from_str(&row.record).map_err(|e| {
                io::Error::other(format!("{name}: event {}: unreadable record: {e}", row.id))
            })?;
            let parts = RecordParts {
                event: &stored.event,
                url: stored.url.as_deref(),
                sentence_text: &stored.sentence_text,
                sentence_text_truncated: stored.sentence_text_truncated,
                sentence_start: stored.sentence_start,
            };
            let place = StoredParts {
                event_id: row.id,
                story: row.story,
                added: &row.added,
                merged: row.merged.as_ref().map(|m| {
                    (
                        m.num_mentions,
                        m.num_sources,
                        m.num_articles,
                        m.mentions.as_str(),
                    )
                }),
            };
            columns.push_stored(&place, &parts);
            if columns.len() >= BATCH_ROWS {
                batches.push(columns.finish().map_err(arrow_error)?);
            }
            Ok(())
        })?;
        batches.push(
            columns
                .finish()
                .map_err(|e| ReadError::Output(arrow_error(e)))?,
        );
        Ok::<_, ReadError>(batches)
    });
    match result {
        Ok(batches) => Ok(ArrowBatches::new(columns::schema(leading), batches)),
        Err(ReadError::Store(e)) => Err(store_error(e)),
        Err(ReadError::Output(e)) => Err(DyadError::new_err(e.to_string())),
    }
}

/// The records of `paths` as `dyad code` reads them, not coded: one row per article with its provenance, hints
/// and content (`path`, `record`, `id`, `title`, `date`, `url`, `format`, `text`). Returns the batches, the
/// warnings and (unless `stop_at_error`, which raises at the first) the input errors.
#[pyfunction]
#[pyo3(signature = (paths, format=None, stop_at_error=true))]
fn read_records(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    format: Option<&str>,
    stop_at_error: bool,
) -> PyResult<(ArrowBatches, Vec<String>, Vec<String>)> {
    let opts = IngestOptions {
        format: parse_format(format)?,
        ..IngestOptions::default()
    };
    let result = py.detach(|| {
        let mut inputs = read_inputs(&paths, &opts);
        let mut reader = ReadAsCli {
            inputs: &mut inputs,
            stop_at_error,
            first: None,
            warnings: Vec::new(),
        };
        let mut columns = RecordColumns::default();
        let mut batches = Vec::new();
        let mut errors = Vec::new();
        for item in &mut reader {
            match item {
                Ok(record) => columns.push(&record),
                Err(e) => errors.push(e.to_string()),
            }
            if columns.len() >= BATCH_ROWS {
                batches.push(columns.finish()?);
            }
        }
        batches.push(columns.finish()?);
        Ok::<_, arrow_schema::ArrowError>((batches, reader.first.take(), reader.warnings, errors))
    });
    let (batches, first, warnings, errors) =
        result.map_err(|e| DyadError::new_err(e.to_string()))?;
    if let Some(e) = first {
        return Err(ingest_error(&e));
    }
    Ok((
        ArrowBatches::new(RecordColumns::schema(), batches),
        warnings,
        errors,
    ))
}

/// The record schema version the tables' columns are shaped from (`dyad.schema_version` in their metadata).
#[pyfunction]
fn schema_version() -> &'static str {
    dyad_pipeline::SCHEMA_VERSION
}

#[pymodule]
fn _dyad(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Engine>()?;
    m.add_class::<ArrowBatches>()?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(read_store, m)?)?;
    m.add_function(wrap_pyfunction!(read_records, m)?)?;
    m.add_function(wrap_pyfunction!(schema_version, m)?)?;
    m.add("DyadError", m.py().get_type::<DyadError>())?;
    m.add("DyadIOError", m.py().get_type::<DyadIOError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
