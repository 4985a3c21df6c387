"""Code a folder of articles on Spark and write the events as Parquet.

    python python/examples/spark_job.py INPUT... --out events.parquet [--master local[2]]

INPUT is anything `dyad code` reads (files or directories of text, HTML, JSONL, WARC, Reuters SGML, gzip). The
driver reads the articles into a DataFrame (dyad.read_records), the executors code them (dyad.spark.code_column,
mapInArrow), Spark writes Parquet. On a cluster, read the articles with Spark instead (spark.read.json, a table of
crawled pages) and keep the rest.
"""

from __future__ import annotations

import argparse
import os
import sys

from pyspark.sql import SparkSession

import dyad
import dyad.spark


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--out", required=True)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--date", help="publication date (YYYY-MM-DD) of articles that give none")
    args = parser.parse_args()

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers run this interpreter, where dyad is
    spark = SparkSession.builder.master(args.master).appName("dyad").getOrCreate()
    articles = dyad.read_records(args.inputs, errors="warn")
    frame = dyad.spark.dataframe(spark, articles)
    events = dyad.spark.code_column(
        frame,
        "text",
        id_col="id",
        title_col="title",
        url_col="url",
        date_col="date",
        keep=["path", "record"],
        date=args.date,
    )
    events.write.mode("overwrite").parquet(args.out)
    print(f"{spark.read.parquet(args.out).count()} events from {articles.num_rows} articles in {args.out}")
    spark.stop()


if __name__ == "__main__":
    main()
