"""`make release`: record the policy as it stands, for the company's current policy.version.

Builds the site (without the PDF) into a temporary folder, reads every clause of the policy in every language
(macros/law/clauses.py, the same reading as the fingerprint and the page of changes), and writes
`policy-archive/<version>.json` beside the company file. Refuses, with nothing written, a version older than the
last recorded one, or a recorded version whose text has changed since. Adds the version to `policy.history` in
the company file when it is not there yet, changing only those lines.

Run it when a new version of the policy is ready, before announcing it: commit the archive file with the company
file. COMPANY_FILE chooses the company, as for `make build`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.law.clauses import (  # noqa: E402
    Clauses,
    Release,
    ReleaseRefused,
    archive_dir,
    check_release,
    compare,
    extract_clauses,
    load_archive,
    new_release,
    version_key,
)
from macros.law.clauses import archive_folder_problem  # noqa: E402
from macros.company.loader import CompanyFileError, check_company_yaml, company_file_path, read_company_file  # noqa: E402
from macros.company.safety import terminal_safe  # noqa: E402


def write_beside(target: Path, text: str) -> None:
    """Write a file whole, never through a link: a new file with an unpredictable name in the same folder
    (created exclusively), then renamed over the target. Refuses a target that is a link or not a file."""
    try:
        info = target.lstat()
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise ReleaseRefused(f"{target} is a link or not a regular file; nothing was written. Replace it by the file itself.")
    descriptor, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        if info is not None:
            os.chmod(name, stat.S_IMODE(info.st_mode))
        os.replace(name, target)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def round_trip_yaml() -> YAML:
    """A YAML reader/writer that gives back the company file as written (comments, quotes, indentation)."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def build_site(company_file: Path, site_dir: Path) -> None:
    """`mkdocs build` of this company, without the PDF; the build's own message when it fails."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "POLICY_PDF": "0", "COMPANY_FILE": str(company_file)}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise ReleaseRefused("the site does not build, so there is no policy to record:\n" + result.stderr.strip())


def read_clauses(site_dir: Path, languages: list[str]) -> dict[str, Clauses]:
    """Every clause of the built policy, per language (the first language is at the root of the site)."""
    clauses = {}
    for n, lang in enumerate(languages):
        page = site_dir / ("" if n == 0 else lang) / "policy.html"
        clauses[lang] = extract_clauses(page.read_text(encoding="utf-8"))
        if not clauses[lang]:
            raise ReleaseRefused(f"the policy page ({lang}) has no clause marked with clause(...): nothing to record")
    return clauses


def summary(previous: Release | None, release: Release) -> dict[str, str]:
    """What changed, in a few words per language, for policy.history."""
    if previous is None:
        return {"fr": "Première version enregistrée.", "en": "First recorded version."}
    changes: dict[str, list[str]] = {"added": [], "changed": [], "removed": []}
    for lang, clauses in release.clauses.items():
        for change in compare(previous.clauses.get(lang, {}), clauses).values():
            if change.clause not in changes[change.kind]:
                changes[change.kind].append(change.clause)
    if not any(changes.values()):
        return {"fr": "Aucune clause n'a changé.", "en": "No clause changed."}
    words = {
        "fr": {"changed": "Clauses modifiées", "added": "ajoutées", "removed": "retirées"},
        "en": {"changed": "Changed clauses", "added": "added", "removed": "removed"},
    }
    text = {}
    for lang, names in words.items():
        parts = [f"{names[kind]}\u00a0: " if lang == "fr" else f"{names[kind]}: " for kind in changes]
        parts = [
            part + ", ".join(changes[kind]) for part, kind in zip(parts, changes) if changes[kind]
        ]
        sentence = "; ".join(parts)
        text[lang] = sentence[0].upper() + sentence[1:] + "."
    return text


def add_history(data: Any, version: str, effective: Any, changes: dict[str, str]) -> bool:
    """Put the version at the top of policy.history when it is not there; whether the file changed."""
    policy = data["policy"]
    history = policy.get("history")
    if history is not None and any(str(entry.get("version")) == version for entry in history):
        return False
    entry = CommentedMap()
    entry["version"] = DoubleQuotedScalarString(version)
    entry["date"] = dt.date.fromordinal(effective.toordinal())  # a copy: the same object would become a YAML alias
    entry["changes"] = CommentedMap(changes)
    if history is None:
        policy["history"] = [entry]
    else:
        history.insert(0, entry)
    return True


def release(company_file: Path, today: dt.date | None = None) -> str:
    """Record the current version; returns what was done, in one or two sentences. Raises ReleaseRefused."""
    yaml = round_trip_yaml()
    text = check_company_yaml(company_file)  # the loader's limits first (size, depth, aliases), then the round trip
    data = yaml.load(text)
    try:
        version = str(data["policy"]["version"])
        effective = data["policy"]["effective_date"]
    except (KeyError, TypeError):
        raise ReleaseRefused(
            f"{company_file} has no policy.version and policy.effective_date: give the policy a version number first"
        ) from None
    if not isinstance(effective, dt.date):
        raise ReleaseRefused(f"{company_file}: policy.effective_date must be a date written YYYY-MM-DD")
    folder = archive_dir(company_file)
    archive = load_archive(folder)
    recorded = {r.version for r in archive}
    if archive and version not in recorded and version_key(version) < version_key(archive[-1].version):
        check_release(archive, Release(version, "", "", {}))  # refuses with the message for an older version

    # Build from a copy that already lists the version in its history (the company file requires it). The copy
    # sits beside the company file (its logo is relative to it), under a new unpredictable name, created
    # exclusively: a link planted in the folder is never written through.
    add_history(data, version, effective, {"fr": "…", "en": "…"})
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    descriptor, name = tempfile.mkstemp(dir=company_file.parent, prefix=f".{company_file.stem}.release-", suffix=".yml")
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(buffer.getvalue())
        try:
            languages = list(read_company_file(temporary).languages)
        except CompanyFileError as error:
            # name the company file, not the copy that is gone when the message is read
            raise ReleaseRefused(str(error).replace(str(temporary), str(company_file))) from None
        with tempfile.TemporaryDirectory(prefix="policy-release-") as site:
            build_site(temporary, Path(site) / "site")
            record = new_release(version, read_clauses(Path(site) / "site", languages), today)
    finally:
        temporary.unlink(missing_ok=True)

    is_new = check_release(archive, record)
    previous = next((r for r in reversed(archive) if version_key(r.version) < version_key(version)), None)
    data = yaml.load(text)
    history_added = add_history(data, version, effective, summary(previous, record))
    done = []
    if is_new:
        problem = archive_folder_problem(folder)
        if problem is not None:
            raise ReleaseRefused(f"{folder} {problem}")
        folder.mkdir(exist_ok=True)
        write_beside(folder / f"{version}.json", record.to_json())
        done.append(f"Recorded version {version} (fingerprint {record.fingerprint}) in {folder / (version + '.json')}.")
        if previous is not None:
            done.append(f"Since version {previous.version}: {summary(previous, record)['en']}")
    else:
        done.append(
            f"Version {version} is already recorded with this exact text (fingerprint {record.fingerprint}): "
            "nothing to record."
        )
    if history_added:
        buffer = io.StringIO()
        yaml.dump(data, buffer)
        write_beside(company_file, buffer.getvalue())
        done.append(f"Added version {version} to policy.history in {company_file}.")
    if is_new or history_added:
        done.append("Commit these files, then announce the new version.")
    return "\n".join(done)


def shown_lines(text: object) -> str:
    """A message as the terminal shows it: its lines kept, any control character in them written out."""
    return "\n".join(terminal_safe(line) for line in str(text).splitlines())


def main() -> int:
    try:
        company_file = company_file_path(ROOT)
    except CompanyFileError as error:
        print(f"make release: nothing was recorded: {shown_lines(error)}", file=sys.stderr)
        return 2
    if not company_file.is_file():
        print(f"make release: no company file at {terminal_safe(str(company_file))} (set COMPANY_FILE?)", file=sys.stderr)
        return 2
    try:
        done = release(company_file)
    except ReleaseRefused as refusal:
        print(f"make release: nothing was recorded: {shown_lines(refusal)}", file=sys.stderr)
        return 1
    except (ValueError, CompanyFileError) as error:
        print(f"make release: nothing was recorded: {shown_lines(error)}", file=sys.stderr)
        return 1
    except (OSError, RecursionError, MemoryError) as error:
        print(f"make release: nothing was recorded: {terminal_safe(str(error))}", file=sys.stderr)
        return 1
    try:
        print(shown_lines(done))
    except OSError:  # the output was closed early (`| head -1`): what was recorded stays recorded, and says so
        with contextlib.suppress(OSError):
            print("make release: done, but its report could not be printed in full.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
