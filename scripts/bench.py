"""The benchmark behind `make bench`: one run, figures as ratios, no pass or fail (machines are shared and noisy).

Usage: .venv/bin/python scripts/bench.py [--runs N] [--companies N] [--lighthouse all|none|N] [--profile]
                                        [--no-write]

The table of figures is written into README.md between its bench-table markers (not with --no-write), with
the pages it measured, so that a test can tell when the README's figures are older than the site's pages.
--profile also prints where one build's time goes (cProfile, PDF off), by package and by function.

Prints, for the example company, each figure as a ratio with what it was measured from:
1. build time against a plain Material build of the same rendered pages: the Markdown the kit produces
   after macros, built by Material with only its search plugin (no macros, no i18n, no hooks);
2. the PDF step (a build with PDF less one without) against a build without PDF;
3. a saved edit shown by the preview (`mkdocs serve`) against a full build;
4. N companies built in parallel (scripts/build_companies.py, one worker per core) against one after another;
5. each page's weight (bytes over the wire, compressed, at first view, in Chromium) against the plain
   Material page with the same text;
6. Lighthouse scores per page (both languages, mobile defaults, served compressed as nginx would),
   where Chromium and Node are present (tools/: `scripts/install-node-tools.sh --dev`).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import http.server
import json
import os
import platform
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
LIGHTHOUSE = ROOT / "tools" / "node_modules" / ".bin" / "lighthouse"


def mkdocs_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "POLICY_PDF": "0", **extra}
    env.pop("COMPANY_FILE", None) if "COMPANY_FILE" not in extra else None
    return env


CPU_SECONDS: dict[Path, float] = {}  # site folder -> CPU seconds of the build that wrote it (and its children)
MACHINE_CPU: dict[Path, float] = {}  # site folder -> the whole machine's busy CPU seconds during that build


def machine_busy() -> float | None:
    """The machine's busy CPU seconds since boot, every process counted (Linux /proc/stat), or None elsewhere.
    Chromium's processes are not children that getrusage counts, so the PDF step's CPU shows only here;
    other work on the machine shows here too: read it with the load average."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle and iowait
    return (sum(fields) - idle) / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def measured() -> Iterator[dict[str, float | None]]:
    """What the block cost: "seconds" on the clock, "cpu" seconds of the child processes it waited for, and
    "machine" busy CPU seconds of every process (None where /proc/stat is missing)."""
    result: dict[str, float | None] = {}
    before, busy, start = resource.getrusage(resource.RUSAGE_CHILDREN), machine_busy(), time.perf_counter()
    yield result
    result["seconds"] = time.perf_counter() - start
    after, busy_after = resource.getrusage(resource.RUSAGE_CHILDREN), machine_busy()
    result["cpu"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    result["machine"] = busy_after - busy if busy is not None and busy_after is not None else None


def timed_build(site_dir: Path, config: Path = ROOT / "mkdocs.yml", **env: str) -> float:
    """Wall-clock seconds of one `mkdocs build` in a subprocess; its CPU seconds go to CPU_SECONDS, the whole
    machine's to MACHINE_CPU."""
    with measured() as cost:
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site_dir)],
            cwd=config.parent,
            env=mkdocs_env(**env),
            check=True,
            capture_output=True,
        )
    CPU_SECONDS[site_dir] = cost["cpu"]
    if cost["machine"] is not None:
        MACHINE_CPU[site_dir] = cost["machine"]
    return cost["seconds"]


# --- Where the time goes: one build under cProfile ---------------------------------------------------------


def profile_build(work: Path, top: int = 25) -> None:
    """Print one build's profile (in a subprocess, PDF off): time by package, then the kit's costliest calls."""
    import pstats

    stats_file = work / "build.prof"
    subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(stats_file), "-m", "mkdocs", "build", "-q"]
        + ["-f", str(ROOT / "mkdocs.yml"), "-d", str(work / "profiled")],
        cwd=ROOT,
        env=mkdocs_env(),
        check=True,
        capture_output=True,
    )
    stats = pstats.Stats(str(stats_file))
    total = max(stats.total_tt, 1e-9)
    by_package: dict[str, float] = {}
    for (filename, _, _), (_, _, own, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        by_package[package_of(filename)] = by_package.get(package_of(filename), 0.0) + own
    print(f"\nprofile of one build (cProfile, PDF off, {total:.2f} s profiled; own time by package):")
    for name, seconds in sorted(by_package.items(), key=lambda item: -item[1])[:15]:
        print(f"     {name:40} {seconds:6.2f} s  {seconds / total:5.1%}")
    print("   the kit's own calls, by cumulative time:")
    rows = [
        (cumulative, calls, f"{Path(filename).relative_to(ROOT)}:{line}({name})")
        for (filename, line, name), (_, calls, _, cumulative, _) in stats.stats.items()  # type: ignore[attr-defined]
        if filename.startswith(str(ROOT / "macros"))
    ]
    for cumulative, calls, where in sorted(rows, reverse=True)[:top]:
        print(f"     {cumulative:6.2f} s {calls:6} calls  {where}")


def package_of(filename: str) -> str:
    """The package a profiled function belongs to: site-packages/<name>, macros/<room>, or the standard library."""
    parts = Path(filename).parts
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].split(".")[0]
    if filename.startswith(str(ROOT)):
        inside = Path(filename).relative_to(ROOT).parts
        return "/".join(inside[:2]) if inside[0] == "macros" and len(inside) > 2 else inside[0]
    if filename.startswith(("<", "~")):
        return "(built-in)"
    return "(standard library)"


# --- The README's table: written by the run it shows -------------------------------------------------------

README = ROOT / "README.md"
TABLE_START = "<!-- bench-table:start (written by make bench: scripts/bench.py) -->"
TABLE_END = "<!-- bench-table:end -->"
PAGES_NOTE = re.compile(r"<!-- bench-pages: (\d+): ([^>]*) -->")


def write_table(rows: list[tuple[str, str, str]], pages: list[str], header: str) -> None:
    """Replace the README's table between its markers with this run's figures and the pages it measured."""
    text = README.read_text(encoding="utf-8")
    if TABLE_START not in text or TABLE_END not in text:
        print(f"(README.md has no {TABLE_START!r} marker: the table was not written)")
        return
    lines = [TABLE_START, header, "", "| figure | this run | target |", "| --- | --- | --- |"]
    lines += [f"| {figure} | {result} | {target} |" for figure, result, target in rows]
    lines += ["", f"<!-- bench-pages: {len(pages)}: {' '.join(pages)} -->", TABLE_END]
    before, rest = text.split(TABLE_START, 1)
    after = rest.split(TABLE_END, 1)[1]
    README.write_text(before + "\n".join(lines) + after, encoding="utf-8")
    print(f"(the table above is now in README.md, {len(pages)} pages)")


def readme_pages() -> tuple[int, list[str]] | None:
    """The page count and pages the README's table was measured on (None when it names none)."""
    found = PAGES_NOTE.search(README.read_text(encoding="utf-8"))
    return None if found is None else (int(found[1]), found[2].split())


# --- The plain Material site: the same rendered pages, without macros, i18n or hooks ---------------------


def dump_rendered_markdown(out: Path) -> None:
    """Build the example in this process and keep each page's Markdown as macros left it (fr at /, en in en/)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.plugins import BasePlugin, event_priority

    class Dump(BasePlugin):
        @event_priority(-1000)  # after mkdocs-macros
        def on_page_markdown(self, markdown: str, page: Any, **kwargs: Any) -> str:
            target = out / page.file.dest_uri.replace(".html", ".md")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(markdown, encoding="utf-8")
            return markdown

    saved = dict(os.environ)
    os.environ.update(mkdocs_env())
    os.environ.pop("COMPANY_FILE", None)
    try:
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(out.parent / "dump-site"))
        config.plugins["bench-dump"] = Dump()
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
    finally:
        os.environ.clear()
        os.environ.update(saved)


def plain_project(folder: Path) -> Path:
    """A Material project of the rendered pages: same theme settings and Markdown extensions, search only."""
    from mkdocs.utils.yaml import yaml_load

    docs = folder / "docs"
    dump_rendered_markdown(docs)
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets", dirs_exist_ok=True)
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as handle:
        ours = yaml_load(handle)
    theme = {k: v for k, v in ours["theme"].items() if k not in ("custom_dir", "favicon")}
    for scheme in theme["palette"]:
        scheme.update(primary="indigo", accent="indigo")
    plain = {
        "site_name": ours["site_name"],
        "docs_dir": "docs",
        "use_directory_urls": False,
        "theme": theme,
        "extra_css": ["assets/stylesheets/policy.css"],
        "plugins": ["search"],
        "markdown_extensions": ours["markdown_extensions"],
    }
    config = folder / "mkdocs.yml"
    config.write_text(json.dumps(plain, ensure_ascii=False, indent=1), encoding="utf-8")  # JSON is YAML
    return config


# --- Serving a folder as nginx would: compressed, with cache headers --------------------------------------

TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/manifest+json")


class CompressedHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "application/javascript",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".webmanifest": "application/manifest+json",
        ".pdf": "application/pdf",
    }

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return None
        body = path.read_bytes()
        kind = self.guess_type(str(path))
        self.send_response(200)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        if kind.startswith(TEXT_TYPES) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, 6)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        hashed = re.search(r"\.[0-9a-f]{8}\.min\.(js|css)$", path.name)
        self.send_header("Cache-Control", "public, max-age=31536000, immutable" if hashed else "no-cache")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(folder: Path, port: int = 0) -> Iterator[str]:
    handler = lambda *a, **k: CompressedHandler(*a, directory=str(folder), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# --- The measures -----------------------------------------------------------------------------------------


def pages_of(site: Path) -> list[str]:
    """Every page of both languages, as paths relative to the site (fr at the root, en under en/)."""
    return sorted(
        p.relative_to(site).as_posix()
        for p in list(site.glob("*.html")) + list(site.glob("en/*.html"))
        if p.name != "404.html"
    )


def preview_edit_seconds(work: Path, edits: int = 3) -> list[float]:
    """Seconds from saving a page to the preview serving the change, in a copy of the project."""
    project = work / "preview"
    project.mkdir()
    for name in ("mkdocs.yml", "company.yml", "logo.svg"):
        shutil.copy(ROOT / name, project / name)
    for name in ("docs", "macros", "overrides"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    port = free_port()
    log = (work / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=mkdocs_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/en/conduct.html"
    page = project / "docs" / "conduct.en.md"
    original = page.read_text(encoding="utf-8")
    seconds = []
    try:
        wait_for(url, "<html", 120)
        time.sleep(1.0)
        for n in range(edits):
            marker = f"bench-marker-{n}-{time.time_ns()}"
            start = time.perf_counter()
            page.write_text(original + f"\n\n{marker}\n", encoding="utf-8")
            try:
                wait_for(url, marker, 60)
            except TimeoutError:
                tail = (work / "serve.log").read_text(encoding="utf-8", errors="replace")[-2000:]
                print(f"   (the preview did not show edit {n + 1} within 60 s; its log ends with:)\n{tail}")
                continue
            seconds.append(time.perf_counter() - start)
            time.sleep(1.0)
    finally:
        server.terminate()
        server.wait(30)
        log.close()
    return seconds or [float("nan")]


def wait_for(url: str, text: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8", "replace"):
                    return
        except OSError:
            pass
        time.sleep(0.02)
    raise TimeoutError(f"{url} did not show {text!r} in {timeout} s")


def companies_seconds(work: Path, count: int, jobs: int, pdf: bool) -> tuple[float, float, float, float | None]:
    """Wall-clock seconds, CPU seconds (the build's processes and their children), the load average before, and
    the cores the whole machine kept busy on average (Chromium counted; None where /proc/stat is missing)."""
    folder = work / f"companies-{jobs}"
    for n in range(count):
        (folder / f"company-{n}").mkdir(parents=True)
        shutil.copy(ROOT / "company.yml", folder / f"company-{n}" / "company.yml")
        shutil.copy(ROOT / "logo.svg", folder / f"company-{n}" / "logo.svg")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "POLICY_PDF": "1" if pdf else "0"}
    env.pop("COMPANY_FILE", None)
    load = os.getloadavg()[0]
    with measured() as cost:
        subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "build_companies.py"), "--companies", str(folder)]
            + ["--output", str(work / f"out-{jobs}"), "--jobs", str(jobs)],
            env=env,
            check=True,
            capture_output=True,
        )
    seconds, machine = cost["seconds"], cost["machine"]
    cores = machine / seconds if machine is not None else None
    if cores is not None:
        print(f"     {count} companies, {jobs} worker(s): {seconds:.1f} s, the machine's busy CPU {machine:.1f} s"
              f" ({cores:.2f} cores busy on average, Chromium counted)")
    return seconds, cost["cpu"], load, cores


def page_weights(site: Path, pages: list[str]) -> dict[str, int]:
    """Bytes over the wire (compressed) for each page's first view in Chromium, until the network is idle."""
    from playwright.sync_api import sync_playwright

    from macros.build.pdf import CHROMIUM_FLAGS

    weights = {}
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for name in pages:
            context = browser.new_context()
            tab = context.new_page()
            responses: list[Any] = []
            tab.on("requestfinished", lambda request: responses.append(request))
            tab.goto(base + name, wait_until="networkidle")
            tab.wait_for_timeout(300)
            weights[name] = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in responses)
            context.close()
        browser.close()
    return weights


def lighthouse(site_dir: Path, port: int, pages: list[str], work: Path) -> dict[str, dict[str, float]]:
    scores = {}
    with serve(site_dir, port) as base:
        for name in pages:
            report = work / "lighthouse.json"
            subprocess.run(
                [str(LIGHTHOUSE), base + name, "--quiet", "--output=json", f"--output-path={report}"]
                + ["--only-categories=performance,accessibility,best-practices,seo"]
                + ["--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"],
                env={**os.environ, "CHROME_PATH": CHROMIUM},
                check=False,
                capture_output=True,
                timeout=300,
            )
            if not report.is_file():
                scores[name] = {}
                continue
            data = json.loads(report.read_text(encoding="utf-8"))
            scores[name] = {key: (c["score"] or 0.0) for key, c in data["categories"].items()}
            audits = data["audits"]
            scores[name]["LCP s"] = audits["largest-contentful-paint"]["numericValue"] / 1000
            scores[name]["TBT ms"] = audits["total-blocking-time"]["numericValue"]
            report.unlink()
    return scores


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, load average {load:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="builds of each kind (the median is kept)")
    parser.add_argument("--companies", type=int, default=4, help="companies for the parallel build")
    parser.add_argument("--lighthouse", default="all", help="all, none, or how many pages to score")
    parser.add_argument("--profile", action="store_true", help="also print where one build's time goes (cProfile)")
    parser.add_argument("--no-write", action="store_true", help="do not write the table into README.md")
    args = parser.parse_args()
    rows: list[tuple[str, str, str]] = []
    has_chromium = Path(CHROMIUM).is_file()
    started = f"Run of {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {machine()} at its start"
    print(f"machine: {machine()}")
    print(f"builds: {args.runs} of each, median; the first build warms the template cache (.cache/jinja)\n")

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        plain_config = plain_project(work / "plain")
        timed_build(work / "warm")  # the template cache, as after any earlier build
        ours = statistics.median(timed_build(work / f"ours-{i}") for i in range(args.runs))
        plain = statistics.median(timed_build(work / f"plain-{i}", plain_config) for i in range(args.runs))
        site, plain_site = work / "ours-0", work / "plain-0"
        pages = pages_of(site)
        cpu_ours, cpu_plain = CPU_SECONDS[work / "ours-0"], CPU_SECONDS[work / "plain-0"]
        print(f"1. build / plain Material, same rendered pages: {ours / plain:.2f}  ({ours:.2f} s / {plain:.2f} s,"
              f" {len(pages)} pages; target <= 1.15); CPU time {cpu_ours / cpu_plain:.2f}"
              f" ({cpu_ours:.2f} s / {cpu_plain:.2f} s)")
        rows.append((f"build / plain Material, same {len(pages)} rendered pages",
                     f"{ours / plain:.2f} ({ours:.2f} s / {plain:.2f} s); CPU time {cpu_ours / cpu_plain:.2f}"
                     f" ({cpu_ours:.2f} s / {cpu_plain:.2f} s)", "≤ 1.15"))

        if has_chromium:
            with_pdf = statistics.median(timed_build(work / f"pdf-{i}", POLICY_PDF="1") for i in range(args.runs))
            cpu_pdf = CPU_SECONDS[work / "pdf-0"] - cpu_ours  # Chromium's processes included
            print(f"2. PDF step / build without PDF: {(with_pdf - ours) / ours:.2f}"
                  f"  ({with_pdf - ours:.2f} s / {ours:.2f} s; the whole build with PDF {with_pdf:.2f} s);"
                  f" CPU time {cpu_pdf / cpu_ours:.2f} ({cpu_pdf:.2f} s / {cpu_ours:.2f} s)")
            machine_note = ""
            if work / "pdf-0" in MACHINE_CPU and work / "ours-0" in MACHINE_CPU:
                all_ours = MACHINE_CPU[work / "ours-0"]
                all_pdf = MACHINE_CPU[work / "pdf-0"] - all_ours
                figure = f"{all_pdf / all_ours:.2f} ({all_pdf:.2f} s / {all_ours:.2f} s)"
                machine_note = f"; the machine's CPU (Chromium counted) {figure}"
                print(f"     the whole machine's busy CPU, Chromium counted: {figure}")
            rows.append(("PDF step / build without PDF",
                         f"{(with_pdf - ours) / ours:.2f} ({with_pdf - ours:.2f} s / {ours:.2f} s); CPU time"
                         f" {cpu_pdf / cpu_ours:.2f} ({cpu_pdf:.2f} s / {cpu_ours:.2f} s){machine_note}", "≤ 0.60"))
        else:
            print(f"2. PDF step: not measured (no Chromium at {CHROMIUM})")

        edits = preview_edit_seconds(work)
        edit = statistics.median(edits)
        print(f"3. saved edit shown by the preview / full build: {edit / ours:.2f}  ({edit:.2f} s / {ours:.2f} s;"
              f" edits: {', '.join(f'{s:.2f}' for s in edits)} s)")
        rows.append(("saved edit shown by the preview / full build", f"{edit / ours:.2f} ({edit:.2f} s / {ours:.2f} s)",
                     "≤ 0.30"))

        jobs = os.cpu_count() or 1
        one_by_one, cpu_one, load_one, cores_one = companies_seconds(work, args.companies, 1, has_chromium)
        parallel, cpu_par, load_par, cores_par = companies_seconds(work, args.companies, jobs, has_chromium)
        busy_note = f"; cores busy {cores_one:.2f} / {cores_par:.2f}" if cores_one and cores_par else ""
        pdf_note = "with PDFs" if has_chromium else "no PDFs"
        print(f"4. {args.companies} companies, one after another / in parallel ({jobs} workers, {pdf_note}):"
              f" {one_by_one / parallel:.2f}  ({one_by_one:.1f} s / {parallel:.1f} s; target >= 1.7 on 2 cores)")
        print(f"     CPU time {cpu_one:.1f} s / {cpu_par:.1f} s;"
              f" load average before each: {load_one:.1f} / {load_par:.1f}"
              " (other processes on the machine leave the workers less than a core each)")
        rows.append((f"{args.companies} companies, one worker / {jobs} workers ({pdf_note})",
                     f"{one_by_one / parallel:.2f} ({one_by_one:.1f} s / {parallel:.1f} s; load {load_one:.1f} /"
                     f" {load_par:.1f}{busy_note})", "≥ 1.7"))

        if has_chromium:
            ours_w, plain_w = page_weights(site, pages), page_weights(plain_site, pages)
            ratios = {p: ours_w[p] / plain_w[p] for p in pages if plain_w.get(p)}
            print("5. page weight at first view (compressed, bytes over the wire) / plain Material, same text:"
                  f" median {statistics.median(ratios.values()):.2f}, from {min(ratios.values()):.2f}"
                  f" to {max(ratios.values()):.2f}")
            for p in pages:
                print(f"     {p:32} {ours_w[p] / 1024:7.1f} KB / {plain_w[p] / 1024:7.1f} KB = {ratios[p]:.2f}")
            rows.append(("page weight at first view / plain Material, same text",
                         f"median {statistics.median(ratios.values()):.2f} ({min(ratios.values()):.2f} to"
                         f" {max(ratios.values()):.2f})", "≤ 0.60"))
        else:
            print("5. page weight: not measured (no Chromium)")

        header = f"{started}, {os.getloadavg()[0]:.1f} at its end."
        if args.lighthouse == "none" or not has_chromium or not LIGHTHOUSE.is_file() or not shutil.which("node"):
            print("6. Lighthouse: not run (needs Chromium, Node and `scripts/install-node-tools.sh --dev`)")
            rows.append(("Lighthouse, every page, both languages", "not run in this run", "≥ 0.98"))
            finish(args, work, rows, pages, header)
            return
        port = free_port()
        scored_site = work / "lighthouse-site"
        timed_build(scored_site, SITE_URL=f"http://127.0.0.1:{port}/")
        chosen = pages if args.lighthouse == "all" else pages[: int(args.lighthouse)]
        scores = lighthouse(scored_site, port, chosen, work)
        keys = ("performance", "accessibility", "best-practices", "seo", "LCP s", "TBT ms")
        print("6. Lighthouse (mobile defaults, served compressed):")
        print(f"     {'page':32} " + " ".join(f"{k[:13]:>13}" for k in keys))
        for p, s in scores.items():
            print(f"     {p:32} " + " ".join(f"{s.get(k, float('nan')):13.2f}" for k in keys))
        summary = []
        for k in keys[:4]:
            values = [s[k] for s in scores.values() if k in s]
            if values:
                print(f"     {k}: min {min(values):.2f}, median {statistics.median(values):.2f}")
                summary.append(f"{k} {min(values):.2f} to {max(values):.2f}")
        rows.append((f"Lighthouse, {len(scores)} pages", "; ".join(summary) or "no scores", "performance ≥ 0.98"))
        finish(args, work, rows, pages, header)


def finish(args: argparse.Namespace, work: Path, rows: list[tuple[str, str, str]], pages: list[str], header: str) -> None:
    if args.profile:
        profile_build(work)
    if not args.no_write:
        write_table(rows, pages, header)


if __name__ == "__main__":
    main()
