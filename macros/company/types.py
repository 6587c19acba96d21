"""Types that the company file, the sector data and the law's registry all use: text in two languages, one line of
text, web addresses, phone numbers, versions, the sectors, workplaces, jurisdictions and approaches."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    HttpUrl,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)

from macros.company.safety import BIDI_CONTROLS, shown, text_problem
from macros.language.text import current_locale

LOCALES = ("fr", "en")


class FieldProblem(ValueError):
    """A check across keys that knows which key is at fault (the loader reports it at that key)."""

    def __init__(self, path: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


# --- Plain values ---------------------------------------------------------------------------


def _single_line(value: str) -> str:
    """One line of text: runs of white space become one space; no control characters."""
    for char in value:
        if unicodedata.category(char) in ("Cc", "Cs") and char not in "\t\n\r":
            raise ValueError(f"contains an invisible control character (U+{ord(char):04X}); retype the text without it")
    value = " ".join(value.split())
    if not value:
        raise ValueError("is empty; write some text, or remove the key if it is optional")
    problem = text_problem(value)  # too long, bidi controls, nothing visible (safety.py)
    if problem:
        raise ValueError(problem)
    return value


def _text_only(value: Any) -> Any:
    """YAML turns `yes`, `2.10` or `1867` into booleans and numbers: ask for quotes instead of guessing."""
    if isinstance(value, (bool, int, float, dt.date)):
        raise ValueError(
            f'must be text, but YAML read {value!r} as a {type(value).__name__}; put it in quotes: "{value}"'
        )
    return value


Line = Annotated[str, BeforeValidator(_text_only), AfterValidator(_single_line)]

_URL = TypeAdapter(HttpUrl)


def _web_address(value: str) -> str:
    """A full http(s) address, as a browser reads it (the normalised form is what pages show and link to)."""
    if not re.match(r"^https?://", value):
        raise ValueError(f"must be a full web address starting with https:// (got {shown(value)})")
    hidden = next((c for c in value if c.isspace() or unicodedata.category(c)[0] in "CZ" or c in BIDI_CONTROLS), None)
    if hidden is not None:
        raise ValueError(
            f"contains a space or an invisible character (U+{ord(hidden):04X}) in {shown(value)}; "
            "a web address has none: copy it again from the browser's address bar"
        )
    if "\\" in value:
        raise ValueError(f"contains a backslash (\\) in {shown(value)}; web addresses use / only")
    try:
        url = _URL.validate_python(value)
    except ValidationError as error:
        reason = error.errors()[0]["msg"].removeprefix("Input should be a valid URL, ")
        raise ValueError(f"is not a web address a browser can open ({reason}): {shown(value)}") from None
    if url.username or url.password:
        raise ValueError(
            f"has a name before @ ({shown(value)}): the browser would open {url.host}, not the site the text shows; "
            "remove everything between // and @"
        )
    return str(url)


WebAddress = Annotated[str, BeforeValidator(_text_only), AfterValidator(_web_address)]

_PHONE = re.compile(r"^\+?[0-9 ().\-]{7,}(\s*,?\s*(ext\.?|poste|x)\s*[0-9]{1,6})?$", re.IGNORECASE)


def _phone(value: str) -> str:
    if not _PHONE.match(value) or sum(c.isdigit() for c in value) < 7:
        raise ValueError(
            f"is not a phone number (got {value!r}); write it like 819 555-0142 or +1 819 555-0142, poste 204"
        )
    return value


Phone = Annotated[str, BeforeValidator(_text_only), AfterValidator(_single_line), AfterValidator(_phone)]


def _version(value: str) -> str:
    if not re.fullmatch(r"[0-9]+(\.[0-9]+){0,2}", value):
        raise ValueError(f'must look like "2" or "2.1" or "2.1.3" (got {value!r})')
    return value


def _version_before(value: Any) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(
            f'must be written in quotes, like version: "{value}", because YAML reads {value!r} as a number '
            '(and "2.10" would become 2.1)'
        )
    return value


Version = Annotated[str, BeforeValidator(_version_before), AfterValidator(_version)]


# --- Text in two languages ------------------------------------------------------------------


class Localized(BaseModel):
    """Text in French and English; printed in the language of the page being rendered."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fr: Line
    en: Line

    @model_validator(mode="before")
    @classmethod
    def _one_string_for_both(cls, value: Any, info: ValidationInfo) -> Any:
        value = _text_only(value)
        if isinstance(value, str):
            if info.context and info.context.get("kit"):
                # the kit's own data (kitfile.load_kit_file) writes every pair in both languages
                raise ValueError(f"is one text ({shown(value)}) where the kit needs both languages: write {{fr: ..., en: ...}}")
            return {"fr": value, "en": value}
        return value

    def get(self, locale: str) -> str:
        """The text in one language."""
        return getattr(self, locale)

    def __str__(self) -> str:
        return self.get(current_locale())


_LINE_SCHEMA = {"type": "string", "minLength": 1}
Text = Annotated[
    Localized,
    WithJsonSchema(
        {
            "anyOf": [
                {**_LINE_SCHEMA, "description": "The same text in both languages."},
                {
                    "type": "object",
                    "properties": {"fr": _LINE_SCHEMA, "en": _LINE_SCHEMA},
                    "required": ["fr", "en"],
                    "additionalProperties": False,
                    "description": "The text in French and in English.",
                },
            ]
        }
    ),
]


class Strict(BaseModel):
    """Every section refuses keys it does not know."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- Sections of company.yml ------------------------------------------------------------------


class Jurisdiction(str, Enum):
    qc = "qc"
    fr = "fr"
    us = "us"
    generic = "generic"


class Approach(str, Enum):
    educational = "educational"
    balanced = "balanced"
    restrictive = "restrictive"


SECTORS = ("trades", "health", "professional_services", "hospitality_retail", "generic")
Sector = Literal["trades", "health", "professional_services", "hospitality_retail", "generic"]

WORKPLACES = ("client_premises", "own_premises", "office", "remote")
Workplace = Literal["client_premises", "own_premises", "office", "remote"]
