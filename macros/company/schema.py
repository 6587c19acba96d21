"""The typed schema of company.yml: every fact a page may say about the company."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import (
    PrivateAttr,
    EmailStr,
    Field,
    ValidationError,
    model_validator,
)

from macros.language.grammar import NamePhrase, name_in_sentence, parse_english, parse_french
from macros.company.safety import MAX_YEAR, MIN_YEAR, shown
from macros.company import sector as sectors
from macros.company.places import places
from macros.company.types import (  # noqa: F401 - shared types, re-exported for the pages and tests
    FieldProblem,
    LOCALES,
    _single_line,
    _text_only,
    Line,
    _URL,
    _web_address,
    WebAddress,
    _PHONE,
    _phone,
    Phone,
    _version,
    _version_before,
    Version,
    Localized,
    _LINE_SCHEMA,
    Text,
    Strict,
    Jurisdiction,
    Approach,
    SECTORS,
    Sector,
    WORKPLACES,
    Workplace,
)

DEFAULT_NOUN = {"fr": "l'entreprise", "en": "the company"}


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
    "github": "GitHub",
    "gitlab": "GitLab",
    "yelp": "Yelp",
    "tripadvisor": "Tripadvisor",
    "meetup": "Meetup",
    "discord": "Discord",
    "twitch": "Twitch",
    "reddit": "Reddit",
    "snapchat": "Snapchat",
    "whatsapp": "WhatsApp",
    "nextdoor": "Nextdoor",
    "other": "",
}

Platform = Enum("Platform", {key: key for key in PLATFORMS}, type=str)

ROLES = ("social_media", "hr", "management", "legal", "privacy")
Role = Literal["social_media", "hr", "management", "legal", "privacy"]

FrenchArticle = Literal["le", "la", "l'", "les"]

TOPICS = ("respect", "quality", "transparency", "safety", "confidentiality", "care", "teamwork", "other")
Topic = Literal["respect", "quality", "transparency", "safety", "confidentiality", "care", "teamwork", "other"]


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
    article: FrenchArticle | None = Field(
        None,
        description="The French article the name takes in a sentence (le, la, l', les); leave out when none: "
        "la -> 'de la Clinique des Saules', none -> 'd'Atelier Lumen'.",
    )
    elision: bool | None = Field(
        None,
        description="Whether de/que become d'/qu' before the name; by default yes before a vowel or an h. "
        "Set false for a name with an aspirated h (Hachette).",
    )
    noun: Text | None = Field(
        None,
        description="How running text names the company, with its article: {fr: la clinique, en: the clinic}. "
        "Default: {fr: l'entreprise, en: the company}.",
    )
    region: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = Field(
        None,
        description="Where the company is, as a US state or Canadian province code (CA, NY, VT, ON, QC...): "
        "the pages add that state's or province's own laws where the kit knows them.",
    )
    employees: Annotated[int, Field(ge=1, le=1_000_000)] | None = Field(
        None,
        description="How many employees the company has (a head count): the adoption page uses it "
        "(in France, work rules are compulsory from 50 employees).",
    )

    @property
    def display_legal_name(self) -> str:
        return self.legal_name or self.name


class Value(Strict):
    name: Text
    meaning: Text = Field(description="One sentence: what this value means for how we behave online.")
    topic: Topic | None = Field(
        None,
        description="What the value is about, so pages quote it where it fits: " + ", ".join(TOPICS) + ".",
    )


class Contact(Strict):
    name: Text = Field(description="The person's name; a pair when it differs by language: {fr: Dre Anne Roy, en: Dr. Anne Roy}.")
    title: Text = Field(description="Job title, e.g. {fr: Coordonnatrice marketing, en: Marketing coordinator}.")
    email: EmailStr | None = None
    phone: Phone | None = None

    @model_validator(mode="after")
    def _reachable(self) -> "Contact":
        if self.email is None and self.phone is None:
            raise ValueError("needs an email or a phone (or both), so that people can reach this person")
        return self

    def _phone_parts(self) -> tuple[str, str | None]:
        """The number and its extension ("poste 101", "ext. 101", "x101"), however the company wrote it."""
        match = re.match(r"^(.*?)(?:\s*,?\s*(?:ext\.?|poste|x)\s*([0-9]+))?$", str(self.phone), re.IGNORECASE)
        return match.group(1), match.group(2)

    def phone_in(self, locale: str) -> str | None:
        """The number as the page's language writes an extension: "poste 101" in French, "ext. 101" in English."""
        if self.phone is None:
            return None
        main, extension = self._phone_parts()
        if not extension:
            return str(self.phone)
        return f"{main}, {'poste' if locale == 'fr' else 'ext.'} {extension}"

    @property
    def tel_uri(self) -> str | None:
        """The phone number as a tel: link (RFC 3966), extension included."""
        if self.phone is None:
            return None
        main, extension = self._phone_parts()
        digits = "".join(c for c in main if c.isdigit())
        number = ("+" if main.strip().startswith("+") else "") + digits
        return f"tel:{number}" + (f";ext={extension}" if extension else "")


class Contacts(Strict):
    social_media: Contact = Field(description="Runs the official accounts; first person to call about social media.")
    hr: Contact | None = Field(
        None,
        description="Human resources, if the company has someone in that role; without it, management answers "
        "questions about the policy and no page speaks of human resources.",
    )
    management: Contact = Field(description="The manager who decides in a crisis and approves the policy.")
    legal: Contact | None = Field(None, description="Legal counsel or whoever handles legal questions, if any.")
    privacy: Contact | None = Field(
        None,
        description="The person in charge of personal information (Quebec: required by Law 25, title and contact "
        "published; EU: the data protection officer, where there is one).",
    )

    @property
    def people(self) -> Contact:
        """Who handles questions about the policy and people matters: human resources, or management."""
        return self.hr or self.management

    def role(self, key: str) -> Contact | None:
        return getattr(self, key)


class Account(Strict):
    platform: Platform  # type: ignore[valid-type]
    name: Line | None = Field(None, description="The platform's name, for platform: other.")
    handle: Line
    url: WebAddress
    managed_by: Role = Field(description="The contact role (under contacts) who runs this account.")
    purpose: Text | None = Field(None, description="What the company publishes there.")

    @model_validator(mode="after")
    def _named_when_other(self) -> "Account":
        if self.platform.value == "other" and self.name is None:
            raise FieldProblem(("name",), "is missing: platform is other, so give the platform's name, like name: Viadeo")
        if self.platform.value != "other" and self.name is not None:
            raise FieldProblem(("name",), "is only for platform: other; remove it (the kit knows this platform's name)")
        return self

    @property
    def platform_name(self) -> str:
        return self.name or PLATFORMS[self.platform.value]


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
    newspaper: Text = Field(
        description="A newspaper your employees know, for the front-page test, written as on its front page "
        "(Le Soleil, La Presse, The Boston Globe): the pages add 'du', 'de La', 'the' where a sentence needs them."
    )
    english_article: Literal["the", "none"] | None = Field(
        None,
        description="Whether English sentences put 'the' before the newspaper's name ('the Boston Globe'); "
        "by default yes, unless the name starts with The. Set none for names like USA Today.",
    )

    def __str__(self) -> str:
        """The newspaper's name as written, in the page's language; `| prep(...)` for it inside a sentence."""
        return str(self.newspaper)


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


class PracticeChoices(Strict):
    """The company's practices; each key left out takes the sector's default (see macros/company/sectors/)."""

    vehicles: bool | None = Field(None, description="Company vehicles with the company's name or logo on them.")
    branded_clothing: bool | None = Field(None, description="Clothing, uniforms or badges with the company's logo.")
    workplaces: list[Workplace] | None = Field(
        None, min_length=1, description="Where the work happens: client_premises, own_premises, office, remote."
    )
    supervisors: bool | None = Field(None, description="Employees have a supervisor or team lead.")
    password_manager: bool | None = Field(None, description="Shared passwords live in a password manager.")
    minors_on_staff: bool | None = Field(None, description="Some employees are under 18.")
    physical_risks: bool | None = Field(None, description="The work has physical safety risks a photo could show.")
    confidential_clients: bool | None = Field(
        None,
        description="The mere fact of being a client is confidential (lawyers, accountants, therapists; "
        "on by default in health): replies never confirm that someone is a client.",
    )
    business_development: bool | None = Field(None, description="Sales or business-development staff.")


class CompanyFile(Strict):
    """Everything the site says about one company."""

    company: Company
    sector: Sector = Field(
        "generic",
        description="The kind of business, for examples and scenarios: trades, health, professional_services, "
        "hospitality_retail or generic.",
    )
    practices: PracticeChoices = Field(default_factory=PracticeChoices)
    overrides: dict[str, Any] = Field(
        default_factory=dict,
        description="Replace any slot of the sector's data (see macros/company/sectors/<sector>.yml) with your own.",
    )
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
        if self.jurisdiction == Jurisdiction.qc and self.languages[0] != "fr":
            raise FieldProblem(
                ("languages",),
                "must put fr first because jurisdiction is qc: the French version must be at least as accessible "
                "as any other (Charter of the French language, s. 41), so it opens at the site's root; "
                "write languages: [fr, en]",
            )
        if self.jurisdiction == Jurisdiction.fr and "fr" not in self.languages:
            raise FieldProblem(
                ("languages",),
                "must include fr because jurisdiction is fr: in France, a document that sets obligations "
                "for employees must be written in French (Code du travail, art. L1321-6); add fr, "
                "for example languages: [fr, en]",
            )
        self._check_region()
        for index, account in enumerate(self.official_accounts):
            if self.contacts.role(account.managed_by) is None:
                raise FieldProblem(
                    ("official_accounts", index, "managed_by"),
                    f"is {account.managed_by}, but contacts has no {account.managed_by}: "
                    "add that contact under contacts, or choose another role",
                )
        self._resolve_sector()
        return self

    def _check_region(self) -> None:
        region = self.company.region
        if region is None:
            return
        country = places().country(region)
        if country is None:
            raise FieldProblem(
                ("company", "region"),
                f"is {region!r}, which is not a US state or Canadian province code; write it like CA, NY, VT or ON",
            )
        allowed = {
            Jurisdiction.us: ("us", "a US state, like CA or NY"),
            Jurisdiction.qc: ("ca", "QC"),
            Jurisdiction.fr: (None, ""),
        }.get(self.jurisdiction)
        if allowed is None:
            return
        if allowed[0] is None:
            raise FieldProblem(
                ("company", "region"),
                "is only for US states and Canadian provinces; remove it (jurisdiction is fr)",
            )
        if country != allowed[0] or (self.jurisdiction == Jurisdiction.qc and region != "QC"):
            raise FieldProblem(
                ("company", "region"),
                f"is {region!r}, but jurisdiction is {self.jurisdiction.value}: use {allowed[1]}, "
                "or remove region",
            )

    # --- the sector's data, with the company's practices and overrides --------------------------

    _sector_data: Any = PrivateAttr(None)
    _practices: Any = PrivateAttr(None)

    def _resolve_sector(self) -> None:
        defaults = sectors.sector_file_data(self.sector)["practices"]
        chosen = self.practices.model_dump(exclude_none=True)
        self._practices = sectors.Practices.model_validate({**defaults, **chosen})
        unknown = sorted(set(self.overrides) - set(sectors.SLOTS))
        if unknown:
            hint = difflib.get_close_matches(unknown[0], sectors.SLOTS, n=1)
            raise FieldProblem(
                ("overrides", unknown[0]),
                "is not a slot of the sector's data"
                + (
                    f'. Did you mean "{hint[0]}"? Remove it or correct its spelling'
                    if hint
                    else f"; slots: {', '.join(sectors.SLOTS)}"
                ),
            )
        mapping = {locale: self.placeholders(locale) for locale in LOCALES}
        try:
            self._sector_data = sectors.resolve(self.sector, self.overrides, mapping)
        except ValidationError as error:
            first = error.errors(include_url=False)[0]
            loc = tuple(first["loc"])
            raise FieldProblem(("overrides", *loc), _override_message(first, self.sector)) from None
        except sectors.PlaceholderProblem as problem:
            raise FieldProblem(("overrides", *problem.loc), problem.message) from None
        except (ValueError, KeyError, IndexError, AttributeError) as error:
            raise FieldProblem(("overrides",), shown(str(error))) from None

    @property
    def sector_data(self) -> Any:
        """The sector's slots (macros/company/sector.py SectorData), with overrides and placeholders filled."""
        return self._sector_data

    @property
    def practices_in_effect(self) -> Any:
        """The company's practices (macros/company/sector.py Practices): its own choices over the sector's defaults."""
        return self._practices

    def value_for(self, topic: str) -> Value | None:
        """The company's first value about a topic (respect, safety...), or None: pages quote it where it fits."""
        return next((value for value in self.values if value.topic == topic), None)

    def company_phrase(self, locale: str) -> "NamePhrase":
        """The company's name as a phrase that takes an article in French (grammar.py)."""
        if locale == "fr":
            return NamePhrase(self.company.article, self.company.name, elision=self.company.elision)
        return NamePhrase(None, self.company.name)

    def legal_phrase(self, locale: str) -> "NamePhrase":
        """The legal name as a phrase: it takes the company's article when it starts with the name
        ("de la Clinique dentaire des Saules inc."), none otherwise ("de 9123-4567 Québec inc.")."""
        legal = self.company.display_legal_name
        if locale == "fr" and legal.startswith(self.company.name):
            return NamePhrase(self.company.article, legal, elision=self.company.elision)
        return NamePhrase(None, legal)

    def noun_phrase(self, locale: str) -> "NamePhrase":
        """How running text names the company: 'la clinique', 'the clinic' (default: l'entreprise, the company)."""
        text = self.company.noun.get(locale) if self.company.noun else DEFAULT_NOUN[locale]
        return parse_french(text) if locale == "fr" else NamePhrase(None, text)

    def newspaper_phrase(self, locale: str) -> "NamePhrase":
        text = self.front_page_test.newspaper.get(locale)
        return parse_french(text) if locale == "fr" else parse_english(text, self.front_page_test.english_article)

    def placeholders(self, locale: str) -> dict[str, str]:
        """What sector text placeholders stand for, in one language (macros/company/sector.py)."""
        contacts = self.contacts
        name = lambda person: person.name.get(locale)  # noqa: E731
        company = self.company_phrase(locale)
        return {
            "social_media": name(contacts.social_media),
            "management": name(contacts.management),
            "hr": name(contacts.people),
            "privacy": name(contacts.privacy or contacts.management),
            "legal": name(contacts.legal or contacts.management),
            "company": name_in_sentence(company, locale),
            "de_company": name_in_sentence(company, locale, "de" if locale == "fr" else "of"),
            "a_company": name_in_sentence(company, locale, "à" if locale == "fr" else "at"),
        }


def _override_message(error: dict[str, Any], sector: str) -> str:
    """A pydantic error in an override, in the kit's plain words, pointing at the sector file for the shape."""
    shape = f"copy the slot's shape from macros/company/sectors/{sector}.yml"
    kind, message = error["type"], error["msg"].removeprefix("Value error, ")
    if kind == "missing":
        return f"is missing: {shape} (texts need fr and en)"
    if kind == "literal_error":
        return f"is {error['input']!r}, but it must be " + message.removeprefix("Input should be ")
    if kind in ("too_short", "too_long"):
        return "has the wrong number of items: " + message.replace(" after validation", "").lower()
    if kind == "extra_forbidden":
        return f"is not a key of this slot: {shape}"
    return message


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
