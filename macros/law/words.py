"""Legal words per jurisdiction (macros/law/data/words.yml): `{{ words.dismissal }}` in the page's language."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml
from pydantic import RootModel

from macros.language.text import current_locale

WORDS_FILE = Path(__file__).parent / "data" / "words.yml"

Choice = str | dict[str, str]


class WordsFile(RootModel[dict[str, dict[str, Choice]]]):
    """word -> language -> text, or {default: text, <jurisdiction>: text}."""


@functools.lru_cache(maxsize=None)
def words_data() -> dict[str, dict[str, Choice]]:
    data = WordsFile.model_validate(yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))).root
    for word, languages in data.items():
        if set(languages) != {"fr", "en"}:
            raise ValueError(f"words.yml: {word} needs fr and en")
        for choice in languages.values():
            if isinstance(choice, dict) and "default" not in choice:
                raise ValueError(f"words.yml: {word} needs a default beside its jurisdictions")
    return data


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
