"""The peer extractors on every extraction source; run by scripts/extraction-peers inside its venv, on one core.

Each page is decoded as dyad's bench decodes it (UTF-8, else Windows-1252 byte by byte) and handed to the extractor as
a str, so every extractor sees the same text. Only the extraction call is timed, in CPU time of the process
(`time.process_time`), which a busy machine disturbs less than wall-clock time.
"""
import argparse
import gc
import gzip
import json
import os
import sys
import time

DEV_SETS = ("scrapinghub", "trafilatura", "newspaper4k")
CP1252_GAPS = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def decode_page(data):
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return "".join(chr(b) if b in CP1252_GAPS else bytes([b]).decode("cp1252") for b in data)


def trafilatura_extractor():
    import trafilatura

    def run(html):
        return trafilatura.extract(html, include_comments=False, include_tables=True) or ""

    return trafilatura.__version__, "extract(include_comments=False, include_tables=True), txt", run


def resiliparse_extractor():
    from importlib.metadata import version

    from resiliparse.extract.html2text import extract_plain_text

    def run(html):
        return extract_plain_text(html, preserve_formatting=True, main_content=True)

    return version("resiliparse"), "extract_plain_text(preserve_formatting=True, main_content=True)", run


def readability_extractor():
    from importlib.metadata import version

    import lxml.html
    from readability import Document

    def run(html):
        summary = Document(html).summary(html_partial=True)
        # Paragraph-like elements end lines so words across blocks do not run together.
        tree = lxml.html.fromstring(summary)
        for el in tree.iter("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "pre", "blockquote"):
            el.tail = "\n" + (el.tail or "")
        return tree.text_content().strip()

    return version("readability-lxml"), "Document(html).summary(html_partial=True), text_content", run


EXTRACTORS = {"trafilatura": trafilatura_extractor, "resiliparse": resiliparse_extractor,
              "readability": readability_extractor}
# The package each extractor is, as the table names it.
PACKAGES = {"trafilatura": "trafilatura", "resiliparse": "resiliparse", "readability": "readability-lxml"}


def sources(cache, shared):
    """(name, folder) of every source, extraction-dev's first."""
    out = [(s, os.path.join(shared, "extraction-dev", s)) for s in DEV_SETS]
    for name in sorted(os.listdir(cache)):
        folder = os.path.join(cache, name)
        if os.path.isfile(os.path.join(folder, "source.json")):
            out.append((name, folder))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--extractors", default=",".join(EXTRACTORS))
    ap.add_argument("--sources", default="")
    a = ap.parse_args()
    wanted = {s for s in a.sources.split(",") if s}
    for ex_name in [e for e in a.extractors.split(",") if e]:
        if ex_name not in EXTRACTORS:
            sys.exit(f"extraction-peers: unknown extractor {ex_name}; known: {', '.join(EXTRACTORS)}")
        version, settings, run = EXTRACTORS[ex_name]()
        out_dir = os.path.join(a.cache, "peers", ex_name)
        os.makedirs(out_dir, exist_ok=True)
        for name, folder in sources(a.cache, a.shared):
            if wanted and name not in wanted:
                continue
            with open(os.path.join(folder, "ground-truth.json"), encoding="utf-8") as f:
                ids = sorted(json.load(f))
            pages, errors, seconds = {}, {}, 0.0
            for pid in ids:
                with gzip.open(os.path.join(folder, "html", pid + ".html.gz")) as f:
                    html = decode_page(f.read())
                gc.collect()
                start = time.process_time()
                try:
                    text = run(html)
                except Exception as e:  # a crash is an empty prediction, as upstream evaluations count it
                    text = ""
                    errors[pid] = f"{type(e).__name__}: {e}"[:300]
                seconds += time.process_time() - start
                pages[pid] = text
            result = {"extractor": PACKAGES[ex_name], "version": version, "settings": settings, "seconds": seconds,
                      "cpu": os.sched_getaffinity(0) and sorted(os.sched_getaffinity(0)), "pages": pages,
                      "errors": errors}
            tmp = os.path.join(out_dir, name + ".json.tmp")
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump(result, f, ensure_ascii=False)
            os.replace(tmp, os.path.join(out_dir, name + ".json"))
            print(f"{ex_name} {version} {name}: {len(ids)} pages in {seconds:.1f} s "
                  f"({len(ids) / max(seconds, 1e-9):.1f} pages/s), {len(errors)} errors", flush=True)


if __name__ == "__main__":
    main()
