"""dyad on Ray Data: code a Dataset column of article texts with ``map_batches``.

Each batch reaches a worker as a pyarrow Table and is coded by a :class:`dyad.Coder` (pickled as its options,
rebuilt once per worker process) with the same path as ``dyad code``; the result is a Dataset of events with the
columns of :func:`dyad.code` (``doc_index`` left out) after the ``keep`` columns::

    import ray, dyad.ray

    ray.init(num_cpus=2)
    articles = ray.data.read_json("articles.jsonl")              # columns id, text, ...
    events = dyad.ray.code_dataset(articles, "text", id_col="id", keep=["id"])
    events.write_parquet("events/")

Needs the ``ray`` extra (``pip install dyad[ray]``).
"""

from __future__ import annotations

from typing import Any, Optional, Sequence

import pyarrow as pa

import dyad

__all__ = ["code_dataset"]

#: Articles per batch: enough to keep a worker's coder busy, small enough to spread over the workers.
DEFAULT_BATCH_SIZE = 256


def code_dataset(
    ds: Any,
    text_col: str = "text",
    *,
    id_col: Optional[str] = None,
    title_col: Optional[str] = None,
    url_col: Optional[str] = None,
    date_col: Optional[str] = None,
    keep: Sequence[str] = (),
    coder: Optional[dyad.Coder] = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    map_batches_options: Optional[dict] = None,
    **coder_options: Any,
) -> Any:
    """Codes ``ds[text_col]`` with ``map_batches`` and returns a Dataset of events (one row per event).

    ``id_col``, ``title_col``, ``url_col`` and ``date_col`` name columns giving each article's id, headline,
    URL and publication date; ``keep`` columns are repeated on each event of their article. ``coder`` is the
    :class:`dyad.Coder` to use; otherwise one is made from ``coder_options`` with one thread per task, as Ray
    runs a task per CPU. ``map_batches_options`` go to ``Dataset.map_batches`` (``concurrency``, ``num_cpus``).
    """
    if coder is None:
        coder_options.setdefault("threads", 1)
        coder = dyad.Coder(**coder_options)
    elif coder_options:
        raise dyad.DyadError("give either a coder or coder options, not both")
    keep = list(keep)

    def code_batch(batch: pa.Table) -> pa.Table:
        return coder.code_table(
            batch,
            text_col,
            id_col=id_col,
            title_col=title_col,
            url_col=url_col,
            date_col=date_col,
            keep=keep,
        )

    return ds.map_batches(code_batch, batch_format="pyarrow", batch_size=batch_size, **(map_batches_options or {}))
