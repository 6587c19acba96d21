"""The typed schema of company.yml: every fact a page may say about the company."""

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
    EmailStr,
    Field,
    HttpUrl,
    TypeAdapter,
    ValidationError,
    WithJsonSchema,
    model_validator,
)

from .safety import BIDI_CONTROLS, MAX_YEAR, MIN_YEAR, shown, text_problem
from .text import current_locale


class FieldProblem(ValueError):
    """A check across keys that knows which key is at fault (the loader reports it at that key)."""

    def __init__(self, path: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


LOCALES = ("fr", "en")


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
    def _one_string_for_both(cls, value: Any) -> Any:
        value = _text_only(value)
        if isinstance(value, str):
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


PLATFORMS: dict[str, str] = {
    "facebook": "Facebook",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "x": "X (Twitter)",
    "youtube": "YouTube",
    "tiktok": "TikTok",
    "threads": "Threads",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
    "pinterest": "Pinterest",
    "google_business": "Google Business Profile",
}

Platform = Enum("Platform", {key: key for key in PLATFORMS}, type=str)

ROLES = ("social_media", "hr", "management", "legal")
Role = Literal["social_media", "hr", "management", "legal"]


class Company(Strict):
    name: Line = Field(description="Display name, as employees say it. Any characters are shown as written.")
    legal_name: Line | None = Field(None, description="Registered name, if it differs (e.g. 'Boréal inc.').")
    description: Text | None = Field(None, description="One line on what the company does.")
    location: Text | None = Field(None, description="City and region, e.g. 'Sherbrooke (Québec)'.")
    website: WebAddress | None = None
    logo: str | None = Field(None, description="Image file (SVG, PNG or JPEG), relative to this company file.")
    brand_color: Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")] = Field(
        "#1F5F8B", description="Main colour as #RRGGBB; header text turns dark or light to stay readable."
    )

    @property
    def display_legal_name(self) -> str:
        return self.legal_name or self.name


class Value(Strict):
    name: Text
    meaning: Text = Field(description="One sentence: what this value means for how we behave online.")


class Contact(Strict):
    name: Line
    title: Text = Field(description="Job title, e.g. {fr: Coordonnatrice marketing, en: Marketing coordinator}.")
    email: EmailStr
    phone: Phone | None = None

    @property
    def tel_uri(self) -> str | None:
        """The phone number as a tel: link (RFC 3966), extension included."""
        if self.phone is None:
            return None
        match = re.match(r"^(.*?)(?:\s*,?\s*(?:ext\.?|poste|x)\s*([0-9]+))?$", self.phone, re.IGNORECASE)
        main, extension = match.group(1), match.group(2)
        digits = "".join(c for c in main if c.isdigit())
        number = ("+" if main.strip().startswith("+") else "") + digits
        return f"tel:{number}" + (f";ext={extension}" if extension else "")


class Contacts(Strict):
    social_media: Contact = Field(description="Runs the official accounts; first person to call about social media.")
    hr: Contact = Field(description="Human resources: questions about the policy and its application.")
    management: Contact = Field(description="The manager who decides in a crisis and approves the policy.")
    legal: Contact | None = Field(None, description="Legal counsel or whoever handles legal questions, if any.")

    def role(self, key: str) -> Contact | None:
        return getattr(self, key)


class Account(Strict):
    platform: Platform  # type: ignore[valid-type]
    handle: Line
    url: WebAddress
    managed_by: Role = Field(description="The contact role (under contacts) who runs this account.")
    purpose: Text | None = Field(None, description="What the company publishes there.")

    @property
    def platform_name(self) -> str:
        return PLATFORMS[self.platform.value]


class HistoryEntry(Strict):
    version: Version
    date: dt.date
    changes: Text


class Policy(Strict):
    version: Version
    effective_date: dt.date
    next_review: dt.date | None = Field(None, description="Date of the next review (or give review_every_months).")
    review_every_months: Annotated[int, Field(ge=1, le=60)] | None = None
    approved_by: Text = Field(description="Who approved the policy, with their title.")
    history: list[HistoryEntry] = Field(default_factory=list, description="Versions, newest first.")

    @model_validator(mode="after")
    def _review_and_history(self) -> "Policy":
        dates = [(("effective_date",), self.effective_date), (("next_review",), self.next_review)]
        dates += [(("history", n, "date"), entry.date) for n, entry in enumerate(self.history)]
        for path, day in dates:
            if day is not None and not MIN_YEAR <= day.year <= MAX_YEAR:
                raise FieldProblem(path, f"is {day}; write a date between the years {MIN_YEAR} and {MAX_YEAR}")
        if self.next_review is None and self.review_every_months is None:
            raise ValueError("give either next_review (a date, YYYY-MM-DD) or review_every_months (a number)")
        if self.next_review is not None and self.next_review <= self.effective_date:
            raise FieldProblem(
                ("next_review",),
                f"is {self.next_review}, but it must come after effective_date ({self.effective_date})",
            )
        if self.history and self.history[0].version != self.version:
            raise FieldProblem(
                ("history", 0, "version"),
                f"is {self.history[0].version}, but policy.version is {self.version}: "
                f"add an entry for {self.version} at the top of history (newest first)",
            )
        return self

    @property
    def review_date(self) -> dt.date:
        """The next review date, given or computed from the review cycle."""
        if self.next_review is not None:
            return self.next_review
        months = self.effective_date.month - 1 + (self.review_every_months or 12)
        year, month = self.effective_date.year + months // 12, months % 12 + 1
        return dt.date(year, month, min(self.effective_date.day, 28))


class FrontPageTest(Strict):
    newspaper: Text = Field(description="A newspaper your employees know, for the front-page test.")


class Training(Strict):
    title: Text
    provider: Line | None = None
    url: WebAddress | None = None
    description: Text | None = None


class Acknowledgement(Strict):
    method: Literal["paper", "online", "both"] = Field(
        "paper", description="How employees acknowledge the policy: paper form, online form, or both."
    )
    form_url: WebAddress | None = Field(None, description="Address of the online form (for online or both).")
    within_days: Annotated[int, Field(ge=1, le=365)] = Field(30, description="Days a new employee has to sign.")

    @model_validator(mode="after")
    def _form_when_online(self) -> "Acknowledgement":
        if self.method != "paper" and self.form_url is None:
            raise FieldProblem(
                ("form_url",), f"is missing: method is {self.method!r}, so give the address of the online form"
            )
        return self


class CompanyFile(Strict):
    """Everything the site says about one company."""

    company: Company
    languages: list[Literal["fr", "en"]] = Field(
        default_factory=lambda: ["fr", "en"],
        description="Languages of the site; the first one is at the root. fr, en or both.",
    )
    jurisdiction: Jurisdiction = Field(
        Jurisdiction.qc, description="Whose law the policy refers to: qc, fr, us or generic."
    )
    approach: Approach = Field(
        Approach.balanced, description="educational (trust, few rules), balanced, or restrictive (pre-approval)."
    )
    values: list[Value] = Field(min_length=1)
    official_accounts: list[Account] = Field(default_factory=list)
    contacts: Contacts
    policy: Policy
    front_page_test: FrontPageTest
    training: list[Training] = Field(default_factory=list)
    acknowledgement: Acknowledgement = Field(default_factory=Acknowledgement)

    @model_validator(mode="after")
    def _coherent(self) -> "CompanyFile":
        if not self.languages or len(set(self.languages)) != len(self.languages):
            raise FieldProblem(("languages",), "must list fr, en or both, each once")
        if self.jurisdiction == Jurisdiction.qc and "fr" not in self.languages:
            raise FieldProblem(
                ("languages",),
                "must include fr because jurisdiction is qc: in Quebec, documents given to employees "
                "must be available in French (Charter of the French language, s. 41)",
            )
        for index, account in enumerate(self.official_accounts):
            if self.contacts.role(account.managed_by) is None:
                raise FieldProblem(
                    ("official_accounts", index, "managed_by"),
                    f"is {account.managed_by}, but contacts has no {account.managed_by}: "
                    "add that contact under contacts, or choose another role",
                )
        return self


def json_schema() -> dict[str, Any]:
    """The JSON Schema that editors use to check company.yml as people type."""
    schema = CompanyFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "company.yml: social media policy site"
    return schema


def json_schema_text() -> str:
    """company.schema.json as written in the repository."""
    import json

    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
