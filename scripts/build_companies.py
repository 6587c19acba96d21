"""Build one site per company, in parallel: every companies/<name>/company.yml into build/<name>/ and build/<name>.zip.

Usage: .venv/bin/python scripts/build_companies.py [--companies companies] [--output build] [--jobs N] [--only NAME]
       python3 scripts/build_companies.py --list      (the companies as JSON, for a CI matrix; needs no packages)

One worker process per core. Each worker builds its companies one after another, in-process (MkDocs'
own `build` with `load_config`, as `mkdocs build` does), and keeps one Chromium open for all the PDFs
it prints. A broken company does not stop the others: the summary at the end lists every company with
its pages, PDFs, seconds and result, and the exit code is 1 when any failed, with the file and its
first problem. A company that failed has no site and no zip in the output folder (an older one is
removed, so that nothing stale looks current): build/<name>.FAILED.txt says why instead.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import logging
import os
import shutil
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `macros` imports as the package MkDocs' hooks use


@dataclass
class Result:
    """What one company's build gave."""

    name: str
    file: Path
    ok: bool
    seconds: float
    pages: int = 0
    pdfs: int = 0
    problem: str = ""


class _FirstProblem(logging.Handler):
    """Remembers the first warning or error MkDocs logs (in strict mode, a warning fails the build)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.first: str | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self.first is None:
            self.first = record.getMessage()


def _first_problem(error: BaseException, logged: str | None) -> str:
    cause: BaseException | None = error
    while cause is not None:  # macros.company.loader.CompanyFileError, maybe wrapped by MkDocs: every problem, with its line
        problems = getattr(cause, "problems", None)
        if problems:
            return problems[0].describe(str(cause.file))
        cause = cause.__cause__ or cause.__context__
    if logged:
        return logged.strip().splitlines()[0]
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]


_browser_stack = None  # one Chromium per worker process, opened at its first PDF and kept for the next ones


def _open_browser_once() -> None:
    global _browser_stack
    if _browser_stack is not None:
        return
    import contextlib

    from macros.build.pdf import shared_browser

    _browser_stack = contextlib.ExitStack()
    _browser_stack.enter_context(shared_browser())
    import atexit

    atexit.register(_browser_stack.close)


def build_one(file: Path, output: Path, config_file: Path) -> Result:
    """Build one company's site in this process; never raises: a failure is a Result."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from macros.build.pdf import pdf_wanted

    name = file.parent.name
    target, staging = output / name, output / f".{name}.building"
    shutil.rmtree(staging, ignore_errors=True)
    os.environ["COMPANY_FILE"] = str(file)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    handler = _FirstProblem()
    logging.getLogger("mkdocs").addHandler(handler)
    start = time.perf_counter()
    try:
        if pdf_wanted("build"):
            _open_browser_once()
        config = load_config(config_file=str(config_file), site_dir=str(staging), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        if handler.first is not None:  # strict: MkDocs raises on warnings, but be sure
            raise RuntimeError(handler.first)
    except BaseException as error:  # noqa: BLE001 - any failure of one company is reported, not raised
        if isinstance(error, KeyboardInterrupt):
            raise
        shutil.rmtree(staging, ignore_errors=True)
        _remove_stale(output, name)
        problem = _first_problem(error, handler.first)
        (output / f"{name}.FAILED.txt").write_text(f"{file}: {problem}\n", encoding="utf-8")
        return Result(name, file, False, time.perf_counter() - start, problem=problem)
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    _remove_stale(output, name)
    staging.rename(target)
    _zip(target, output / f"{name}.zip")
    pages = sum(1 for p in target.rglob("*.html") if p.name != "404.html")
    pdfs = sum(1 for _ in target.rglob("*.pdf"))
    return Result(name, file, True, time.perf_counter() - start, pages, pdfs)


def _remove_stale(output: Path, name: str) -> None:
    shutil.rmtree(output / name, ignore_errors=True)
    for stale in (output / f"{name}.zip", output / f"{name}.FAILED.txt"):
        stale.unlink(missing_ok=True)


def _zip(site: Path, archive: Path) -> None:
    """The site's files at the root of the zip (index.html first), ready to unpack on a server or a share."""
    files = sorted(p for p in site.rglob("*") if p.is_file())
    files.sort(key=lambda p: p.relative_to(site).as_posix() != "index.html")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zipped:
        for path in files:
            zipped.write(path, path.relative_to(site).as_posix())


def find_companies(folder: Path) -> list[Path]:
    return sorted(p.resolve() for p in folder.glob("*/company.yml"))


def summary(results: list[Result]) -> str:
    """The table: company and result left-aligned, numbers right-aligned."""
    rows = [("company", "pages", "PDFs", "seconds", "result")]
    rows += [(r.name, str(r.pages), str(r.pdfs), f"{r.seconds:.1f}", "ok" if r.ok else "FAILED") for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(5)]

    def line(row: tuple[str, ...]) -> str:
        cells = [cell.ljust(w) if i in (0, 4) else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))]
        return "  ".join(cells).rstrip()

    return "\n".join([line(rows[0]), "  ".join("-" * w for w in widths), *map(line, rows[1:])])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--companies", type=Path, default=ROOT / "companies", help="folder of <name>/company.yml")
    parser.add_argument("--output", type=Path, default=ROOT / "build", help="where the sites and zips go")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: cores)")
    parser.add_argument("--only", action="append", metavar="NAME", help="build only this company (repeatable)")
    parser.add_argument("--list", action="store_true", help="print the companies' folder names as JSON, build nothing")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    files = find_companies(args.companies)
    if args.list:
        print(json.dumps([f.parent.name for f in files]))
        return 0
    if args.only:
        unknown = set(args.only) - {f.parent.name for f in files}
        if unknown:
            print(f"No {args.companies}/<name>/company.yml for: {', '.join(sorted(unknown))}.", file=sys.stderr)
            return 1
        files = [f for f in files if f.parent.name in args.only]
    if not files:
        print(f"No {args.companies}/<name>/company.yml found.", file=sys.stderr)
        return 1
    output = args.output.resolve()
    output.mkdir(parents=True, exist_ok=True)
    jobs = max(1, min(args.jobs, len(files)))
    print(f"Building {len(files)} companies with {jobs} worker(s) into {output}/ ...", flush=True)
    start = time.perf_counter()
    results: list[Result] = []
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(build_one, f, output, args.config.resolve()): f for f in files}
        for future in concurrent.futures.as_completed(futures):
            file = futures[future]
            try:
                result = future.result()
            except Exception as error:  # a worker died (out of memory, killed): still report the company
                result = Result(file.parent.name, file, False, 0.0, problem=f"the build process stopped: {error}")
            print(f"  {result.name}: {'ok' if result.ok else 'FAILED'} ({result.seconds:.1f} s)", flush=True)
            results.append(result)
    results.sort(key=lambda r: r.name)
    print()
    print(summary(results))
    failed = [r for r in results if not r.ok]
    print(f"\n{len(results) - len(failed)} built, {len(failed)} failed, in {time.perf_counter() - start:.1f} s.")
    if failed:
        print("\nNot built (fix the file and run `make companies` again):", file=sys.stderr)
        for r in failed:
            print(f"  {r.name}: {r.problem}", file=sys.stderr)
        return 1
    print(f"Sites in {output}/<name>/, one zip each: {output}/<name>.zip")
    return 0


if __name__ == "__main__":
    sys.exit(main())
