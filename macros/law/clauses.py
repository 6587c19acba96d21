"""Clauses of the formal policy: read back from the built page, fingerprinted, archived per version, compared.

A clause is a paragraph, list item or definition of policy.md that starts with `{{ clause("5.3") }}`: a
visible, linkable "§ 5.3" anchor (id `c-5-3`), the same in every language. Its text is what the reader reads
in that block (the anchor and nested lists left out), white space folded; a paragraph that ends with ":" and
is followed by a list with no clauses of its own includes that list. The same function reads the
clauses for the release script (`make release`), the fingerprint and the page of changes, so the three
always agree.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from lxml import etree
from lxml import html as lxml_html
from packaging.version import InvalidVersion, Version
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from macros.company.kitfile import CompanyFileError, Problem

CLAUSE_ID = re.compile(r"^[0-9]{1,2}\.[0-9]{1,2}$")
ANCHOR_CLASS = "clause-ref"
ARCHIVE_DIR = "policy-archive"
FINGERPRINT_TOKEN = "FPRINTPENDING"  # written by the pages, replaced once the whole site is built

Clauses = dict[str, str]  # clause id ("5.3") -> text, in the order of the page


def anchor_id(clause: str) -> str:
    """The HTML id of a clause: 5.3 -> c-5-3."""
    if not CLAUSE_ID.match(clause):
        raise ValueError(f"clause {clause!r}: write a clause number as section.clause, like clause('5.3')")
    return "c-" + clause.replace(".", "-")


def parse_html(html: str) -> etree._Element:
    """A page (or a fragment of one) parsed once with libxml2, for every reader of the page's HTML."""
    return lxml_html.document_fromstring(html) if html.strip() else lxml_html.document_fromstring("<p></p>")


def _classes(element: etree._Element) -> list[str]:
    return (element.get("class") or "").split()


def _is_tag(node: object) -> bool:
    return isinstance(node, etree._Element) and isinstance(node.tag, str)  # not a comment or instruction


def _text(element: etree._Element, skip) -> str:
    """The text of an element as the reader reads it, leaving out the elements `skip` says (their tail stays)."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text and _is_tag(node):
            parts.append(node.text)
        for child in node:
            if _is_tag(child) and not skip(child):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return "".join(parts)


def replay(root: etree._Element, reader: Any) -> None:
    """Give a parsed page to a reader written for Python's HTMLParser (handle_starttag, handle_data, handle_endtag),
    in document order, instead of parsing the page's text again."""

    def walk(element: etree._Element) -> None:
        reader.handle_starttag(element.tag, list(element.attrib.items()))
        if element.text:
            reader.handle_data(element.text)
        for child in element:
            if _is_tag(child):
                walk(child)
            if child.tail:
                reader.handle_data(child.tail)
        reader.handle_endtag(element.tag)

    walk(root)


def extract_clauses(html: str | etree._Element) -> Clauses:
    """Every clause of a built policy page (whole page or its content, as text or parsed), in page order."""
    root = parse_html(html) if isinstance(html, str) else html
    found: Clauses = {}
    for anchor in root.iter("a"):
        if ANCHOR_CLASS not in _classes(anchor) or anchor.get("data-clause") is None:
            continue
        number = anchor.get("data-clause")
        if number in found:
            raise ValueError(f"clause {number} is marked twice in the policy: each clause number is used once")
        block = next((a for a in anchor.iterancestors() if a.tag in ("p", "li", "dd", "td")), None)
        if block is None:
            raise ValueError(f"clause {number} is not inside a paragraph or list item")

        def in_clause(node: etree._Element) -> bool:  # nested lists, this anchor and permalinks are left out
            return not (
                node.tag in ("ul", "ol")
                or (node.tag == "a" and ANCHOR_CLASS in _classes(node) and node.get("data-clause") == number)
                or "headerlink" in _classes(node)
            )

        text = _text(block, lambda node: not in_clause(node))
        following = block.getnext()
        while following is not None and not _is_tag(following):
            following = following.getnext()
        if (
            block.tag == "p"
            and _text(block, lambda node: False).rstrip().endswith(":")
            and following is not None
            and following.tag in ("ul", "ol")
            and not any(ANCHOR_CLASS in _classes(a) for a in following.iter("a"))
        ):  # a clause that introduces a list of its own ("... three principles:") includes the list, nested lists too
            text += _text(following, lambda node: "headerlink" in _classes(node))
        found[number] = re.sub(r"[ \t\r\n]+", " ", text).strip()
    return found


GAPS_TOKEN = '<div data-pending="clause-gaps"></div>'  # where the policy starts: filled once its clauses are read


def missing_numbers(clauses: Clauses) -> list[str]:
    """The clause numbers a reader finds skipped: in each section, those below its highest number that are absent."""
    present: dict[int, set[int]] = {}
    for number in clauses:
        section, clause = (int(part) for part in number.split("."))
        present.setdefault(section, set()).add(clause)
    return [
        f"{section}.{clause}"
        for section in sorted(present)
        for clause in range(1, max(present[section]) + 1)
        if clause not in present[section]
    ]


def fingerprint(clauses: dict[str, Clauses]) -> str:
    """12 hex digits of SHA-256 over every clause's text in every language (canonical JSON: order-free)."""
    canonical = json.dumps(clauses, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


# --- Versions and the archive ---------------------------------------------------------------------


def version_key(version: str) -> Version:
    try:
        return Version(version)
    except InvalidVersion:
        raise ValueError(f'policy version {version!r} is not a version number like "2.1"') from None


@dataclass(frozen=True)
class Release:
    """One recorded version: its clauses in each language, as read when it was released."""

    version: str
    released: str
    fingerprint: str
    clauses: dict[str, Clauses]

    def to_json(self) -> str:
        data = {
            "version": self.version,
            "released": self.released,
            "fingerprint": self.fingerprint,
            "clauses": self.clauses,
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def archive_dir(company_file: Path) -> Path:
    """Where a company's releases live: policy-archive/ beside its company file."""
    return company_file.parent / ARCHIVE_DIR


# Limits on the archive: a release file is some 30 KB (the whole policy in two languages).
MAX_ARCHIVE_BYTES = 2_000_000
MAX_ARCHIVE_FILES = 200
MAX_CLAUSE_CHARS = 10_000
MAX_ARCHIVE_DEPTH = 10
ClauseText = Annotated[str, Field(max_length=MAX_CLAUSE_CHARS)]
ClauseKey = Annotated[str, Field(pattern=CLAUSE_ID.pattern)]


class ArchiveFile(BaseModel):
    """One policy-archive/<version>.json, as make release writes it."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    version: Annotated[str, Field(pattern=r"^[0-9]{1,4}(\.[0-9]{1,4}){0,3}$")]
    released: Annotated[str, Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    fingerprint: Annotated[str, Field(pattern=r"^[0-9a-f]{12}$")]
    clauses: dict[Literal["fr", "en"], Annotated[dict[ClauseKey, ClauseText], Field(max_length=500)]]


class ArchiveError(CompanyFileError):
    """A policy archive file (or the folder) cannot be used: nothing was built or recorded."""

    FOOTER = (
        "Archive files are written by make release and committed with the company file: restore this one "
        "from version control (git checkout -- <file>), or remove it and run make release again."
    )

    @staticmethod
    def heading(file: str, count: str) -> str:
        return f"The policy archive {file} cannot be used. Nothing was built or recorded."


def _refuse(file: Path, message: str, line: int | None = None, key: str = "") -> ArchiveError:
    return ArchiveError(file, [Problem(key, message, line)])


def _line_of(text: str, loc: tuple[Any, ...]) -> int | None:
    """The line of a key path in a JSON file as make release writes it (one key per line)."""
    position, found = 0, False
    for part in loc:
        if isinstance(part, int):
            continue
        at = text.find(json.dumps(str(part), ensure_ascii=False) + ":", position)
        if at < 0:
            break
        position, found = at, True
    return text.count("\n", 0, position) + 1 if found else None


def _too_deep(text: str) -> int | None:
    """The line where brackets nest deeper than an archive ever does (json would recurse until it crashes)."""
    depth, in_string, escaped, line = 0, False, False, 1
    for char in text:
        if char == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_ARCHIVE_DEPTH:
                return line
        elif char in "]}":
            depth -= 1
    return None


def _read_regular(file: Path) -> bytes:
    """A file's bytes, only if it is a regular file (not a link, a device, a pipe or a folder) under the size limit.
    Checked with lstat before opening, and again on the open file (opened without following a link and without
    waiting on a pipe), so that a file swapped in between is refused too."""
    try:
        info = file.lstat()
    except OSError as error:
        raise _refuse(file, f"cannot be read ({error.strerror or error}).") from None
    if stat.S_ISLNK(info.st_mode):
        raise _refuse(file, "is a link; an archive file must be a file of the company's own policy-archive folder, "
                            "not a link to another company's or anywhere else.")
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(file, "is not a regular file (a folder, a device or a pipe); an archive file is a .json file.")
    if info.st_size > MAX_ARCHIVE_BYTES:
        raise _refuse(file, f"is {info.st_size / 1e6:.1f} MB; a release file is a few dozen KB (at most "
                            f"{MAX_ARCHIVE_BYTES // 1_000_000} MB).")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(file, flags)
    except OSError as error:
        raise _refuse(file, f"cannot be opened ({error.strerror or error}).") from None
    with os.fdopen(descriptor, "rb") as handle:
        opened = os.fstat(handle.fileno())
        if not stat.S_ISREG(opened.st_mode) or (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
            raise _refuse(file, "changed while it was being read (it is no longer the regular file it was).")
        data = handle.read(MAX_ARCHIVE_BYTES + 1)
    if len(data) > MAX_ARCHIVE_BYTES:
        raise _refuse(file, f"is larger than {MAX_ARCHIVE_BYTES // 1_000_000} MB; a release file is a few dozen KB.")
    return data


def read_release(file: Path) -> Release:
    """One archive file, checked: a regular file, its size, JSON, the schema (line-numbered), its name, and its
    fingerprint against its clauses (a file edited by hand is refused). Raises ArchiveError."""
    data = _read_regular(file)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _refuse(file, "is not UTF-8 text.", data[: error.start].count(b"\n") + 1) from None
    deep = _too_deep(text)
    if deep is not None:
        raise _refuse(file, f"nests brackets more than {MAX_ARCHIVE_DEPTH} levels deep; a release file has 3.", deep)
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise _refuse(file, f"is not valid JSON ({error.msg}).", error.lineno) from None
    except RecursionError:
        raise _refuse(file, "nests brackets far too deep.") from None
    try:
        model = ArchiveFile.model_validate(raw)
    except ValidationError as error:
        problems = []
        for item in error.errors(include_url=False)[:10]:
            loc = tuple(item["loc"])
            key = ".".join(str(part) for part in loc)
            message = item["msg"].removeprefix("Value error, ")
            problems.append(Problem(key, f"{message} (a release file holds version, released, fingerprint "
                                         "and clauses: {fr: {\"1.1\": text}, en: {...}}).", _line_of(text, loc)))
        raise ArchiveError(file, problems) from None
    if file.name != f"{model.version}.json":
        raise _refuse(file, f"records version {model.version}: name it {model.version}.json.",
                      _line_of(text, ("version",)), "version")
    computed = fingerprint({lang: dict(clauses) for lang, clauses in model.clauses.items()})
    if computed != model.fingerprint:
        raise _refuse(
            file,
            f"records the fingerprint {model.fingerprint}, but its clauses give {computed}: the clauses were changed "
            "after make release recorded them, so this is not the version employees signed.",
            _line_of(text, ("fingerprint",)),
            "fingerprint",
        )
    return Release(model.version, model.released, model.fingerprint,
                   {lang: dict(clauses) for lang, clauses in model.clauses.items()})


def archive_folder_problem(folder: Path) -> str | None:
    """Why the policy-archive folder cannot be read or written (a link, not a folder), or None (missing is fine)."""
    try:
        info = folder.lstat()
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"cannot be read ({error.strerror or error})."
    if stat.S_ISLNK(info.st_mode):
        return ("is a link; the archive must be a folder of the company's own folder, not a link to another "
                "company's archive or anywhere else.")
    if not stat.S_ISDIR(info.st_mode):
        return "is not a folder."
    return None


def load_archive(folder: Path) -> list[Release]:
    """Every recorded version, oldest first. The folder (beside the company file) and each file in it are read only
    if they are what they seem: the folder itself, not a link; regular .json files, not links, devices or pipes.
    Raises ArchiveError naming the file and what is wrong."""
    problem = archive_folder_problem(folder)
    if problem is not None:
        raise _refuse(folder, problem)
    if not folder.exists():
        return []
    try:
        entries = sorted(entry.name for entry in os.scandir(folder) if entry.name.endswith(".json"))
    except OSError as error:
        raise _refuse(folder, f"cannot be listed ({error.strerror or error}).") from None
    if len(entries) > MAX_ARCHIVE_FILES:
        raise _refuse(folder, f"holds {len(entries)} release files; at most {MAX_ARCHIVE_FILES}.")
    releases = [read_release(folder / name) for name in entries]
    return sorted(releases, key=lambda r: version_key(r.version))


def new_release(version: str, clauses: dict[str, Clauses], today: dt.date | None = None) -> Release:
    return Release(version, (today or dt.date.today()).isoformat(), fingerprint(clauses), clauses)


class ReleaseRefused(Exception):
    """The version cannot be recorded; the message says why and what to do."""


def check_release(archive: list[Release], release: Release) -> bool:
    """Whether the release is new (True) or already recorded with the same text (False); refuses otherwise."""
    recorded = {r.version: r for r in archive}
    if release.version in recorded:
        if recorded[release.version].clauses == release.clauses:
            return False
        old = recorded[release.version].clauses
        changed = sorted(
            {n for lang, clauses in release.clauses.items() for n in compare(old.get(lang, {}), clauses)},
            key=lambda n: tuple(int(p) for p in n.split(".")),
        )
        raise ReleaseRefused(
            f"version {release.version} is already recorded, and the policy's text has changed since "
            f"(in {', '.join(changed)}). A recorded version never changes: give the policy a new version "
            f'number (policy.version in the company file, e.g. "{suggest_next(release.version)}"), '
            "then run make release again."
        )
    if archive and version_key(release.version) < version_key(archive[-1].version):
        raise ReleaseRefused(
            f"version {release.version} is older than the last recorded version, {archive[-1].version}. "
            f"Set policy.version in the company file to a number after {archive[-1].version} "
            f'(e.g. "{suggest_next(archive[-1].version)}"), then run make release again.'
        )
    return True


def suggest_next(version: str) -> str:
    parts = version.split(".")
    if len(parts) == 1:
        parts.append("0")
    parts[-1] = str(int(parts[-1]) + 1)
    return ".".join(parts)


# --- Comparing versions ---------------------------------------------------------------------------


@dataclass
class ClauseChange:
    """One clause that differs: added, removed or changed (with its words marked)."""

    clause: str
    kind: str  # added, removed, changed
    words: list[tuple[str, str]] = field(default_factory=list)  # (equal|insert|delete, text)

    @property
    def anchor(self) -> str:
        return anchor_id(self.clause)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The words of both texts in reading order, each run tagged equal, insert or delete (join them with spaces)."""
    a, b = old.split(" "), new.split(" ")
    parts: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(("equal", " ".join(b[j1:j2])))
        if op in ("delete", "replace"):
            parts.append(("delete", " ".join(a[i1:i2])))
        if op in ("insert", "replace"):
            parts.append(("insert", " ".join(b[j1:j2])))
    return parts


def compare(old: Clauses, new: Clauses) -> dict[str, ClauseChange]:
    """The clauses added, changed or removed from `old` to `new`: today's order first, then removed ones."""
    changes: dict[str, ClauseChange] = {}
    for number, text in new.items():
        if number not in old:
            changes[number] = ClauseChange(number, "added", [("insert", text)])
        elif old[number] != text:
            changes[number] = ClauseChange(number, "changed", word_diff(old[number], text))
    for number, text in old.items():
        if number not in new:
            changes[number] = ClauseChange(number, "removed", [("delete", text)])
    return changes


def changes_since(archive: list[Release], current_version: str, current: Clauses, locale: str):
    """For each recorded version before the current one (newest first): (release, changes in this language)."""
    earlier = [r for r in archive if version_key(r.version) < version_key(current_version)]
    return [(r, list(compare(r.clauses.get(locale, {}), current).values())) for r in reversed(earlier)]
