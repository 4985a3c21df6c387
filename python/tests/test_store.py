"""dyad.read_store: a store's events (raw and merged) as a Table, equal to `dyad export --format jsonl`."""

from __future__ import annotations

import json
import subprocess

import pyarrow.parquet as pq
import pytest

import dyad
from conftest import EXAMPLES, SEED, row_of_record, run_cli

STORE_FIELDS = ["event_id", "story", "num_mentions", "num_sources", "num_articles", "mentions"]


@pytest.fixture(scope="module")
def store(dyad_bin, tmp_path_factory):
    db = tmp_path_factory.mktemp("store") / "events.db"
    done = subprocess.run(
        [str(dyad_bin), "ingest", "--quiet", "--db", str(db), str(SEED), str(EXAMPLES)], capture_output=True
    )
    assert done.returncode == 0, done.stderr.decode()
    return db


def exported(dyad_bin, db, *args):
    out = run_cli(dyad_bin, ["export", "--db", str(db), "--format", "jsonl", *args])
    return [json.loads(line) for line in out.splitlines()]


@pytest.mark.parametrize("raw", [True, False], ids=["raw", "merged"])
def test_the_store_reads_as_dyad_export_writes(dyad_bin, store, raw):
    table = dyad.read_store(store, raw=raw)
    cli = exported(dyad_bin, store, *(["--raw"] if raw else []))
    assert table.num_rows == len(cli) > 0
    for row, record in zip(table.to_pylist(), cli):
        extra = {k: record.pop(k) for k in STORE_FIELDS if k in record}
        if "mentions" in extra:
            extra["mentions"] = json.loads(row["mentions"]) == extra["mentions"] and row["mentions"]
        for k, v in extra.items():
            assert row[k] == v, k
        assert row.pop("added")
        for k in STORE_FIELDS:
            row.pop(k, None)
        assert row == row_of_record(record)


def test_filters_narrow_as_the_cli_filters(dyad_bin, store):
    table = dyad.read_store(store, raw=True, actor="RUS", quad_class=3)
    cli = exported(dyad_bin, store, "--raw", "--actor", "RUS", "--quad", "3")
    assert table.column("event_id").to_pylist() == [r["event_id"] for r in cli]
    assert dyad.read_store(store, cameo="99").num_rows == 0


def test_a_store_goes_to_parquet(store, tmp_path):
    table = dyad.read_store(store)
    pq.write_table(table, tmp_path / "events.parquet")
    assert pq.read_table(tmp_path / "events.parquet").num_rows == table.num_rows


def test_store_errors_name_the_file(tmp_path, store):
    with pytest.raises(dyad.DyadIOError, match="nothing.db: no such store"):
        dyad.read_store(tmp_path / "nothing.db")
    not_a_store = tmp_path / "text.db"
    not_a_store.write_text("hello, not SQLite\n" * 200)
    with pytest.raises(dyad.DyadError, match="text.db: not a dyad store"):
        dyad.read_store(not_a_store)
    with pytest.raises(dyad.DyadError, match="not a calendar date"):
        dyad.read_store(store, since="May 3")
