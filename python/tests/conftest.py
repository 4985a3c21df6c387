"""Shared fixtures: the repository, the shared data, and the `dyad` binary to compare the wheel with."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import List

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("DYAD_SHARED", REPO.parent / "shared"))
SEED = SHARED / "examples" / "seed-article.txt"
EXAMPLES = REPO / "examples"


def require_or_skip(what: str) -> None:
    """Skips a test whose tool is missing, unless DYAD_REQUIRE_ALL=1 (CI) makes that a failure."""
    if os.environ.get("DYAD_REQUIRE_ALL") == "1":
        pytest.fail(f"{what} is missing and DYAD_REQUIRE_ALL=1")
    pytest.skip(f"{what} is missing")


@pytest.fixture(scope="session")
def dyad_bin() -> Path:
    """The CLI: $DYAD_BIN, else target/release/dyad, else target/debug/dyad."""
    candidates = [os.environ.get("DYAD_BIN")] if os.environ.get("DYAD_BIN") else []
    candidates += [str(REPO / "target" / "release" / "dyad"), str(REPO / "target" / "debug" / "dyad")]
    for c in candidates:
        if c and Path(c).is_file():
            return Path(c)
    require_or_skip("the dyad binary (DYAD_BIN or target/*/dyad)")
    raise AssertionError("unreachable")


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.is_file():
        require_or_skip(f"{SEED}")
    return SEED.read_text(encoding="utf-8")


def run_cli(dyad_bin: Path, args: List[str], stdin: bytes = b"") -> bytes:
    """Standard output of `dyad ARGS` (standard error is the CLI's summary and warnings)."""
    done = subprocess.run([str(dyad_bin), *args], input=stdin, capture_output=True, check=False)
    assert done.returncode in (0, 1), done.stderr.decode()
    return done.stdout


QUAD_CLASS = {"verbal_cooperation": 1, "material_cooperation": 2, "verbal_conflict": 3, "material_conflict": 4}

#: Every leaf of an event record as `dyad code` writes it, and the column holding it. A record field missing
#: here fails `row_of_record`, so a field added to the record shape cannot be left out of the table unnoticed.
RECORD_FIELDS = {
    "schema_version": None,  # in the table's schema metadata
    "doc_id": "doc_id",
    "sentence": "sentence",
    "date": "date",
    "date_how": "date_how",
    "date_precision": "date_precision",
    "date_span.start": "date_start",
    "date_span.end": "date_end",
    "source": "source",
    "target": "target",
    "cameo": "cameo",
    "root": "root",
    "base": "base",
    "quad_class": "quad_class",
    "goldstein": "goldstein",
    "plover.event_type": "plover_type",
    "plover.mode": "plover_mode",
    "location": None,  # null: the story names no place for the event
    "location.name": "place",
    "location.lat": "lat",
    "location.lon": "lon",
    "location.country": "country",
    "location.admin1": "admin1",
    "location.feature_class": "feature_class",
    "location.geonameid": "geonameid",
    "location.span.start": "place_start",
    "location.span.end": "place_end",
    "location.how": "location_how",
    "reported_by.actor": "reported_by",
    "reported_by.span.start": "reported_by_start",
    "reported_by.span.end": "reported_by_end",
    "reported_by.outlet": "reported_by_outlet",
    "claimed": "claimed",
    "evidence.source.start": "source_start",
    "evidence.source.end": "source_end",
    "evidence.verb.start": "verb_start",
    "evidence.verb.end": "verb_end",
    "evidence.target.start": "target_start",
    "evidence.target.end": "target_end",
    "evidence.verb_rule.text": "verb_rule",
    "evidence.verb_rule.file": "verb_rule_file",
    "evidence.verb_rule.line": "verb_rule_line",
    "evidence.source_rule.text": "source_rule",
    "evidence.source_rule.file": "source_rule_file",
    "evidence.source_rule.line": "source_rule_line",
    "evidence.target_rule.text": "target_rule",
    "evidence.target_rule.file": "target_rule_file",
    "evidence.target_rule.line": "target_rule_line",
    "url": "url",
    "sentence_text": "sentence_text",
    "sentence_text_truncated": "sentence_text_truncated",
    "sentence_start": "sentence_start",
}


def _leaves(value, prefix=""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, f"{prefix}{k}.")
    else:
        yield prefix[:-1], value


def row_of_record(record: dict) -> dict:
    """The table row a JSON event record should give: every column of the event, from the record's leaves."""
    import datetime

    row = {column: None for column in RECORD_FIELDS.values() if column}
    row["claimed"] = False
    row["sentence_text_truncated"] = False
    for path, value in _leaves(record):
        assert path in RECORD_FIELDS, f"record field {path!r} has no column"
        column = RECORD_FIELDS[path]
        if column is None:
            continue
        if column == "quad_class" and value is not None:
            value = QUAD_CLASS[value]
        if column == "date" and value is not None:
            value = datetime.date.fromisoformat(value)
        row[column] = value
    return row
