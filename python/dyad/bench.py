"""Throughput of the wheel against the CLI on Reuters-21578, and of the Spark and Ray helpers, in one run.

    python -m dyad.bench [--data ../shared/data] [--threads 2] [--repeat 3] [--dyad target/release/dyad]
                         [--spark] [--ray]

Pairs measured on the same stories, with the same dictionaries and thread count, best of ``--repeat``:

- texts in memory → events: ``dyad bench coding`` (the CLI's own benchmark: cleaning, sentences, coding) against
  ``Coder.code(texts)`` (the same, plus the Arrow table);
- files → events: ``dyad code DIR > /dev/null`` (reading the SGML, coding, writing JSON) against
  ``Coder.code_files([DIR])`` (reading, coding, the Arrow table);
- ``--spark``: ``dyad.spark.code_column`` in ``local[N]`` on a cached DataFrame of the stories, to a no-op sink;
- ``--ray``: ``dyad.ray.code_dataset`` on a local Ray with N CPUs, materialized.

Figures are sentences per second; the overhead of an engine is the share of the wheel's throughput it loses.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, List, Optional, Tuple

import dyad


def best_of(repeat: int, run: Callable[[], object]) -> Tuple[float, object]:
    """The shortest wall time of ``repeat`` runs, and the last result."""
    best, result = float("inf"), None
    for _ in range(max(1, repeat)):
        started = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - started)
    return best, result


def find_dyad(given: Optional[str]) -> Optional[Path]:
    candidates = [given, os.environ.get("DYAD_BIN"), "target/release/dyad"]
    for c in candidates:
        if c and Path(c).is_file():
            return Path(c)
    return None


def cli_bench_coding(dyad_bin: Path, data: Path, threads: int, repeat: int) -> Optional[float]:
    """Sentences/s that `dyad bench coding` reports (its best of `repeat`)."""
    done = subprocess.run(
        [str(dyad_bin), "-j", str(threads), "bench", "--data", str(data), "coding", "--repeat", str(repeat)],
        capture_output=True,
        text=True,
    )
    found = re.search(r"best: (\d+) sentences/s", done.stdout)
    if not found:
        print(f"dyad bench coding failed: {done.stderr.strip()[-500:]}")
        return None
    return float(found.group(1))


def cli_code(dyad_bin: Path, reuters: Path, threads: int, repeat: int) -> float:
    """Best wall time of `dyad code DIR > /dev/null`."""

    def run() -> None:
        with open(os.devnull, "wb") as sink:
            # Exit status 1 (some record failed) still coded the rest; the run is timed all the same.
            subprocess.run(
                [str(dyad_bin), "-j", str(threads), "code", "--quiet", str(reuters)],
                stdout=sink,
                stderr=subprocess.DEVNULL,
                check=False,
            )

    seconds, _ = best_of(repeat, run)
    return seconds


def line(name: str, documents: int, sentences: int, seconds: float, reference: Optional[float] = None) -> str:
    rate = sentences / seconds if seconds > 0 else 0.0
    text = f"{name}: {documents} articles, {sentences} sentences in {seconds:.2f} s: {rate:,.0f} sentences/s"
    if reference:
        text += f" ({100 * rate / reference:.0f}% of {reference:,.0f})"
    return text


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dyad.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=os.environ.get("DYAD_SHARED_DATA", "../shared/data"))
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dyad", help="the dyad binary (default: $DYAD_BIN, else target/release/dyad)")
    parser.add_argument("--spark", action="store_true", help="also time dyad.spark.code_column in local[N]")
    parser.add_argument("--ray", action="store_true", help="also time dyad.ray.code_dataset on N CPUs")
    args = parser.parse_args(argv)

    data = Path(args.data)
    reuters = data / "reuters21578"
    if not reuters.is_dir():
        print(f"no Reuters-21578 at {reuters}; give --data")
        return 2
    dyad_bin = find_dyad(args.dyad)
    n = args.threads
    print(f"dyad {dyad.__version__} wheel, {n} threads, best of {args.repeat}; load average {os.getloadavg()}")

    started = time.perf_counter()
    coder = dyad.Coder(threads=n)
    print(f"dictionaries loaded in {time.perf_counter() - started:.2f} s")
    articles = dyad.read_records([reuters])
    texts = articles.column("text")
    hints = {c + "s": articles.column(c) for c in ("id", "title", "url", "date")}

    # Texts in memory → events, the CLI's benchmark and the wheel alternately, so both see the same load.
    texts_list, hint_lists = texts.to_pylist(), {k: v.to_pylist() for k, v in hints.items()}
    cli_rates: List[float] = []
    wheel_times: List[float] = []
    coded = None
    for _ in range(max(1, args.repeat)):
        if dyad_bin:
            rate = cli_bench_coding(dyad_bin, data, n, 1)
            if rate:
                cli_rates.append(rate)
        seconds, coded = best_of(1, lambda: coder.code_counted(texts_list, **hint_lists))
        wheel_times.append(seconds)
    assert coded is not None
    cli_rate = max(cli_rates) if cli_rates else None
    if cli_rate:
        print(f"cli   dyad bench coding: {cli_rate:,.0f} sentences/s (best of {len(cli_rates)})")
    seconds = min(wheel_times)
    wheel_rate = coded.sentences / seconds
    print(line("wheel Coder.code(texts)", coded.documents, coded.sentences, seconds, cli_rate))
    print(f"      {coded.table.num_rows} events, {coded.table.nbytes / 1e6:.1f} MB of Arrow columns")

    # Files → events, alternately too.
    cli_times: List[float] = []
    files_times: List[float] = []
    files = None
    for _ in range(max(1, args.repeat)):
        if dyad_bin:
            cli_times.append(cli_code(dyad_bin, reuters, n, 1))
        seconds, files = best_of(1, lambda: coder.code_files_counted([reuters]))
        files_times.append(seconds)
    assert files is not None
    cli_files_rate = None
    if cli_times:
        print(line("cli   dyad code DIR > /dev/null", files.documents, files.sentences, min(cli_times)))
        cli_files_rate = files.sentences / min(cli_times)
    print(line("wheel Coder.code_files([DIR])", files.documents, files.sentences, min(files_times), cli_files_rate))

    if args.spark:
        spark_bench(articles, coded.sentences, n, args.repeat, wheel_rate)
    if args.ray:
        ray_bench(articles, coded.sentences, n, args.repeat, wheel_rate)
    return 0


def spark_bench(articles, sentences: int, n: int, repeat: int, wheel_rate: float) -> None:
    from pyspark.sql import SparkSession

    import dyad.spark

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers run this interpreter, where dyad is
    started = time.perf_counter()
    spark = (
        SparkSession.builder.master(f"local[{n}]")
        .appName("dyad-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "4g")
        .getOrCreate()
    )
    print(f"spark local[{n}] session started in {time.perf_counter() - started:.1f} s")
    try:
        frame = dyad.spark.dataframe(spark, articles).repartition(4 * n).cache()
        frame.count()

        def run() -> None:
            events = dyad.spark.code_column(frame, "text", id_col="id", title_col="title", date_col="date")
            events.write.format("noop").mode("overwrite").save()

        seconds, _ = best_of(repeat, run)
        rate = sentences / seconds
        print(line(f"spark code_column local[{n}]", articles.num_rows, sentences, seconds, wheel_rate))
        print(f"      overhead against the wheel: {100 * (1 - rate / wheel_rate):.0f}% of its throughput")
    finally:
        spark.stop()


def ray_bench(articles, sentences: int, n: int, repeat: int, wheel_rate: float) -> None:
    import ray

    import dyad.ray

    started = time.perf_counter()
    ray.init(num_cpus=n, include_dashboard=False, log_to_driver=False, configure_logging=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    print(f"ray ({n} CPUs) started in {time.perf_counter() - started:.1f} s")
    try:
        ds = ray.data.from_arrow(articles).materialize()

        def run() -> None:
            dyad.ray.code_dataset(ds, "text", id_col="id", title_col="title", date_col="date").materialize()

        seconds, _ = best_of(repeat, run)
        rate = sentences / seconds
        print(line(f"ray   code_dataset {n} CPUs", articles.num_rows, sentences, seconds, wheel_rate))
        print(f"      overhead against the wheel: {100 * (1 - rate / wheel_rate):.0f}% of its throughput")
    finally:
        ray.shutdown()


if __name__ == "__main__":
    sys.exit(main())
