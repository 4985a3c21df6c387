"""dyad.ray.code_dataset on a local Ray (2 CPUs): the same events as dyad.code, written as Parquet."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

import dyad
from conftest import EXAMPLES, SEED, require_or_skip


@pytest.fixture(scope="module")
def ray_data():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        require_or_skip("ray[data]")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    yield ray
    ray.shutdown()


def test_code_dataset_gives_the_events_of_dyad_code_and_writes_parquet(ray_data, tmp_path):
    import dyad.ray

    articles = dyad.read_records([SEED, EXAMPLES])
    ds = ray_data.data.from_arrow(articles)
    events = dyad.ray.code_dataset(ds, "text", id_col="id", title_col="title", date_col="date", keep=["path", "record"],
                                   batch_size=2)
    out = tmp_path / "events"
    events.write_parquet(str(out))
    got = pq.read_table(str(out))
    want = dyad.Coder(threads=1).code_table(
        articles, "text", id_col="id", title_col="title", date_col="date", keep=["path", "record"]
    )
    assert got.column_names == want.column_names
    order = lambda t: sorted(t.to_pylist(), key=lambda r: (r["path"], r["record"] or 0, r["sentence"], r["verb_start"] or 0))  # noqa: E731
    assert order(got) == order(want)
    assert got.num_rows == dyad.code_files([SEED, EXAMPLES]).num_rows > 0
