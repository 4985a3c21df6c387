"""Code a folder of articles with Ray Data and write the events as Parquet.

    python python/examples/ray_job.py INPUT... --out events/ [--cpus 2]

INPUT is anything `dyad code` reads. The articles become a Dataset (dyad.read_records), Ray's workers code them in
batches (dyad.ray.code_dataset, map_batches with pyarrow batches), and Ray writes Parquet files into --out.
"""

from __future__ import annotations

import argparse

import ray

import dyad
import dyad.ray


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--out", required=True)
    parser.add_argument("--cpus", type=int, default=2)
    parser.add_argument("--date", help="publication date (YYYY-MM-DD) of articles that give none")
    args = parser.parse_args()

    ray.init(num_cpus=args.cpus)
    articles = ray.data.from_arrow(dyad.read_records(args.inputs, errors="warn"))
    events = dyad.ray.code_dataset(
        articles,
        "text",
        id_col="id",
        title_col="title",
        url_col="url",
        date_col="date",
        keep=["path", "record"],
        date=args.date,
    )
    events.write_parquet(args.out)
    print(f"{ray.data.read_parquet(args.out).count()} events in {args.out}")
    ray.shutdown()


if __name__ == "__main__":
    main()
