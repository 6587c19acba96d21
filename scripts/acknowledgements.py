"""`make acknowledgements`: who has signed which version of the policy, from the exports HR already has.

    make acknowledgements ROSTER=staff.csv RESPONSES=export.csv OUT=report.csv

Reads the staff list (a name and an e-mail per person) and the responses exported from the online form
(Microsoft Forms or Google Forms, as CSV or as an Excel workbook, with French or English column names). The form's link passes the policy's
`version` and `fingerprint` (README, "A new version of the policy"); the form keeps them as answers, which the
export shows as columns. Each person gets one row in OUT: name, email, status, version, signed_on, and
changed_clauses, where status is

- current: signed this version, with this fingerprint (the text word for word);
- outdated: signed an older version; changed_clauses lists the clauses changed since (policy-archive/*.json);
- mismatch: signed this version number, but another fingerprint (a text that changed without a new version);
- missing: no response.

E-mails match whatever their case and spaces. The current version and its fingerprint come from the company file
(COMPANY_FILE, as for the build) and its policy archive (`make release` records them). Everything is read and
written on this machine; nothing is sent anywhere.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.company.loader import CompanyFileError, company_file_path, read_company_file  # noqa: E402
from macros.law.clauses import Release, archive_dir, compare, load_archive, version_key  # noqa: E402

STATUSES = ("current", "outdated", "mismatch", "missing")
COLUMNS = ("name", "email", "status", "version", "signed_on", "changed_clauses")


class SheetProblem(ValueError):
    """A file HR gave cannot be read as it is: the message names the file, the line and the fix."""


def _plain(text: str) -> str:
    """A column name compared without case, accents, punctuation or spaces: "Adresse e-mail" -> "adresseemail"."""
    text = unicodedata.normalize("NFKD", text.replace("\ufeff", "")).casefold()
    return "".join(c for c in text if c.isalnum())


# Column names as Microsoft Forms and Google Forms export them, in French and English, and as people name them.
HEADERS = {
    "email": [
        "email",
        "e-mail",
        "email address",
        "e-mail address",
        "adresse e-mail",
        "adresse email",
        "courriel",
        "adresse courriel",
        "adresse de courriel",
        "adresse de messagerie",
        "mail",
        "adresse électronique",
    ],
    "name": [
        "name",
        "full name",
        "employee name",
        "employee",
        "nom",
        "nom complet",
        "nom de l'employé",
        "nom de l'employée",
        "employé",
        "nom et prénom",
        "prénom et nom",
    ],
    "first": ["first name", "given name", "prénom"],
    "last": ["last name", "surname", "family name", "nom de famille"],
    "date": [
        "completion time",
        "heure de fin",
        "timestamp",
        "horodateur",
        "horodatage",
        "date",
        "signed on",
        "date de signature",
        "submitted",
        "start time",
        "heure de début",
    ],
    "version": ["version", "policy version", "version de la politique", "version of the policy"],
    "fingerprint": [
        "fingerprint",
        "text fingerprint",
        "empreinte",
        "empreinte du texte",
        "policy fingerprint",
        "empreinte de la politique",
    ],
}
FRENCH_HEADERS = {
    _plain(h)
    for h in (
        "heure de fin",
        "heure de début",
        "horodateur",
        "horodatage",
        "adresse e-mail",
        "adresse de messagerie",
        "courriel",
        "date de signature",
        "nom",
        "prénom",
    )
}
ANONYMOUS = {"anonymous", "anonyme", ""}


@dataclass
class Sheet:
    file: Path
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line number in the file, cells)
    columns: dict[str, int]  # what a column holds -> its index
    french: bool  # the column names are French (dates are then day first)

    def cell(self, row: list[str], what: str) -> str:
        index = self.columns.get(what)
        return row[index].strip() if index is not None and index < len(row) else ""


def read_sheet(file: Path, needed: tuple[str, ...], kind: str) -> Sheet:
    """A CSV export (comma, semicolon or tab; UTF-8, with or without BOM) with its columns found by name."""
    try:
        raw = file.read_bytes()
    except OSError as error:
        raise SheetProblem(f"{file}: cannot be read ({error.strerror}); check the path given as {kind}") from None
    if raw[:4] == b"PK\x03\x04":  # an Excel workbook: Microsoft Forms' "Open results in Excel"
        return _with_columns(file, *_workbook_rows(file), needed)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise SheetProblem(
            f"{file}, line {line}: is not UTF-8 text (byte 0x{raw[error.start]:02X}). Save it again as "
            '"CSV UTF-8" (Excel: File > Save As > CSV UTF-8; Google Sheets and Forms: Download > CSV)'
        ) from None
    if not text.strip():
        raise SheetProblem(f"{file}: is empty; export the {kind} again as CSV")
    first_line = text.splitlines()[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    try:
        for cells in reader:
            if header is None:
                header = cells
            elif any(cell.strip() for cell in cells):
                rows.append((reader.line_num, cells))
    except csv.Error as error:
        raise SheetProblem(f"{file}, line {reader.line_num}: is not a CSV file the kit can read ({error})") from None
    assert header is not None
    return _with_columns(file, header, rows, needed)


def _workbook_rows(file: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The first sheet of an .xlsx workbook as text cells, dates written YYYY-MM-DD."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any way a workbook fails to open is one message
        raise SheetProblem(f"{file}: is not an Excel workbook the kit can read ({error}); export it as CSV") from None
    sheet = book.worksheets[0]
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = [_cell_text(value) for value in values]
        if header is None:
            header = cells
        elif any(cell.strip() for cell in cells):
            rows.append((line, cells))
    book.close()
    if header is None:
        raise SheetProblem(f"{file}: the workbook's first sheet is empty; export the responses again")
    return header, rows


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return str(value)


def _with_columns(file: Path, header: list[str], rows: list[tuple[int, list[str]]], needed: tuple[str, ...]) -> Sheet:
    """The sheet with its columns found by name (French or English, as the forms export them)."""
    known = {_plain(name): (what, rank) for what, names in HEADERS.items() for rank, name in enumerate(names)}
    candidates: dict[str, list[tuple[int, int]]] = {}  # what -> (rank of the name, column index)
    for index, name in enumerate(header):
        plain = _plain(name)
        found = known.get(plain)
        if found is None:  # a question that names it: "Version de la politique (ne pas modifier)"
            found = next(((w, 100) for w in ("version", "fingerprint", "empreinte") if plain.startswith(w)), None)
            if found is not None and found[0] == "empreinte":
                found = ("fingerprint", 100)
        if found is not None:
            candidates.setdefault(found[0], []).append((found[1], index))
    columns: dict[str, int] = {}
    for what, found in candidates.items():
        if what == "email":  # Microsoft Forms writes "anonymous" in its own column: take the one with addresses
            found.sort(key=lambda c: (-sum("@" in (r[c[1]] if c[1] < len(r) else "") for _, r in rows), c[0]))
        else:
            found.sort()
        columns[what] = found[0][1]
    if (
        "first" in columns
        and "last" not in columns
        and "name" in columns
        and _plain(header[columns["name"]]) in ("nom", "name")
    ):
        columns["last"] = columns.pop("name")  # "Prénom" beside "Nom": Nom is the family name
    if {"first", "last"} <= set(columns):
        columns["name"] = -1  # put together from the first and last names
    missing = [what for what in needed if what not in columns]
    if missing:
        examples = {
            "email": "Email, E-mail, Adresse e-mail or Courriel",
            "name": "Name or Nom",
            "version": "Version",
            "fingerprint": "Empreinte or Fingerprint",
        }
        raise SheetProblem(
            f"{file}, line 1: has no {missing[0]} column (its columns: {', '.join(h.strip() for h in header)}); "
            f"name the column {examples.get(missing[0], missing[0])}"
        )
    french = any(_plain(h) in FRENCH_HEADERS for h in header)
    return Sheet(file, header, rows, columns, french)


def email_key(value: str) -> str:
    """An e-mail as the kit compares it: no spaces anywhere, case folded."""
    return "".join(value.split()).casefold()


def person_name(sheet: Sheet, row: list[str]) -> str:
    if sheet.columns.get("name") == -1:
        return " ".join(part for part in (sheet.cell(row, "first"), sheet.cell(row, "last")) if part)
    return sheet.cell(row, "name")


def signed_on(text: str, french: bool, where: str) -> str:
    """A date as the form exports it (ISO, 2026/03/05, 3/5/2026 or 05/03/2026, with a time or not) -> YYYY-MM-DD."""
    text = text.strip()
    if not text:
        return ""
    match = re.match(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = re.match(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2,4})\b", text)
        if match is None:
            raise SheetProblem(f"{where}: the date {text!r} is not one the kit can read; write it YYYY-MM-DD")
        a, b, year = (int(g) for g in match.groups())
        year += 2000 if year < 100 else 0
        day_first = a > 12 or (french and b <= 12)
        day, month = (a, b) if day_first else (b, a)
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise SheetProblem(f"{where}: the date {text!r} does not exist; check the export") from None


@dataclass
class Response:
    line: int
    email: str
    version: str
    fingerprint: str
    signed_on: str


@dataclass
class Row:
    name: str
    email: str
    status: str
    version: str = ""
    signed_on: str = ""
    changed_clauses: str = ""


def read_roster(file: Path) -> list[tuple[int, str, str]]:
    sheet = read_sheet(file, ("name", "email"), "staff list")
    seen: dict[str, int] = {}
    people = []
    for line, row in sheet.rows:
        email = email_key(sheet.cell(row, "email"))
        if not email or "@" not in email:
            raise SheetProblem(f"{file}, line {line}: has no e-mail address; add it, or remove the line")
        if email in seen:
            raise SheetProblem(
                f"{file}, line {line}: {email} is already on line {seen[email]}; keep one line per person"
            )
        seen[email] = line
        people.append((line, person_name(sheet, row) or email, email))
    return people


def read_responses(file: Path) -> tuple[list[Response], bool, list[str]]:
    """The form's answers; whether the export carries fingerprints; warnings for lines that cannot count."""
    sheet = read_sheet(file, ("email", "version"), "form responses")
    has_fingerprint = "fingerprint" in sheet.columns
    responses, warnings = [], []
    for line, row in sheet.rows:
        where = f"{file}, line {line}"
        email = email_key(sheet.cell(row, "email"))
        if email in ANONYMOUS or "@" not in email:
            warnings.append(f"{where}: no e-mail address (an anonymous response?): it counts for nobody")
            continue
        version = sheet.cell(row, "version")
        if not version:
            warnings.append(f"{where}: {email} gave no policy version: it counts for nobody")
            continue
        responses.append(
            Response(
                line,
                email,
                version,
                sheet.cell(row, "fingerprint").lower(),
                signed_on(sheet.cell(row, "date"), sheet.french, where),
            )
        )
    return responses, has_fingerprint, warnings


def _version_or_none(version: str):
    try:
        return version_key(version)
    except ValueError:
        return None


def status_of(response: Response, current: Release, check_fingerprint: bool) -> str:
    if response.version == current.version:
        if not check_fingerprint or response.fingerprint == current.fingerprint.lower():
            return "current"
        return "mismatch"
    key = _version_or_none(response.version)
    if key is not None and key < version_key(current.version):
        return "outdated"
    return "mismatch"  # a version number this policy never had, or one after it


def changed_clauses(version: str, archive: dict[str, Release], current: Release, locale: str) -> str:
    old = archive.get(version)
    if old is None:
        return f"unknown: version {version} is not in the policy archive"
    changes = compare(old.clauses.get(locale, {}), current.clauses.get(locale, {}))
    return " ".join(f"§{number}" for number in changes) or "none"


def report(roster: Path, responses: Path, company_file: Path) -> tuple[list[Row], list[str]]:
    model = read_company_file(company_file)
    releases = load_archive(archive_dir(company_file))
    archive = {release.version: release for release in releases}
    current = archive.get(model.policy.version)
    if current is None:
        raise SheetProblem(
            f"{archive_dir(company_file)}: version {model.policy.version} is not recorded, so its fingerprint is "
            "unknown; run `make release` first (it records the version HR asks people to sign)"
        )
    people = read_roster(roster)
    answers, has_fingerprint, warnings = read_responses(responses)
    if not has_fingerprint:
        warnings.append(
            f"{responses}: has no fingerprint column, so only version numbers are compared (no mismatch can be seen)"
        )
    rank = {"current": 0, "mismatch": 1, "outdated": 2}
    best: dict[str, tuple[str, Response]] = {}
    for answer in answers:
        status = status_of(answer, current, has_fingerprint)
        held = best.get(answer.email)
        better = held is None or (rank[status], -_sortable(answer)) < (rank[held[0]], -_sortable(held[1]))
        if better:
            best[answer.email] = (status, answer)
    listed = {email for _, _, email in people}
    for email in sorted(set(best) - listed):
        warnings.append(f"{responses}, line {best[email][1].line}: {email} signed but is not on the staff list")
    rows = []
    for _, name, email in people:
        if email not in best:
            rows.append(Row(name, email, "missing"))
            continue
        status, answer = best[email]
        changes = changed_clauses(answer.version, archive, current, model.languages[0]) if status == "outdated" else ""
        rows.append(Row(name, email, status, answer.version, answer.signed_on, changes))
    return rows, warnings


def _sortable(answer: Response) -> float:
    """Newer versions first, then later signatures (a number to compare)."""
    key = _version_or_none(answer.version)
    parts = (key.release + (0, 0, 0))[:3] if key is not None else (0, 0, 0)
    day = dt.date.fromisoformat(answer.signed_on).toordinal() if answer.signed_on else 0
    return parts[0] * 1e12 + parts[1] * 1e9 + parts[2] * 1e6 + day


def write_report(rows: list[Row], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8-sig", newline="") as handle:  # with a BOM, so that Excel reads the accents
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([row.name, row.email, row.status, row.version, row.signed_on, row.changed_clauses])


def summary(rows: list[Row], current_version: str) -> str:
    counts = {status: sum(row.status == status for row in rows) for status in STATUSES}
    lines = [f"Policy version {current_version}: " + ", ".join(f"{counts[s]} {s}" for s in STATUSES) + "."]
    remind = [row for row in rows if row.status != "current"]
    if remind:
        lines.append(f"To remind ({len(remind)}):")
        for row in remind:
            why = {
                "missing": "no acknowledgement",
                "outdated": f"signed version {row.version}; changed since: {row.changed_clauses}",
                "mismatch": f"signed version {row.version}, but another text (fingerprint)",
            }[row.status]
            lines.append(f"  {row.name} <{row.email}>: {why}")
    else:
        lines.append("Everyone has signed this version.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--roster", type=Path, required=True, help="the staff list (CSV: name, e-mail)")
    parser.add_argument("--responses", type=Path, required=True, help="the online form's export (CSV)")
    parser.add_argument("--out", type=Path, required=True, help="the report to write (CSV)")
    args = parser.parse_args(argv)
    for given in (args.roster, args.responses):
        if args.out.resolve() == given.resolve():
            print(f"OUT is {args.out}, which is one of the files read: choose another file name", file=sys.stderr)
            return 2
    company_file = company_file_path(ROOT)
    try:
        rows, warnings = report(args.roster, args.responses, company_file)
    except (SheetProblem, CompanyFileError) as error:
        print(error, file=sys.stderr)
        return 1
    for warning in warnings:
        print(f"Note: {warning}", file=sys.stderr)
    write_report(rows, args.out)
    model_version = read_company_file(company_file).policy.version
    print(summary(rows, model_version))
    print(f"Wrote {args.out} (one line per person). Nothing was sent anywhere.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
