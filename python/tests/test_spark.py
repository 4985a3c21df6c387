"""dyad.spark.code_column in Spark local mode: the same events as dyad.code and `dyad code`, written as Parquet.

Kept small (a few articles, one local[2] session): starting Spark dominates its time."""

from __future__ import annotations

import json
import os
import shutil
import sys

import pyarrow as pa
import pytest

import dyad
from conftest import EXAMPLES, SEED, require_or_skip, run_cli


@pytest.fixture(scope="module")
def spark():
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        require_or_skip("pyspark")
    if shutil.which("java") is None:
        require_or_skip("java (for Spark)")
    # The workers run this interpreter (where dyad is installed), not whatever `python3` is first on PATH.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("dyad-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="module")
def articles():
    return dyad.read_records([SEED, EXAMPLES])


def arrow_of(df):
    return df.toArrow() if hasattr(df, "toArrow") else pa.Table.from_pandas(df.toPandas(), preserve_index=False)


def test_code_column_gives_the_cli_events_and_writes_parquet(spark, articles, dyad_bin, tmp_path):
    import dyad.spark

    frame = dyad.spark.dataframe(spark, articles).repartition(2)
    events = dyad.spark.code_column(
        frame, "text", id_col="id", title_col="title", url_col="url", date_col="date", keep=["path", "record"]
    )
    assert events.columns[:2] == ["path", "record"]
    out = tmp_path / "events.parquet"
    events.write.parquet(str(out))
    rows = arrow_of(spark.read.parquet(str(out))).to_pylist()
    cli = [json.loads(line) for line in run_cli(dyad_bin, ["code", str(SEED), str(EXAMPLES)]).splitlines()]
    key = lambda r: (r["doc_id"], r["sentence"], r["source"], r["target"], r["cameo"], r["sentence_text"])  # noqa: E731
    assert sorted(map(key, rows)) == sorted(map(key, cli))
    assert len(rows) == len(cli) > 0


def test_code_column_equals_dyad_code_on_every_column(spark, articles):
    import dyad.spark

    frame = dyad.spark.dataframe(spark, articles.select(["id", "text"])).coalesce(1)
    got = arrow_of(dyad.spark.code_column(frame, "text", id_col="id", keep=["id"]))
    want = dyad.Coder(threads=1).code_table(articles, "text", id_col="id", keep=["id"])
    assert got.column_names == want.column_names
    assert got.to_pylist() == want.to_pylist()


def test_a_missing_column_is_named(spark):
    import dyad.spark

    frame = spark.createDataFrame([("x",)], ["body"])
    with pytest.raises(dyad.DyadError, match="no column 'text'"):
        dyad.spark.code_column(frame, "text")
