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
import re
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup
from packaging.version import InvalidVersion, Version

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


def extract_clauses(html: str) -> Clauses:
    """Every clause of a built policy page (whole page or its content), in page order."""
    soup = BeautifulSoup(html, "html.parser")
    found: Clauses = {}
    for anchor in soup.select(f"a.{ANCHOR_CLASS}[data-clause]"):
        number = str(anchor["data-clause"])
        if number in found:
            raise ValueError(f"clause {number} is marked twice in the policy: each clause number is used once")
        block = anchor.find_parent(["p", "li", "dd", "td"])
        if block is None:
            raise ValueError(f"clause {number} is not inside a paragraph or list item")
        html_text = str(block)
        following = block.find_next_sibling()
        if (
            block.name == "p"
            and block.get_text().rstrip().endswith(":")
            and following is not None
            and following.name in ("ul", "ol")
            and following.select_one(f"a.{ANCHOR_CLASS}") is None
        ):  # a clause that introduces a list of its own ("... three principles:") includes the list
            html_text += str(following).replace("<ul", "<div").replace("<ol", "<div")
        block = BeautifulSoup(html_text, "html.parser")
        for tag in block.select(f"a.{ANCHOR_CLASS}, ul, ol, .headerlink"):
            if tag.name in ("ul", "ol") or tag.get("data-clause") == number or "headerlink" in tag.get("class", []):
                tag.decompose()
        found[number] = re.sub(r"[ \t\r\n]+", " ", block.get_text("")).strip()
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


def load_archive(folder: Path) -> list[Release]:
    """Every recorded version, oldest first."""
    releases = []
    if folder.is_dir():
        for file in folder.glob("*.json"):
            try:
                data = json.loads(file.read_text(encoding="utf-8"))
                release = Release(data["version"], data["released"], data["fingerprint"], data["clauses"])
            except (ValueError, KeyError, TypeError) as error:
                raise ValueError(f"{file} is not a policy release file the kit can read ({error})") from None
            if file.stem != release.version:
                raise ValueError(f"{file} records version {release.version}: name it {release.version}.json")
            releases.append(release)
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
