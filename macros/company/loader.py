"""Read company.yml, check it against the schema, and explain every problem in words a non-developer can act on.

The reading itself (YAML, limits, line numbers, plain-words messages) is macros/company/kitfile.py, shared with
the kit's own data files."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import yaml

from macros.company.kitfile import (  # noqa: F401 - re-exported: the company file's reader and its errors
    KitFileError,
    CompanyFileError,
    Problem,
    _node_at,
    _parse_yaml,
    _text_position,
    _validate,
    load_kit_file,
    text_position,
)
from macros.company.safety import MAX_FILE_BYTES, logo_problem
from macros.company.schema import CompanyFile

DEFAULT_FILE = "company.yml"


def company_file_path(project_dir: Path) -> Path:
    """The company file to build: COMPANY_FILE if set (relative to the current folder), else company.yml."""
    chosen = os.environ.get("COMPANY_FILE")
    if chosen:
        hidden = next((c for c in chosen if unicodedata.category(c)[0] == "C"), None)
        if hidden is not None:  # a NUL, a newline or a terminal escape: no file is named like that on purpose
            raise CompanyFileError(
                Path(chosen.replace("\0", "")),
                [Problem("", f"(COMPANY_FILE) contains an invisible character (U+{ord(hidden):04X}); "
                             "set COMPANY_FILE to the company file's path as you would type it.")],
            )
        return Path(chosen).expanduser().resolve()
    return (project_dir / DEFAULT_FILE).resolve()


def read_company_file(file: Path) -> CompanyFile:
    """Load and validate one company file; raise CompanyFileError listing every problem at once."""
    return read_company_bytes(file, read_bytes(file))


def read_bytes(file: Path) -> bytes:
    if not file.is_file():
        hint = "Check COMPANY_FILE" if os.environ.get("COMPANY_FILE") else "Copy the example company.yml here"
        raise CompanyFileError(file, [Problem("", f"does not exist. {hint}, or fix the path.")])
    size = file.stat().st_size
    if size > MAX_FILE_BYTES:
        raise CompanyFileError(
            file,
            [Problem("", f"is {size / 1e6:.1f} MB; a company file is a few KB (at most {MAX_FILE_BYTES // 1000} KB).")],
        )
    return file.read_bytes()


def check_company_yaml(file: Path) -> str:
    """The company file's text, after the loader's limits (size, UTF-8, YAML, depth, aliases, keys twice) and
    before anything builds values from it: for tools that then read it another way (make release's round trip).
    Raises CompanyFileError."""
    data = read_bytes(file)
    _, _, problems = _parse_yaml(file, data, CompanyFileError)
    if problems:
        raise CompanyFileError(file, problems)
    return data.decode("utf-8")


def read_company_bytes(file: Path, data: bytes) -> CompanyFile:
    """Validate the content of a company file (already read); `file` names it in messages and anchors the logo."""
    root, data_read, problems = _parse_yaml(file, data, CompanyFileError)
    if not isinstance(data_read, dict):
        problems.append(Problem("", "must be a set of keys such as company:, values:, contacts: (see the example)."))
        raise CompanyFileError(file, problems)
    model = _validate(file, CompanyFile, data_read, root, problems, CompanyFileError)
    problems += _missing_files(model, file, root)
    if problems:
        raise CompanyFileError(file, problems)
    return model


def logo_path(model: CompanyFile, file: Path) -> Path | None:
    """The logo image on disk: its path in company.yml is relative to company.yml."""
    return None if model.company.logo is None else (file.parent / model.company.logo).resolve()


def _missing_files(model: CompanyFile, file: Path, root: yaml.Node | None) -> list[Problem]:
    """The logo the company file names must be an image inside the company file's folder (safety.logo_problem)."""
    if model.company.logo is None:
        return []
    message = logo_problem(model.company.logo, file)
    if message is None:
        return []
    mark = (_node_at(root, ("company", "logo")) or root).start_mark
    return [Problem("company.logo", message, mark.line + 1, mark.column + 1)]
