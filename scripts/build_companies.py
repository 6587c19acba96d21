"""Build one site per company, in parallel: every companies/<name>/company.yml into build/<name>/ and build/<name>.zip.

Usage: .venv/bin/python scripts/build_companies.py [--companies companies] [--output build] [--jobs N] [--only NAME]
                                                    [--timeout SECONDS]
       python3 scripts/build_companies.py --list      (the companies as JSON, for a CI matrix; needs no packages)

One worker process per core. Each worker builds its companies one after another, in-process (MkDocs'
own `build` with `load_config`, as `mkdocs build` does), and keeps one Chromium open for all the PDFs
it prints. A broken company does not stop the others: the summary at the end lists every company with
its pages, PDFs, seconds and result, and the exit code is 1 when any failed, with the file and its
first problem. A company that failed has no site and no zip in the output folder (an older one is
removed, so that nothing stale looks current): build/<name>.FAILED.txt says why instead.

Every company is built alone: nothing one build computes is seen by the next (macros/build/state.py), and each
company's PDFs are printed in a browser context of its own. A build that takes longer than --timeout seconds
is stopped and reported failed; the others go on. A company folder is refused (and named in the summary)
when it is a link, when its name is not plain (a control character, a leading dot, a slash...) or when it
could be taken for another company's output (<name>.zip, .<name>.building, <name>.FAILED.txt). The output
folder is refused when it is, holds or lies inside what a build must not delete (the companies folder, a
company file, a policy archive, the kit's own folders): nothing is touched then.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import logging
import os
import re
import shutil
import signal
import sys
import threading
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


DEFAULT_TIMEOUT = 600  # seconds for one company's build; a site takes well under a minute, PDFs included
HARD_STOP_GRACE = 30  # seconds after the time limit before a build that ignores it has its worker process ended
MAX_NAME_CHARS = 80
NAME = re.compile(r"[^\W_][\w.\- ]*")  # a letter (any script) or digit, then letters, digits, . _ - and spaces
OUTPUT_ENDINGS = (".zip", ".building", ".FAILED.txt")  # what the output folder holds beside each company's site


def inert(text: str) -> str:
    """A name as printed: control and format characters written as \\x1b or \\u202e, so a terminal shows them and
    never acts on them (the same rule as macros/company/safety.py terminal_safe, without needing its packages)."""
    import unicodedata

    return "".join(
        (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")
        if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp")
        else c
        for c in text
    )


def name_problem(name: str) -> str | None:
    """Why a company folder's name is refused, or None: it names the site, the zip and the messages."""
    if len(name) > MAX_NAME_CHARS:
        return f"its name is longer than {MAX_NAME_CHARS} characters"
    if not NAME.fullmatch(name) or name != name.strip():
        return (
            "its name must start with a letter or digit and hold only letters, digits, '.', '_', '-' and spaces "
            "(no leading dot, slash or control character)"
        )
    ending = next((e for e in OUTPUT_ENDINGS if name.endswith(e)), None)
    if ending:
        return f"its name ends with {ending!r}, as the output folder names another company's files"
    return None


@dataclass
class Company:
    """One folder of the companies folder, as found: its name, its company file, and why it is refused."""

    name: str
    file: Path
    refused: str = ""


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


class BuildTimeout(Exception):
    """Raised in the worker when a company's build has taken longer than --timeout."""


def _on_alarm(signum, frame):
    raise BuildTimeout


def _close_browser() -> None:
    """Drop the worker's Chromium after a stopped build (it may be mid-print); the next PDF opens a new one."""
    global _browser_stack
    stack, _browser_stack = _browser_stack, None
    if stack is None:
        return
    signal.setitimer(signal.ITIMER_REAL, 15)  # closing a stuck browser must not hang the worker either
    try:
        stack.close()
    except BaseException:  # noqa: BLE001 - a stuck or dead browser: forget it
        pass
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _stopped(error: BaseException | None) -> bool:
    """Whether this failure is the time limit, however a plugin wrapped it."""
    seen = 0
    while error is not None and seen < 20:
        if isinstance(error, BuildTimeout):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def _stop_mark(output: Path, name: str) -> Path:
    return output / f".{name}.stopped"  # a dot name: no company folder can have it (name_problem)


def _hard_stop(output: Path, name: str) -> None:
    """The build ignored its time limit (stuck outside Python, or the signal was caught): end the worker process,
    leaving a mark that says which company it was; the main process reports it and builds the others again."""
    try:
        _stop_mark(output, name).write_text("stopped\n", encoding="utf-8")
    finally:
        os._exit(70)


def build_one(file: Path, output: Path, config_file: Path, timeout: float = DEFAULT_TIMEOUT) -> Result:
    """Build one company's site in this process; never raises: a failure is a Result. Stopped after `timeout`
    seconds (a signal in the worker's main thread, which interrupts a blocked read or wait too); a build that
    still runs HARD_STOP_GRACE seconds later has its worker process ended (see main)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from macros.build.pdf import pdf_wanted

    name = file.parent.name
    timed = timeout > 0 and threading.current_thread() is threading.main_thread()
    target, staging = output / name, output / f".{name}.building"
    shutil.rmtree(staging, ignore_errors=True)
    os.environ["COMPANY_FILE"] = str(file)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    handler = _FirstProblem()
    logging.getLogger("mkdocs").addHandler(handler)
    start = time.perf_counter()
    previous = signal.signal(signal.SIGALRM, _on_alarm) if timed else None
    watchdog = threading.Timer(timeout + HARD_STOP_GRACE, _hard_stop, (output, name)) if timed else None
    if watchdog is not None:
        watchdog.daemon = True
        watchdog.start()
    try:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            if pdf_wanted("build"):
                _open_browser_once()
            config = load_config(config_file=str(config_file), site_dir=str(staging), strict=True)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        finally:
            if timed:
                signal.setitimer(signal.ITIMER_REAL, 0)
        if handler.first is not None:  # strict: MkDocs raises on warnings, but be sure
            raise RuntimeError(handler.first)
    except BaseException as error:  # noqa: BLE001 - any failure of one company is reported, not raised
        if isinstance(error, KeyboardInterrupt):
            raise
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
        stopped = _stopped(error)
        if stopped:
            _close_browser()
        shutil.rmtree(staging, ignore_errors=True)
        _remove_stale(output, name)
        if stopped:
            problem = f"stopped after {timeout:g} s (--timeout): the build took too long"
        else:
            problem = _first_problem(error, handler.first)
        (output / f"{name}.FAILED.txt").write_text(f"{file}: {problem}\n", encoding="utf-8")
        return Result(name, file, False, time.perf_counter() - start, problem=problem)
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
        if watchdog is not None:
            watchdog.cancel()
        if timed:
            signal.signal(signal.SIGALRM, previous)
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


def _worker_ended(company: Company, output: Path, timeout: float, error: BaseException) -> Result | None:
    """The result of a company whose worker process ended under it: failed at its time limit when the worker
    left the mark, else None (the worker was ended for another company, or died)."""
    mark = _stop_mark(output, company.name)
    if not mark.is_file():
        return None
    mark.unlink()
    name = company.name
    for leftover in (output / f".{name}.building", *output.glob(f"..{name}.building.building-*")):
        shutil.rmtree(leftover, ignore_errors=True)
    _remove_stale(output, name)
    problem = f"stopped after {timeout:g} s (--timeout): the build did not stop, its process was ended"
    (output / f"{name}.FAILED.txt").write_text(f"{company.file}: {problem}\n", encoding="utf-8")
    return Result(name, company.file, False, timeout + HARD_STOP_GRACE, problem=problem)


def find_companies(folder: Path) -> list[Company]:
    """Every folder of `folder` that holds a company.yml, by name; links and unsafe names are refused, not
    followed (a link would build another folder's company under two names, into one output folder)."""
    folder = folder.resolve()
    found = []
    for entry in sorted(folder.iterdir()) if folder.is_dir() else []:
        file = entry / "company.yml"
        if not (file.is_file() or file.is_symlink()):
            continue
        problem = name_problem(entry.name)
        if problem is None and entry.is_symlink():
            problem = "it is a link to another folder: copy the company's folder here instead"
        found.append(Company(entry.name, file, problem or ""))
    for company in found:  # on a disk that ignores case, Acme's site and zip would be acme's
        twins = [c.name for c in found if c is not company and c.name.casefold() == company.name.casefold()]
        if twins and not company.refused:
            company.refused = f"its name differs from {twins[0]!r} only by case: their sites and zips would collide"
    return found


def summary(results: list[Result]) -> str:
    """The table: company and result left-aligned, numbers right-aligned."""
    rows = [("company", "pages", "PDFs", "seconds", "result")]
    rows += [
        (inert(r.name), str(r.pages), str(r.pdfs), f"{r.seconds:.1f}", "ok" if r.ok else "FAILED") for r in results
    ]
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
    parser.add_argument(
        "--only", action="append", metavar="NAME", help="build only this company (repeatable; in the order given)"
    )
    parser.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
        help=f"stop a company's build after this many seconds, report it failed (default {DEFAULT_TIMEOUT}; 0: none)",
    )
    parser.add_argument("--list", action="store_true", help="print the companies' folder names as JSON, build nothing")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    companies = find_companies(args.companies)
    if args.list:  # JSON escapes every control character: the names are printed inert
        refused = [c for c in companies if c.refused]
        for company in refused:
            print(f"Refused {json.dumps(company.name)}: {company.refused}.", file=sys.stderr)
        print(json.dumps([c.name for c in companies if not c.refused]))
        return 1 if refused else 0
    from macros.company.safety import kit_paths, output_folder_problem

    if args.only:
        by_name = {c.name: c for c in companies}
        unknown = [name for name in dict.fromkeys(args.only) if name not in by_name]
        if unknown:
            print(f"No {args.companies}/<name>/company.yml for: {', '.join(map(inert, unknown))}.", file=sys.stderr)
            return 1
        companies = [by_name[name] for name in dict.fromkeys(args.only)]  # in the order given
    if not companies:
        print(f"No {args.companies}/<name>/company.yml found.", file=sys.stderr)
        return 1
    output = args.output.resolve()
    keep = {"the companies folder": args.companies, **kit_paths(args.config.resolve().parent)}
    keep.update({f"the company folder {inert(c.name)}": c.file.parent for c in companies if not c.refused})
    problem = output_folder_problem(output, keep, "--output", {"the companies folder": args.companies})
    if problem:
        print(problem, file=sys.stderr)
        return 1
    output.mkdir(parents=True, exist_ok=True)
    results = [Result(c.name, c.file, False, 0.0, problem=f"not built: {c.refused}") for c in companies if c.refused]
    todo = [c for c in companies if not c.refused]
    jobs = max(1, min(args.jobs, len(todo) or 1))
    print(f"Building {len(todo)} companies with {jobs} worker(s) into {output}/ ...", flush=True)
    start = time.perf_counter()
    tries: dict[str, int] = {}
    while todo:  # once more for the companies whose worker was ended under them (each at most twice)
        again = []
        with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {pool.submit(build_one, c.file, output, args.config.resolve(), args.timeout): c for c in todo}
            for future in concurrent.futures.as_completed(futures):
                company = futures[future]
                try:
                    result = future.result()
                except Exception as error:  # a worker died (out of memory, killed, ended by the time limit)
                    result = _worker_ended(company, output, args.timeout, error)
                    if result is None and tries.get(company.name, 0) < 1:
                        tries[company.name] = tries.get(company.name, 0) + 1
                        again.append(company)  # another company's worker was ended: this one was not at fault
                        continue
                    result = result or Result(
                        company.name, company.file, False, 0.0, problem=f"the build process stopped: {error}"
                    )
                state = "ok" if result.ok else "FAILED"
                print(f"  {inert(result.name)}: {state} ({result.seconds:.1f} s)", flush=True)
                results.append(result)
        todo = again
    results.sort(key=lambda r: r.name)
    print()
    print(summary(results))
    failed = [r for r in results if not r.ok]
    print(f"\n{len(results) - len(failed)} built, {len(failed)} failed, in {time.perf_counter() - start:.1f} s.")
    if failed:
        print("\nNot built (fix the file and run `make companies` again):", file=sys.stderr)
        for r in failed:
            print(f"  {inert(r.name)}: {inert(r.problem)}", file=sys.stderr)
        return 1
    print(f"Sites in {output}/<name>/, one zip each: {output}/<name>.zip")
    return 0


if __name__ == "__main__":
    sys.exit(main())
