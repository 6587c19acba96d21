"""The registry of legal sources (macros/law/data/sources.yml), the state and provincial laws shown where the company
is (macros/law/data/regions.yml), and the record of which page and section cites what (for the lawyer's page).

Pages cite with `{{ cite('qc-ccq-2088') }}`: the article in the reader's language, linked to its official text.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from macros.company.kitfile import load_kit_file
from macros.company.places import places
from macros.company.types import Localized

DATA_DIR = Path(__file__).parent / "data"

# Hosts of official texts: legislatures, official gazettes and codes, courts, regulators, CanLII.
OFFICIAL_HOSTS = (
    "www.legisquebec.gouv.qc.ca",
    "www.legifrance.gouv.fr",
    "code.travail.gouv.fr",
    "www.courdecassation.fr",
    "eur-lex.europa.eu",
    "www.ecfr.gov",
    "uscode.house.gov",
    "www.nlrb.gov",
    "www.canlii.org",
    "leginfo.legislature.ca.gov",
    "www.nysenate.gov",
    "www.ontario.ca",
    "leg.mt.gov",
    "laws-lois.justice.gc.ca",
)

Jurisdiction = Literal["qc", "fr", "us", "eu", "us-ca", "us-ny", "us-mt", "ca", "ca-on"]


def _official(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.hostname not in OFFICIAL_HOSTS:
        raise ValueError(f"{url!r} is not an https address on an official host ({', '.join(OFFICIAL_HOSTS)})")
    return url


OfficialUrl = Annotated[str, AfterValidator(_official)]


class LocalizedUrl(BaseModel):
    """One address for both languages, or one per language (LégisQuébec, EUR-Lex, CanLII)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fr: OfficialUrl
    en: OfficialUrl

    @model_validator(mode="before")
    @classmethod
    def _one_for_both(cls, value: Any) -> Any:
        return {"fr": value, "en": value} if isinstance(value, str) else value

    def get(self, locale: str) -> str:
        return getattr(self, locale)


class Source(BaseModel):
    """One statute article, regulation or decision, with its official text."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=r"^[a-z]{2}(-[a-z0-9]+)+$")]
    jurisdiction: Jurisdiction
    kind: Literal["statute", "regulation", "case"] = "statute"
    statute: Localized = Field(description="The law, regulation or decision, as named in a citation.")
    article: Localized | None = Field(None, description="The article as cited in running text; none for a case.")
    title: Localized = Field(description="What it is about, in one line (the lawyer's page).")
    url: LocalizedUrl
    link: Literal["article", "code", "search"] = Field(
        "article", description="article: the address opens the text itself; code: the whole code; search: a search."
    )
    checked: dt.date | None = None

    @model_validator(mode="after")
    def _article_unless_case(self) -> "Source":
        if self.kind != "case" and self.article is None and self.link != "article":
            raise ValueError(f"{self.id}: a statute linked to a whole code must name its article")
        return self

    def text(self, locale: str, form: str = "full") -> str:
        """How the citation reads: 'Code civil du Québec, art. 2088' (full) or 'art. 2088' (article)."""
        if form == "article" and self.article is not None:
            return self.article.get(locale)
        if form not in ("full", "article", "statute"):
            raise ValueError(f"cite: form is {form!r}; use 'full', 'article' or 'statute'")
        if form == "statute" or self.article is None:
            return self.statute.get(locale)
        return f"{self.statute.get(locale)}, {self.article.get(locale)}"


class RegionLaw(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    topic: Literal["accounts", "off_duty", "publicity", "workplace"]
    source: str
    says: Localized


class Regions(BaseModel):
    """The state and provincial laws the pages add where the company is; names and codes come from places.yml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    laws: dict[str, list[RegionLaw]]
    good_cause: list[str] = Field(
        default_factory=list,
        description="States where, after probation, discharge needs good cause: no 'at will' sentence there.",
    )

    def known(self, country: str | None = None) -> list[str]:
        """The regions whose own laws the kit knows (all, or one country's), in file order."""
        return [code for code in self.laws if country is None or self.country(code) == country]

    def name(self, code: str, locale: str) -> str:
        return places().name(code, locale)

    def country(self, code: str) -> Literal["us", "ca"] | None:
        return places().country(code)


class Registry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    checked: dt.date
    sources: list[Source]

    @model_validator(mode="after")
    def _unique(self) -> "Registry":
        seen: set[str] = set()
        for source in self.sources:
            if source.id in seen:
                raise ValueError(f"source {source.id} is listed twice")
            seen.add(source.id)
        return self

    def get(self, source_id: str) -> Source:
        for source in self.sources:
            if source.id == source_id:
                return source
        raise KeyError(f"cite({source_id!r}): no such source in macros/law/data/sources.yml")

    def checked_on(self, source: Source) -> dt.date:
        return source.checked or self.checked


@functools.lru_cache(maxsize=None)
def registry() -> Registry:
    """The sources, validated (kit data: read once per process)."""
    return load_kit_file(DATA_DIR / "sources.yml", Registry)


@functools.lru_cache(maxsize=None)
def regions() -> Regions:
    data = load_kit_file(DATA_DIR / "regions.yml", Regions)
    known = {source.id for source in registry().sources}
    for code, laws in data.laws.items():
        if data.country(code) is None:
            raise ValueError(f"regions.yml: laws for {code}, which is not a region code")
        for law in laws:
            if law.source not in known:
                raise ValueError(f"regions.yml: {code} cites {law.source}, which is not in sources.yml")
    for code in data.good_cause:
        if data.country(code) != "us":
            raise ValueError(f"regions.yml: good_cause lists {code}, which is not a US state code")
    return data


# --- Which page and section cites what ---------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """One citation as a reader meets it: the page, the section above it, the statement, the source."""

    locale: str
    page_url: str
    page_title: str
    section: str
    anchor: str
    statement: str
    source_id: str
