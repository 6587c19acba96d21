"""Build time and size of the example site, as ratios (no pass or fail: these machines are shared and noisy).

Usage: .venv/bin/python scripts/bench.py [--runs N]

Prints, for the example company:
- build time of the two-language site against a French-only site (what the second language costs),
- build time per page,
- the size of site/ against the Markdown in docs/, and what takes the most room,
- the size of the search index per language against the text it indexes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def build(site_dir: Path, company_file: Path | None = None) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("COMPANY_FILE", None)
    if company_file:
        env["COMPANY_FILE"] = str(company_file)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site_dir)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def size(path: Path, pattern: str = "*") -> int:
    return sum(p.stat().st_size for p in path.rglob(pattern) if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="builds of each kind (the median is kept)")
    runs = parser.parse_args().runs

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        french_only = work / "fr" / "company.yml"
        french_only.parent.mkdir()
        data = yaml.safe_load((ROOT / "company.yml").read_text(encoding="utf-8"))
        data["languages"] = ["fr"]
        french_only.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        shutil.copy(ROOT / "logo.svg", french_only.parent / "logo.svg")

        both = statistics.median(build(work / f"both-{i}") for i in range(runs))
        one = statistics.median(build(work / f"fr-{i}", french_only) for i in range(runs))
        site = work / "both-0"
        pages = len([p for p in site.rglob("*.html") if p.name != "404.html"])
        docs = size(ROOT / "docs", "*.md")
        total = size(site)

        print(f"builds: {runs} of each, median")
        print(f"two languages / French only, build time: {both / one:.2f}  ({both:.2f} s / {one:.2f} s)")
        print(f"build time per page: {both / pages * 1000:.0f} ms  ({pages} pages)")
        print(f"site / Markdown sources, size: {total / docs:.1f}  ({total / 1e6:.2f} MB / {docs / 1e3:.0f} kB)")
        for part in ("assets/javascripts", "assets/stylesheets", "search"):
            print(f"  share of the site in {part}/: {size(site / part) / total:.2f}")
        print(f"  share of the site in pages (*.html): {size(site, '*.html') / total:.2f}")
        for lang, folder in (("fr", site), ("en", site / "en")):
            index = (folder / "search" / "search_index.json").stat().st_size
            pages_html = size(folder, "*.html") if lang == "en" else size(site, "*.html") - size(site / "en", "*.html")
            print(f"search index / pages, {lang}: {index / pages_html:.2f}")


if __name__ == "__main__":
    main()
