"""The Coder: dictionaries loaded once, threads (Python's and its own) giving the same result, pickling."""

from __future__ import annotations

import json
import pickle
from concurrent.futures import ThreadPoolExecutor

import pytest

import dyad
from conftest import EXAMPLES, run_cli


@pytest.fixture(scope="module")
def texts(seed_text):
    wire = (EXAMPLES / "wire-story.txt").read_text(encoding="utf-8")
    page = (EXAMPLES / "ministry-page.html").read_text(encoding="utf-8")
    return [seed_text, wire, page, "Russia warned Iran on Tuesday. It also accused Israel of spying."] * 8


def test_python_threads_give_the_same_table(texts):
    coder = dyad.Coder()
    expected = coder.code(texts)
    with ThreadPoolExecutor(max_workers=4) as pool:
        tables = list(pool.map(lambda _: coder.code(texts), range(8)))
    assert all(t.equals(expected) for t in tables)


def test_the_thread_count_does_not_change_the_table(texts):
    one = dyad.Coder(threads=1)
    two = dyad.Coder(threads=2)
    assert (one.threads, two.threads) == (1, 2)
    assert one.code(texts).equals(two.code(texts))
    assert one.fingerprint == two.fingerprint


def test_a_pickled_coder_codes_alike(texts):
    coder = dyad.Coder(date="2018-05-31", threads=1)
    again = pickle.loads(pickle.dumps(coder))
    assert again.options == coder.options and again.fingerprint == coder.fingerprint
    assert again.code(texts).equals(coder.code(texts))


def test_user_dictionaries_add_over_the_builtin_ones(tmp_path, dyad_bin):
    actors = tmp_path / "actors.txt"
    actors.write_text("JORDAN [XJO]\n", encoding="utf-8")
    text = "Jordan criticized Israel on Monday."
    coder = dyad.Coder(actors=[actors])
    assert coder.code([text]).column("source").to_pylist() == ["XJO"]
    assert dyad.code([text]).column("source").to_pylist() == ["JOR"]
    assert dyad.code([text], dictionaries={"actors": [actors]}).column("source").to_pylist() == ["XJO"]
    cli = run_cli(dyad_bin, ["code", "--actors", str(actors), "-"], stdin=text.encode())
    ours = [json.loads(line) for line in coder.code_jsonl([text]).splitlines()]
    theirs = [json.loads(line) for line in cli.splitlines()]
    for r in ours + theirs:
        r.pop("doc_id")  # provenance `-` with record 0 here, `-` alone there
    assert ours == theirs and len(ours) == 1


def test_a_pickle_refuses_dictionaries_that_changed(tmp_path):
    actors = tmp_path / "actors.txt"
    actors.write_text("JORDAN [XJO]\n", encoding="utf-8")
    pickled = pickle.dumps(dyad.Coder(actors=[actors]))
    actors.write_text("JORDAN [XJX]\n", encoding="utf-8")
    with pytest.raises(dyad.DyadError, match="dictionaries changed"):
        pickle.loads(pickled)


def test_bad_dictionary_lines_are_warnings_with_file_and_line(tmp_path):
    actors = tmp_path / "actors.txt"
    actors.write_text("JORDAN [XJO\nSYRIA [SYR]\n", encoding="utf-8")
    with pytest.warns(dyad.DyadWarning, match=r"actors\.txt:1"):
        coder = dyad.Coder(actors=[actors])
    assert any("actors.txt:1" in w for w in coder.warnings)


def test_a_coder_with_a_date_argument_is_refused():
    with pytest.raises(dyad.DyadError, match="date="):
        dyad.code(["x"], dictionaries=dyad.Coder(), date="2020-01-01")


def test_coding_releases_the_gil(texts):
    """While a batch is coded on another thread, this thread keeps running Python."""
    import threading

    coder = dyad.Coder(threads=1)
    batch = texts * 8
    done = threading.Event()
    ticks = 0

    def work() -> None:
        coder.code(batch)
        done.set()

    worker = threading.Thread(target=work)
    worker.start()
    while not done.is_set():
        ticks += 1
    worker.join()
    assert ticks > 10_000, f"only {ticks} loop turns while coding: the GIL was held"
