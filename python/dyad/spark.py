"""dyad on Apache Spark: code a DataFrame column of article texts on the executors.

``code_column`` maps each partition's Arrow batches through a :class:`dyad.Coder` with ``mapInArrow`` (pyspark
3.3 or later): the coder is pickled as its options, rebuilt once per Python worker, and codes each batch in Rust
with the same path as ``dyad code``. The result is a DataFrame of events with the columns of :func:`dyad.code`
(``doc_index`` left out) after the ``keep`` columns::

    from pyspark.sql import SparkSession
    import dyad.spark

    spark = SparkSession.builder.master("local[2]").getOrCreate()
    articles = spark.read.json("articles.jsonl")                 # columns id, text, ...
    events = dyad.spark.code_column(articles, "text", id_col="id", keep=["id"])
    events.write.parquet("events.parquet")

Needs the ``spark`` extra (``pip install dyad[spark]``) and Java for Spark itself. The executors' Python must
have dyad installed: in local mode set ``PYSPARK_PYTHON`` to ``sys.executable`` before the session starts when
dyad lives in a virtualenv that is not first on PATH.
"""

from __future__ import annotations

from typing import Any, Iterator, Optional, Sequence

import pyarrow as pa

import dyad

__all__ = ["code_column", "dataframe", "events_schema"]


def dataframe(spark: Any, table: pa.Table) -> Any:
    """A Spark DataFrame of an Arrow table (e.g. :func:`dyad.read_records`): directly on pyspark 4, through pandas
    before it."""
    import pyspark

    if int(pyspark.__version__.split(".")[0]) >= 4:
        return spark.createDataFrame(table)
    return spark.createDataFrame(table.to_pandas())


def events_schema(df: Any, keep: Sequence[str] = ()) -> Any:
    """The Spark schema of :func:`code_column`'s result: the ``keep`` columns of ``df``, then the event columns."""
    from pyspark.sql.pandas.types import from_arrow_schema
    from pyspark.sql.types import StructType

    arrow = _events_arrow_schema()
    fields = [df.schema[name] for name in keep]
    return StructType(fields + list(from_arrow_schema(arrow).fields))


def _events_arrow_schema() -> pa.Schema:
    schema = dyad.code([]).schema
    return schema.remove(schema.get_field_index("doc_index")).remove_metadata()


def code_column(
    df: Any,
    text_col: str = "text",
    *,
    id_col: Optional[str] = None,
    title_col: Optional[str] = None,
    url_col: Optional[str] = None,
    date_col: Optional[str] = None,
    keep: Sequence[str] = (),
    coder: Optional[dyad.Coder] = None,
    **coder_options: Any,
) -> Any:
    """Codes ``df[text_col]`` on the executors and returns a DataFrame of events (one row per event).

    ``id_col``, ``title_col``, ``url_col`` and ``date_col`` name columns giving each article's id, headline,
    URL and publication date (as a JSONL file's fields would); ``keep`` columns are repeated on each event of
    their article. ``coder`` is the :class:`dyad.Coder` to use; otherwise one is made from ``coder_options``
    (the Coder's keyword arguments) with one thread per task, as Spark runs a task per core.
    """
    if coder is None:
        coder_options.setdefault("threads", 1)
        coder = dyad.Coder(**coder_options)
    elif coder_options:
        raise dyad.DyadError("give either a coder or coder options, not both")
    names = [text_col] + [c for c in (id_col, title_col, url_col, date_col) if c is not None] + list(keep)
    missing = [c for c in names if c not in df.columns]
    if missing:
        raise dyad.DyadError(f"no column {missing[0]!r} in the DataFrame (columns: {', '.join(df.columns)})")
    schema = events_schema(df, keep)
    keep = list(keep)

    def code_batches(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            events = coder.code_table(
                batch,
                text_col,
                id_col=id_col,
                title_col=title_col,
                url_col=url_col,
                date_col=date_col,
                keep=keep,
            )
            yield from events.to_batches()

    return df.select(*dict.fromkeys(names)).mapInArrow(code_batches, schema)
