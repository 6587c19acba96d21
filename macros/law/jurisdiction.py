"""Jurisdictions as data: each jurisdiction's legal paragraphs, words and adoption steps, in one file.

Each jurisdiction is one file, `macros/law/jurisdictions/<code>.yml`, French and English side by side, that
fills every slot the catalogue `macros/law/data/slots.yml` declares (and no other). Pages keep one structure
and the prose that holds everywhere, and name slots:

    {{ law('private_life.loyalty') }}   a legal paragraph in the page's language (Markdown and Jinja: it may
                                        cite(), name {{ noun }}, use words.x, company, adoption...)
    {{ words.dismissal }}               a word as this jurisdiction says it (legal and everyday)

A slot set to `~` (null) in a file says "this jurisdiction has nothing to add here" and prints nothing; it must
still be written, so that a missing slot is an error and not a silence.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from jinja2 import pass_context
from markupsafe import Markup
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, create_model

from macros.company.kitfile import KitFileError, load_kit_file
from macros.company.types import Localized
from macros.language.text import current_locale

LAW_DIR = Path(__file__).parent
JURISDICTIONS_DIR = LAW_DIR / "jurisdictions"
SLOTS_FILE = LAW_DIR / "data" / "slots.yml"


def _not_blank(value: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("is empty; write the text, or write ~ for the whole slot when this jurisdiction has nothing to say")
    return value


Paragraph = Annotated[str, AfterValidator(_not_blank)]


def _pattern(value: str) -> str:
    try:
        re.compile(value)
    except re.error as error:
        raise ValueError(f"is not a regular expression ({error}); escape ( ) [ ] . * + ? with a backslash") from None
    return value


class LawText(BaseModel):
    """A legal paragraph or phrase, in both languages (Markdown with Jinja; several lines allowed)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fr: Paragraph
    en: Paragraph

    def get(self, locale: str) -> str:
        return getattr(self, locale)


class AdoptionFacts(BaseModel):
    """The numbers the adoption steps compute with (macros/law/adoption.py), ~ where the rule does not exist."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    work_rules_from: int | None = Field(description="Head count from which written work rules are compulsory.")
    in_force_months: int | None = Field(
        description="Months between the last filing and display formality and the rules' entry into force."
    )


class SlotCatalogue(BaseModel):
    """macros/law/data/slots.yml: every word and every slot a jurisdiction fills, with what it holds."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    words: dict[str, str] = Field(description="word -> what it is (a description for whoever writes a file)")
    slots: dict[str, dict[str, str]] = Field(description="page -> slot -> what the slot holds")


@functools.lru_cache(maxsize=None)
def catalogue() -> SlotCatalogue:
    """The catalogue of slots (kit data: read once per process)."""
    return load_kit_file(SLOTS_FILE, SlotCatalogue)


_FROZEN = ConfigDict(extra="forbid", frozen=True)


@functools.lru_cache(maxsize=None)
def jurisdiction_model() -> type[BaseModel]:
    """The model of one jurisdiction file, built from the catalogue: every slot required, nothing else allowed."""
    cat = catalogue()
    words = create_model("Words", __config__=_FROZEN, **{w: (Localized, Field(description=d)) for w, d in cat.words.items()})
    pages = {
        page: (
            create_model(
                f"Slots_{page}", __config__=_FROZEN,
                **{slot: (LawText | None, Field(description=d)) for slot, d in slots.items()},
            ),
            ...,
        )
        for page, slots in cat.slots.items()
    }
    return create_model(
        "JurisdictionFile", __config__=_FROZEN,
        name=(Localized, Field(description="The jurisdiction's name: {fr: Québec, en: Quebec}.")),
        at_will=(bool, Field(description="Employment is at will here (either side may end it without cause); "
                             "macros/law/data/regions.yml lists the states where it is not (good_cause).")),
        region_country=(Literal["us", "ca"] | None, Field(
            description="Whose states or provinces company.region names here (us, ca), or ~ when none.")),
        adoption=(AdoptionFacts, Field(description="The numbers of the adoption steps.")),
        avoid=(list[Annotated[str, AfterValidator(_pattern)]], Field(
            description="Words this jurisdiction's French readers do not use (regular expressions, whole words, "
                        "any case): a test fails when its French pages contain one.")),
        words=(words, ...),
        **pages,
    )


class JurisdictionFileError(KitFileError):
    """A jurisdiction file that does not fill the catalogue: every problem, each with its file, line and key."""


def codes() -> list[str]:
    """The jurisdictions the kit has a file for (found in the folder: a new file is picked up by itself)."""
    return sorted(path.stem for path in JURISDICTIONS_DIR.glob("*.yml"))


@functools.lru_cache(maxsize=None)
def jurisdiction_data(code: str) -> BaseModel:
    """One jurisdiction file, validated against the catalogue (kit data: read once per process)."""
    path = JURISDICTIONS_DIR / f"{code}.yml"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such jurisdiction file (jurisdiction {code!r})")
    try:
        return load_kit_file(path, jurisdiction_model())
    except KitFileError as error:
        raise JurisdictionFileError(error.file, error.problems) from None


def slot_text(code: str, name: str, locale: str) -> str | None:
    """The text of one slot ('page.slot') for a jurisdiction, in a language; None when the file says ~."""
    page, _, slot = name.partition(".")
    slots = catalogue().slots
    if page not in slots or slot not in slots[page]:
        raise KeyError(f"law({name!r}): no such slot; declare it in macros/law/data/slots.yml and fill it in every file")
    value = getattr(getattr(jurisdiction_data(code), page), slot)
    return None if value is None else value.get(locale)


def at_will(code: str, region: str | None) -> bool:
    """Whether the pages may say employment is at will: the jurisdiction's rule, unless the state requires good cause."""
    from macros.law.sources import regions  # kit data, read once

    return bool(jurisdiction_data(code).at_will) and region not in regions().good_cause


def word(key: str, locale: str, jurisdiction: str) -> str:
    """One word in a language, as the jurisdiction says it."""
    if key not in catalogue().words:
        raise AttributeError(f"words.{key}: no such word in macros/law/data/slots.yml")
    return getattr(jurisdiction_data(jurisdiction).words, key).get(locale)


class Words:
    """The `words` page variable: `words.dismissal` prints the word in the page's language."""

    def __init__(self, jurisdiction: str) -> None:
        self.jurisdiction = jurisdiction

    def __getattr__(self, key: str) -> str:
        if key.startswith("_"):
            raise AttributeError(key)
        return word(key, current_locale(), self.jurisdiction)


def law_macro(jurisdiction: str):
    """The `law('page.slot')` macro: the slot rendered with the page's own variables (cite, noun, words...)."""

    @pass_context
    def law(context, name: str, **extra: Any) -> Markup:
        """A legal paragraph of the company's jurisdiction (macros/law/jurisdictions/<code>.yml)."""
        text = slot_text(jurisdiction, name, current_locale())
        if text is None:
            return Markup("")
        environment = context.environment
        compiled = getattr(environment, "law_templates", None)
        if compiled is None:  # the compiled slots live with the build's environment, not the module
            compiled = environment.law_templates = {}
        template = compiled.get(text)
        if template is None:
            template = compiled[text] = environment.from_string(text)
        return Markup(template.render({**context.get_all(), **extra}))

    return law
