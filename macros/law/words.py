"""Legal words per jurisdiction (macros/law/data/words.yml): `{{ words.dismissal }}` in the page's language."""

from __future__ import annotations

import functools
from pathlib import Path


from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, RootModel

from macros.company.kitfile import load_kit_file
from macros.company.types import Jurisdiction, Line
from macros.language.text import current_locale

WORDS_FILE = Path(__file__).parent / "data" / "words.yml"

Choice = str | dict[str, str]


def _by_jurisdiction(value: dict[str, str]) -> dict[str, str]:
    if "default" not in value:
        raise ValueError("needs a default: beside its jurisdictions")
    return value


# {default: text, qc: text, fr: text}: the default, and the jurisdictions that say it otherwise
ByJurisdiction = Annotated[dict[Literal["default"] | Jurisdiction, Line], AfterValidator(_by_jurisdiction)]


class Word(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    fr: Line | ByJurisdiction
    en: Line | ByJurisdiction


class WordsFile(RootModel[dict[str, Word]]):
    """word -> language -> text, or {default: text, <jurisdiction>: text} (loader.load_kit_file checks it)."""


def _choice(value: str | dict[Any, str]) -> Choice:
    return value if isinstance(value, str) else {getattr(k, "value", k): v for k, v in value.items()}


@functools.lru_cache(maxsize=None)
def words_data() -> dict[str, dict[str, Choice]]:
    data = load_kit_file(WORDS_FILE, WordsFile).root
    return {key: {"fr": _choice(w.fr), "en": _choice(w.en)} for key, w in data.items()}


def word(key: str, locale: str, jurisdiction: str) -> str:
    """One legal word in a language, as the jurisdiction says it."""
    choice = words_data()[key][locale]
    return choice if isinstance(choice, str) else choice.get(jurisdiction, choice["default"])


class Words:
    """The `words` page variable: `words.dismissal` prints the word in the page's language."""

    def __init__(self, jurisdiction: str) -> None:
        self.jurisdiction = jurisdiction

    def __getattr__(self, key: str) -> str:
        if key.startswith("_") or key not in words_data():
            raise AttributeError(f"words.{key}: no such word in macros/law/data/words.yml")
        return word(key, current_locale(), self.jurisdiction)
