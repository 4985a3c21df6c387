"""dyad.code and dyad.code_files against the CLI: the same events, byte-equal JSON, every field in the table."""

from __future__ import annotations

import datetime
import json
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import dyad
from conftest import EXAMPLES, RECORD_FIELDS, SEED, row_of_record, run_cli


def records(jsonl: bytes) -> list:
    return [json.loads(line) for line in jsonl.splitlines() if line.strip()]


def test_code_gives_a_pyarrow_table_with_the_event_columns(seed_text):
    table = dyad.code([seed_text])
    assert isinstance(table, pa.Table)
    assert table.num_rows > 0
    expected = ["doc_index"] + [c for c in dict.fromkeys(RECORD_FIELDS.values()) if c]
    assert sorted(table.column_names) == sorted(expected)
    assert table.schema.metadata[b"dyad.schema_version"].decode() == dyad.schema_version()
    assert table.schema.field("date").type == pa.date32()
    assert table.schema.field("quad_class").type == pa.int8()
    assert table.schema.field("goldstein").type == pa.float64()
    assert set(table.column("doc_index").to_pylist()) == {0}


def test_seed_events_equal_the_cli_events(dyad_bin, seed_text):
    cli = records(run_cli(dyad_bin, ["code", str(SEED)]))
    table = dyad.code([seed_text])
    key = lambda rows: Counter((r["source"], r["target"], r["cameo"]) for r in rows)  # noqa: E731
    assert key(table.to_pylist()) == key(cli)
    assert len(cli) > 0


def test_code_files_writes_the_cli_json_byte_for_byte(dyad_bin):
    inputs = [str(SEED), str(EXAMPLES)]
    assert dyad._code_files_jsonl(inputs) == run_cli(dyad_bin, ["code", *inputs])


def test_code_on_texts_writes_the_cli_json_of_the_same_articles(dyad_bin, seed_text, tmp_path):
    texts = [seed_text, (EXAMPLES / "wire-story.txt").read_text(encoding="utf-8")]
    ids = ["seed", "wire"]
    feed = tmp_path / "texts.jsonl"
    feed.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in zip(ids, texts)), encoding="utf-8")
    assert dyad._code_jsonl(texts, ids=ids) == run_cli(dyad_bin, ["code", str(feed)])
    # Standard input: one text, as `dyad code -` reads it (provenance `-`; the record number is the wheel's).
    stdin = records(run_cli(dyad_bin, ["code", "-"], stdin=seed_text.encode()))
    ours = records(dyad._code_jsonl([seed_text]))
    for r in stdin + ours:
        r.pop("doc_id")
    assert ours == stdin


@pytest.mark.parametrize("inputs", [[SEED], [EXAMPLES]], ids=["seed", "examples"])
def test_every_field_of_every_event_is_in_the_table(dyad_bin, inputs):
    cli = records(run_cli(dyad_bin, ["code", *map(str, inputs)]))
    table = dyad.code_files(inputs)
    rows = table.drop_columns(["doc_index"]).to_pylist()
    assert len(rows) == len(cli) > 0
    for got, record in zip(rows, cli):
        assert got == row_of_record(record)


def test_doc_index_names_the_text_and_ids_name_the_document(seed_text):
    table = dyad.code(["", seed_text, None, seed_text], ids=[None, "a", None, "b"])
    per_index = Counter(table.column("doc_index").to_pylist())
    assert set(per_index) == {1, 3} and per_index[1] == per_index[3]
    assert set(zip(table.column("doc_index").to_pylist(), table.column("doc_id").to_pylist())) == {(1, "a"), (3, "b")}
    without_ids = dyad.code([seed_text, seed_text])
    assert len(set(without_ids.column("doc_id").to_pylist())) == 2, "each text is its own document"


def test_date_resolves_relative_dates_as_the_cli_date_option(dyad_bin):
    text = "Russia warned Iran on Tuesday."
    table = dyad.code([text], date="2018-05-31")
    assert table.column("date").to_pylist() == [datetime.date(2018, 5, 29)]
    assert table.column("date_how").to_pylist() == ["sentence"]
    cli = records(run_cli(dyad_bin, ["code", "--date", "2018-05-31", "-"], stdin=text.encode()))
    assert [r["date"] for r in cli] == ["2018-05-29"]
    per_text = dyad.code([text, text], dates=["2018-05-31", datetime.date(2020, 1, 2)])
    assert per_text.column("date").to_pylist() == [datetime.date(2018, 5, 29), datetime.date(2019, 12, 31)]


def test_html_pages_are_read_as_html():
    page = (EXAMPLES / "ministry-page.html").read_text(encoding="utf-8")
    assert dyad.code([page]).num_rows == dyad.code_files([EXAMPLES / "ministry-page.html"]).num_rows > 0


def test_bad_date_raises_with_the_cli_message():
    with pytest.raises(dyad.DyadError, match=r'"2018-5-31" is not a calendar date in the form YYYY-MM-DD'):
        dyad.code(["Russia warned Iran."], date="2018-5-31")
    with pytest.raises(ValueError):
        dyad.Coder(date="yesterday")


def test_a_missing_file_raises_an_os_error_naming_it(tmp_path):
    missing = tmp_path / "nowhere.txt"
    with pytest.raises(dyad.DyadIOError, match="nowhere.txt") as caught:
        dyad.code_files([missing])
    assert isinstance(caught.value, OSError)


def test_binary_input_raises_naming_the_file_and_warn_mode_goes_on(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary\x00" * 100)
    good = tmp_path / "good.txt"
    good.write_text("Russia warned Iran on Tuesday.\n", encoding="utf-8")
    with pytest.raises(dyad.DyadError, match=r"bad\.txt: binary data"):
        dyad.code_files([bad, good])
    with pytest.warns(dyad.DyadWarning, match=r"bad\.txt: binary data"):
        table = dyad.code_files([bad, good], errors="warn")
    assert table.column("source").to_pylist() == ["RUS"]


def test_bad_jsonl_record_names_file_and_line(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "Russia warned Iran."}\n{"text": 3}\n', encoding="utf-8")
    with pytest.raises(dyad.DyadError, match=r"feed\.jsonl: line 2"):
        dyad.code_files([feed])


def test_missing_dictionary_file_raises(tmp_path):
    with pytest.raises(dyad.DyadIOError, match="no-such-actors.txt"):
        dyad.Coder(actors=[tmp_path / "no-such-actors.txt"])
    with pytest.raises(dyad.DyadError, match="--no-builtin needs dictionary files"):
        dyad.Coder(no_builtin=True)


def test_texts_must_be_strings():
    with pytest.raises(dyad.DyadError, match="texts must be str"):
        dyad.code([b"bytes"])
    with pytest.raises(dyad.DyadError, match="ids has 1 items for 2 texts"):
        dyad.code(["a", "b"], ids=["x"])


def test_tables_go_to_pandas_and_parquet(seed_text, tmp_path):
    table = dyad.code([seed_text])
    frame = table.to_pandas()
    assert list(frame["source"]) == table.column("source").to_pylist()
    pq.write_table(table, tmp_path / "events.parquet")
    assert pq.read_table(tmp_path / "events.parquet").equals(table)


def test_no_events_is_an_empty_table_with_the_schema():
    table = dyad.code(["", "Nothing happened here."])
    assert table.num_rows == 0
    assert table.schema.equals(dyad.code([]).schema)


def test_extract_gives_the_cli_document_record(dyad_bin, seed_text):
    cli = json.loads(run_cli(dyad_bin, ["extract", "-"], stdin=seed_text.encode()))
    ours = dyad.extract(seed_text)
    assert isinstance(ours, dict)
    for key in ("text", "title", "body", "paragraphs", "sentences", "metadata"):
        assert ours[key] == cli[key], key
    many = dyad.extract([seed_text, ""])
    assert many[0]["text"] == ours["text"] and many[1] is None


def test_read_records_then_code_gives_the_events_of_code_files():
    inputs = [SEED, EXAMPLES]
    articles = dyad.read_records(inputs)
    assert set(articles.column_names) >= {"path", "record", "id", "title", "date", "url", "format", "text"}
    events = dyad.code(
        articles.column("text"),
        ids=articles.column("id"),
        titles=articles.column("title"),
        urls=articles.column("url"),
        dates=articles.column("date"),
    )
    direct = dyad.code_files(inputs)
    assert events.equals(direct)


def listing_page() -> str:
    """A news site's section page: linked headlines over short summaries, each a codable sentence, no article."""
    teasers = [
        "Russia attacked Ukrainian positions near Kharkiv",
        "Israel accused Iran of arming militias in Syria",
        "China criticised Japan over the disputed islands",
        "France and Germany signed an energy agreement",
        "Turkey threatened Greece over drilling rights",
        "Egypt hosted talks between Sudanese factions",
    ]
    items = "".join(
        f'<article><h2><a href="/world/story-{i}">{t}</a></h2><p>{t} on Monday, officials said, in a move that drew '
        f'swift criticism from neighbouring governments and from the United Nations.</p>'
        f'<a href="/world/story-{i}">Read more</a></article>'
        for i, t in enumerate(teasers * 4)
    )
    return f"<html><head><title>World news</title></head><body><main><h1>World</h1>{items}</main></body></html>"


def test_min_confidence_leaves_listing_pages_uncoded_as_the_cli_option():
    pages = [listing_page(), (EXAMPLES / "ministry-page.html").read_text(encoding="utf-8")]
    every = Counter(dyad.code(pages).column("doc_index").to_pylist())
    sure = Counter(dyad.code(pages, dictionaries=dyad.Coder(min_confidence=0.7)).column("doc_index").to_pylist())
    assert every[0] > 0, "without the option the teasers are coded"
    assert sure[0] == 0 and sure[1] == every[1] > 0
    with pytest.raises(dyad.DyadError, match="min_confidence"):
        dyad.Coder(min_confidence=1.5)
