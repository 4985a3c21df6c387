"""dyad for Python: news in, coded political event data out, as pyarrow Tables.

The package is an edge over dyad's pipeline library, as the ``dyad`` command is: :func:`code` runs the very path
``dyad code`` runs (same cleaning, sentence splitting, coder, places, dates and attribution, same dictionaries),
in Rust on a thread pool with the GIL released, and hands the events to pyarrow without copying them (the Arrow C
stream interface). One row per event; ``.to_pandas()`` gives a DataFrame and ``pyarrow.parquet.write_table`` a
Parquet file.

    >>> import dyad
    >>> events = dyad.code(["Russia warned Iran on Tuesday. It also accused Israel of spying."])
    >>> events.select(["source", "target", "cameo"]).to_pylist()[0]
    {'source': 'RUS', 'target': 'IRN', 'cameo': '...'}

A :class:`Coder` loads dictionaries once and codes many batches; it pickles as its options (and rebuilds on the
other side, checking the dictionaries' fingerprint), so Spark and Ray ship it to workers (:mod:`dyad.spark`,
:mod:`dyad.ray`). Errors raise :class:`DyadError` (a ``ValueError``) or :class:`DyadIOError` (an ``OSError``)
with the messages the CLI prints (file, record, line).
"""

from __future__ import annotations

import json
import os
import threading
import warnings
from typing import Any, Dict, Iterable, List, Mapping, NamedTuple, Optional, Sequence, Tuple, Union

import pyarrow as pa

from . import _dyad
from ._dyad import DyadError, DyadIOError

__version__: str = _dyad.__version__

__all__ = [
    "Coded",
    "Coder",
    "DyadError",
    "DyadIOError",
    "DyadWarning",
    "code",
    "code_files",
    "extract",
    "read_records",
    "read_store",
    "schema_version",
]

PathLike = Union[str, "os.PathLike[str]"]
Texts = Union[str, Iterable[Optional[str]], pa.Array, pa.ChunkedArray]

#: Record settings default: the longest sentence text an event carries (``dyad code --max-sentence-text``).
DEFAULT_MAX_SENTENCE_TEXT = 1000

#: Dictionary warnings shown when a Coder loads; ``Coder.warnings`` lists them all (as ``dyad dict check``).
_WARNINGS_SHOWN = 3


class DyadWarning(UserWarning):
    """A warning the CLI would print: a file skipped, a guessed encoding, a processing limit hit, a bad
    dictionary line."""


def schema_version() -> str:
    """The version of the record shapes (``schema_version`` of ``dyad code`` records) the columns follow; the
    tables carry it in their schema metadata as ``dyad.schema_version``."""
    return _dyad.schema_version()


def _table(batches: Any) -> pa.Table:
    """The Rust batches as a pyarrow Table, through the Arrow PyCapsule interface (no copy)."""
    try:
        return pa.table(batches)
    except TypeError:  # pyarrow 14 reads streams only through the reader
        capsule = batches.__arrow_c_stream__()
        return pa.RecordBatchReader._import_from_c_capsule(capsule).read_all()


def _warn(messages: Sequence[str], stacklevel: int = 3) -> None:
    for message in messages:
        warnings.warn(message, DyadWarning, stacklevel=stacklevel)


def _text_list(texts: Texts) -> List[str]:
    """Texts as a list of str: one str is one text; a missing text (None, null) is an empty one (no events)."""
    if isinstance(texts, str):
        return [texts]
    if isinstance(texts, (pa.Array, pa.ChunkedArray)):
        texts = texts.to_pylist()
    out = []
    for t in texts:
        if t is None:
            out.append("")
        elif isinstance(t, str):
            out.append(t)
        else:
            raise DyadError(f"texts must be str, not {type(t).__name__}")
    return out


def _hint_list(values: Any, name: str) -> Optional[List[Optional[str]]]:
    """A per-text hint as a list of optional str (dates may be ``datetime.date``)."""
    if values is None:
        return None
    if isinstance(values, str):
        values = [values]
    if isinstance(values, (pa.Array, pa.ChunkedArray)):
        values = values.to_pylist()
    out: List[Optional[str]] = []
    for v in values:
        if v is None or isinstance(v, str):
            out.append(v)
        elif hasattr(v, "isoformat"):
            out.append(v.isoformat())
        else:
            raise DyadError(f"{name} must be str, not {type(v).__name__}")
    return out


def _paths(paths: Union[PathLike, Iterable[PathLike]]) -> List[str]:
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    return [os.fspath(p) for p in paths]


class Coded(NamedTuple):
    """A coded batch with the counts behind throughput figures."""

    table: pa.Table
    documents: int
    sentences: int


class Coder:
    """Dictionaries loaded once, coding many batches: ``dyad code``'s pipeline with its options.

    With no option it codes with dyad's own dictionaries. ``actors``, ``agents``, ``verbs``, ``discards`` and
    ``issues`` add files over them (``no_builtin=True`` drops dyad's own); ``tabari_project`` or
    ``petrarch_config`` load exactly what such a file names; ``dialect`` is the syntax of added files
    (``"petrarch1"``, ``"petrarch2"``, ``"tabari"``). ``date`` (``YYYY-MM-DD``) is the publication date of
    articles that give none. ``min_confidence`` (0–1) leaves uncoded the HTML pages whose extraction confidence
    is under it (listing and hub pages; ``dyad code --min-confidence``). ``threads`` sets the coding threads
    (default: one per core).

    A Coder is thread-safe, and coding releases the GIL. It pickles as its options and the dictionaries'
    fingerprint: unpickling loads the same files again and refuses files whose contents changed.
    """

    def __init__(
        self,
        *,
        actors: Sequence[PathLike] = (),
        agents: Sequence[PathLike] = (),
        verbs: Sequence[PathLike] = (),
        discards: Sequence[PathLike] = (),
        issues: Sequence[PathLike] = (),
        tabari_project: Optional[PathLike] = None,
        petrarch_config: Optional[PathLike] = None,
        dialect: str = "petrarch1",
        no_builtin: bool = False,
        date: Optional[str] = None,
        max_sentence_text: int = DEFAULT_MAX_SENTENCE_TEXT,
        min_confidence: Optional[float] = None,
        threads: Optional[int] = None,
    ) -> None:
        def absolute(p: PathLike) -> str:
            return os.path.abspath(os.fspath(p))

        self._options: Dict[str, Any] = {
            "actors": [absolute(p) for p in actors],
            "agents": [absolute(p) for p in agents],
            "verbs": [absolute(p) for p in verbs],
            "discards": [absolute(p) for p in discards],
            "issues": [absolute(p) for p in issues],
            "tabari_project": absolute(tabari_project) if tabari_project is not None else None,
            "petrarch_config": absolute(petrarch_config) if petrarch_config is not None else None,
            "dialect": dialect,
            "no_builtin": no_builtin,
            "date": date,
            "max_sentence_text": max_sentence_text,
            "min_confidence": min_confidence,
            "threads": threads,
        }
        self._engine = _dyad.Engine(**self._options)
        found = self._engine.warnings
        if found:
            shown = found[:_WARNINGS_SHOWN]
            more = len(found) - len(shown)
            if more:
                shown = shown + [f"{more} more dictionary warnings; Coder.warnings lists them all"]
            _warn([f"dictionary warning: {w}" for w in shown], stacklevel=3)

    @property
    def options(self) -> Dict[str, Any]:
        """The options this coder was made with (paths made absolute)."""
        return dict(self._options)

    @property
    def fingerprint(self) -> str:
        """A fingerprint of the dictionaries' contents: coders with the same fingerprint code alike."""
        return str(self._engine.fingerprint)

    @property
    def warnings(self) -> List[str]:
        """Every dictionary line skipped or read with a caveat (file:line: what is wrong)."""
        return list(self._engine.warnings)

    @property
    def threads(self) -> int:
        """Threads a batch is coded on."""
        return int(self._engine.threads)

    def __repr__(self) -> str:
        given = {k: v for k, v in self._options.items() if v != _DEFAULT_OPTIONS.get(k)}
        return "dyad.Coder(" + ", ".join(f"{k}={v!r}" for k, v in given.items()) + ")"

    def __reduce__(self) -> Tuple[Any, Tuple[Any, ...]]:
        return (_rebuild_coder, (self._options, self.fingerprint))

    def code_counted(
        self,
        texts: Texts,
        *,
        ids: Any = None,
        titles: Any = None,
        urls: Any = None,
        dates: Any = None,
    ) -> Coded:
        """:meth:`code`, with the documents and sentences coded."""
        batches, found, documents, sentences = self._engine.code(
            _text_list(texts),
            ids=_hint_list(ids, "ids"),
            titles=_hint_list(titles, "titles"),
            urls=_hint_list(urls, "urls"),
            dates=_hint_list(dates, "dates"),
        )
        _warn(found)
        return Coded(_table(batches), documents, sentences)

    def code(
        self,
        texts: Texts,
        *,
        ids: Any = None,
        titles: Any = None,
        urls: Any = None,
        dates: Any = None,
    ) -> pa.Table:
        """Codes article texts (plain text, or HTML pages); one row per event, ``doc_index`` naming the text.

        Each text is read as ``dyad code --format text|html -`` reads standard input (HTML when it looks like a
        page), with provenance ``-`` and record number = its index, so each text has its own ``doc_id``.
        ``ids``, ``titles``, ``urls`` and ``dates`` (one per text, None where unknown) are what a JSONL file's
        fields would give: the document id, the headline, the URL, the publication date.
        """
        return self.code_counted(texts, ids=ids, titles=titles, urls=urls, dates=dates).table

    def code_jsonl(
        self,
        texts: Texts,
        *,
        ids: Any = None,
        titles: Any = None,
        urls: Any = None,
        dates: Any = None,
    ) -> bytes:
        """The event records of :meth:`code`'s input exactly as ``dyad code`` writes them (JSON lines)."""
        return bytes(
            self._engine.code_jsonl(
                _text_list(texts),
                ids=_hint_list(ids, "ids"),
                titles=_hint_list(titles, "titles"),
                urls=_hint_list(urls, "urls"),
                dates=_hint_list(dates, "dates"),
            )
        )

    def _files(self, paths: Any, format: Optional[str], errors: str, jsonl: bool) -> Tuple[Any, int, int]:
        if errors not in ("raise", "warn"):
            raise DyadError(f'errors={errors!r}: expected "raise" or "warn"')
        data, found, failed, documents, sentences = self._engine.code_files(
            _paths(paths), format=format, stop_at_error=errors == "raise", jsonl=jsonl
        )
        _warn(found, stacklevel=4)
        _warn([f"error: {e}" for e in failed], stacklevel=4)
        return data, documents, sentences

    def code_files_counted(
        self, paths: Union[PathLike, Iterable[PathLike]], *, format: Optional[str] = None, errors: str = "raise"
    ) -> Coded:
        """:meth:`code_files`, with the documents and sentences coded."""
        data, documents, sentences = self._files(paths, format, errors, jsonl=False)
        return Coded(_table(data), documents, sentences)

    def code_files(
        self, paths: Union[PathLike, Iterable[PathLike]], *, format: Optional[str] = None, errors: str = "raise"
    ) -> pa.Table:
        """Codes every record of files and directories as ``dyad code PATHS`` reads them (text, HTML, JSONL,
        WARC, Reuters-21578 SGML, gzip; directories in sorted order); ``doc_index`` counts the records read.

        ``format`` forces one (``"text"``, ``"html"``, ``"jsonl"``, ``"warc"``, ``"reuters"``). With
        ``errors="raise"`` the first input or record that cannot be read raises; with ``"warn"`` it is a
        :class:`DyadWarning` and reading goes on, as the CLI does.
        """
        return self.code_files_counted(paths, format=format, errors=errors).table

    def code_files_jsonl(
        self, paths: Union[PathLike, Iterable[PathLike]], *, format: Optional[str] = None, errors: str = "raise"
    ) -> bytes:
        """The event records of :meth:`code_files`'s input exactly as ``dyad code PATHS`` writes them."""
        data, _, _ = self._files(paths, format, errors, jsonl=True)
        return bytes(data)

    def code_table(
        self,
        table: Union[pa.Table, pa.RecordBatch],
        text_col: str = "text",
        *,
        id_col: Optional[str] = None,
        title_col: Optional[str] = None,
        url_col: Optional[str] = None,
        date_col: Optional[str] = None,
        keep: Sequence[str] = (),
    ) -> pa.Table:
        """Codes a column of article texts of an Arrow table; the ``keep`` columns of each article are repeated
        on its events, in front (``doc_index``, a position in this one table, is left out). The batch function of
        :mod:`dyad.spark` and :mod:`dyad.ray`."""

        def column(name: Optional[str]) -> Any:
            return None if name is None else table.column(name)

        events = self.code(
            table.column(text_col),
            ids=column(id_col),
            titles=column(title_col),
            urls=column(url_col),
            dates=column(date_col),
        )
        index = events.column("doc_index")
        events = events.drop_columns(["doc_index"])
        for i, name in enumerate(keep):
            events = events.add_column(i, table.schema.field(name), table.column(name).take(index))
        return events


_DEFAULT_OPTIONS: Dict[str, Any] = {
    "actors": [],
    "agents": [],
    "verbs": [],
    "discards": [],
    "issues": [],
    "tabari_project": None,
    "petrarch_config": None,
    "dialect": "petrarch1",
    "no_builtin": False,
    "date": None,
    "max_sentence_text": DEFAULT_MAX_SENTENCE_TEXT,
    "min_confidence": None,
    "threads": None,
}


def _rebuild_coder(options: Dict[str, Any], fingerprint: str) -> Coder:
    """Unpickles a Coder: the same options, loaded once per process, and the same dictionary contents."""
    key = _freeze(options)
    with _cache_lock:
        coder = _rebuilt.get(key)
    if coder is None:
        coder = Coder(**options)
        with _cache_lock:
            _rebuilt[key] = coder
    if coder.fingerprint != fingerprint:
        raise DyadError(
            f"the dictionaries changed since this coder was pickled (fingerprint {coder.fingerprint}, "
            f"pickled {fingerprint}); the same options would code differently here"
        )
    return coder


def _freeze(options: Mapping[str, Any]) -> Tuple[Any, ...]:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in options.items()))


_cache_lock = threading.Lock()
_rebuilt: Dict[Tuple[Any, ...], Coder] = {}
_coders: Dict[Tuple[Any, ...], Coder] = {}


def _coder_for(dictionaries: Union[None, Coder, Mapping[str, Any]], date: Optional[str]) -> Coder:
    """The Coder for a module-level call: the one given, or one made from the options and kept for next time."""
    if isinstance(dictionaries, Coder):
        if date is not None:
            raise DyadError("date= goes to the Coder when one is given: dyad.Coder(date=...)")
        return dictionaries
    options = dict(dictionaries or {})
    if date is not None:
        options["date"] = date
    key = _freeze(options)
    with _cache_lock:
        coder = _coders.get(key)
    if coder is None:
        coder = Coder(**options)
        with _cache_lock:
            _coders[key] = coder
    return coder


def code(
    texts: Texts,
    dictionaries: Union[None, Coder, Mapping[str, Any]] = None,
    date: Optional[str] = None,
    *,
    ids: Any = None,
    titles: Any = None,
    urls: Any = None,
    dates: Any = None,
) -> pa.Table:
    """Codes article texts into a pyarrow Table, one row per event (see :meth:`Coder.code`).

    ``dictionaries`` is a :class:`Coder`, or the options of one (``{"actors": ["my_actors.txt"]}``); None is
    dyad's own dictionaries. ``date`` is the publication date (``YYYY-MM-DD``) of texts that give none. The coder
    for a set of options is loaded once and kept.
    """
    return _coder_for(dictionaries, date).code(texts, ids=ids, titles=titles, urls=urls, dates=dates)


def code_files(
    paths: Union[PathLike, Iterable[PathLike]],
    dictionaries: Union[None, Coder, Mapping[str, Any]] = None,
    date: Optional[str] = None,
    *,
    format: Optional[str] = None,
    errors: str = "raise",
) -> pa.Table:
    """Codes files and directories as ``dyad code PATHS`` does (see :meth:`Coder.code_files`)."""
    return _coder_for(dictionaries, date).code_files(paths, format=format, errors=errors)


def _code_jsonl(
    texts: Texts,
    dictionaries: Union[None, Coder, Mapping[str, Any]] = None,
    date: Optional[str] = None,
    **hints: Any,
) -> bytes:
    """The JSON lines ``dyad code`` writes for :func:`code`'s input, built by the same Rust path (for tests)."""
    return _coder_for(dictionaries, date).code_jsonl(texts, **hints)


def _code_files_jsonl(
    paths: Union[PathLike, Iterable[PathLike]],
    dictionaries: Union[None, Coder, Mapping[str, Any]] = None,
    date: Optional[str] = None,
    *,
    format: Optional[str] = None,
) -> bytes:
    """The JSON lines ``dyad code PATHS`` writes, built by the same Rust path (for tests)."""
    return _coder_for(dictionaries, date).code_files_jsonl(paths, format=format)


def extract(
    html_or_text: Union[str, Iterable[Optional[str]]],
    *,
    ids: Any = None,
    titles: Any = None,
    urls: Any = None,
    dates: Any = None,
) -> Union[Dict[str, Any], List[Dict[str, Any]]]:
    """Cleans and splits articles as ``dyad extract`` does: for one str, its document record as a dict (``text``,
    ``title``, ``sentences`` as byte spans, ``metadata``, ...), or None when it is empty; for a list, a list of
    them (None for an empty text)."""
    single = isinstance(html_or_text, str)
    texts = _text_list(html_or_text)
    lines = _dyad.extract(
        texts,
        ids=_hint_list(ids, "ids"),
        titles=_hint_list(titles, "titles"),
        urls=_hint_list(urls, "urls"),
        dates=_hint_list(dates, "dates"),
    )
    out: List[Any] = [None] * len(texts)
    for index, line in lines:
        out[index] = json.loads(line)
    return out[0] if single else out


def read_records(
    paths: Union[PathLike, Iterable[PathLike]], *, format: Optional[str] = None, errors: str = "raise"
) -> pa.Table:
    """The articles of files and directories as ``dyad code`` reads them, not coded: one row per record with
    ``path``, ``record``, ``id``, ``title``, ``date``, ``url``, ``format`` and ``text``. Coding the ``text``
    column with ``ids=``/``titles=``/``dates=``/``urls=`` from the others gives the events ``dyad code PATHS``
    gives (so a data frame of articles can be coded on Spark or Ray)."""
    if errors not in ("raise", "warn"):
        raise DyadError(f'errors={errors!r}: expected "raise" or "warn"')
    batches, found, failed = _dyad.read_records(_paths(paths), format=format, stop_at_error=errors == "raise")
    _warn(found)
    _warn([f"error: {e}" for e in failed])
    return _table(batches)


def read_store(db_path: PathLike, raw: bool = False, **filters: Any) -> pa.Table:
    """The events of a dyad store (``dyad ingest``) as a pyarrow Table: merged events (GDELT's unit: one story,
    source, target, code, place and day, with ``num_mentions``, ``num_sources``, ``num_articles`` and
    ``mentions``), or with ``raw=True`` every stored event. Each row also has ``event_id``, ``story`` and
    ``added`` (when its run started).

    Filters, as ``dyad export`` takes them: ``since``, ``until`` (``YYYY-MM-DD``), ``actor``, ``source``,
    ``target``, ``cameo`` (code prefixes), ``root``, ``quad_class`` (1-4), ``plover``, ``country``, ``bbox``
    (west, south, east, north), ``text`` (full-text query), ``claimed``, ``dyad`` (two actor prefixes, either
    direction), ``story``, ``document``, ``generation``.
    """
    return _table(_dyad.read_store(os.fspath(db_path), not raw, **filters))
