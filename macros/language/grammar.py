"""Names in sentences: the French article, elision and contraction, and the English "the", decided in one place.

    name_in_sentence(NamePhrase("la", "Clinique des Saules"), "fr", "de")  -> "de la Clinique des Saules"
    name_in_sentence(NamePhrase(None, "Atelier Lumen"), "fr", "de")          -> "d'Atelier Lumen"
    name_in_sentence(NamePhrase("le", "Soleil", keep_case=False), "fr", "à") -> "au Soleil"
    name_in_sentence(NamePhrase("la", "Clinique des Saules"), "fr", "chez") -> "à la Clinique des Saules"
    name_in_sentence(NamePhrase("the", "Boston Globe"), "en", "of")          -> "of the Boston Globe"

Pages call the `prep` filter (macros/pages/render.py), which builds the phrase from company.yml and the page's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

VOWELS = "aeiouyàâäéèêëîïôöùûüœæAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ"

# de + le = du, à + le = au, de + les = des, à + les = aux
CONTRACTIONS = {("de", "le"): "du", ("à", "le"): "au", ("de", "les"): "des", ("à", "les"): "aux"}
# words that elide their last vowel before a vowel: de -> d', que -> qu'
ELIDING = {"de": "d'", "que": "qu'", "jusque": "jusqu'", "lorsque": "lorsqu'", "puisque": "puisqu'", "le": "l'", "la": "l'"}

LEADING_FR_ELIDED = re.compile(r"^(l['’])(?=\S)", re.IGNORECASE)
LEADING_EN = re.compile(r"^(the)\s+(?=\S)", re.IGNORECASE)


@dataclass(frozen=True)
class NamePhrase:
    """A name and the article it takes in a sentence (None: no article)."""

    article: str | None
    name: str
    elision: bool | None = None  # None: elide before a vowel or h
    article_as_written: str | None = None  # "La" in "La Presse": kept as written where it is not contracted

    def starts_with_vowel(self) -> bool:
        if self.elision is not None:
            return self.elision
        first = self.name[:1]
        return bool(first) and (first in VOWELS or first in "hH")


def parse_french(text: str) -> NamePhrase:
    """A French phrase that starts with its article ("la clinique", "L'Équipe", "Le Soleil") split in two."""
    match = LEADING_FR_ELIDED.match(text)
    if match:
        return NamePhrase("l'", text[match.end() :], article_as_written=match.group(1).replace("’", "'"))
    match = re.match(r"^(le|la|les)\s+(?=\S)", text, re.IGNORECASE)
    if match:
        return NamePhrase(match.group(1).lower(), text[match.end() :], article_as_written=match.group(1))
    return NamePhrase(None, text)


def parse_english(text: str, article: str | None = None) -> NamePhrase:
    """An English name: 'the' as the company chose (None: 'the' unless the name already starts with The)."""
    if LEADING_EN.match(text):
        return NamePhrase(None, text)
    if article == "none":
        return NamePhrase(None, text)
    return NamePhrase("the", text)


def french(phrase: NamePhrase, preposition: str = "") -> str:
    """The phrase after a French preposition (de, à, que, pour, chez... or none), with its article,
    contraction (du, au, des, aux) and elision (d', qu', l')."""
    prep, lower = preposition.strip(), preposition.strip().lower()
    article, written = phrase.article, phrase.article_as_written or phrase.article
    if lower == "chez" and article is not None:  # "chez" + a name with an article reads wrong: "à la Clinique", "au Café"
        prep, lower = ("À" if prep[:1].isupper() else "à"), "à"
    vowel = phrase.starts_with_vowel()
    if article in ("le", "la") and vowel:  # le/la before a vowel: l'
        article, written = "l'", ("L'" if written[:1].isupper() else "l'")
    if article in ("le", "les") and (lower, article) in CONTRACTIONS:
        merged = CONTRACTIONS[(lower, article)]
        return f"{merged.capitalize() if prep[:1].isupper() else merged} {phrase.name}"
    if article is None:
        core, core_vowel = phrase.name, vowel
    elif article == "l'":
        core, core_vowel = written + phrase.name, False
    else:
        core, core_vowel = f"{written} {phrase.name}", False
    if not prep:
        return core
    if core_vowel and lower in ELIDING and lower not in ("le", "la"):
        elided = ELIDING[lower]
        return (elided.capitalize() if prep[:1].isupper() else elided) + core
    return f"{prep} {core}"


def english(phrase: NamePhrase, preposition: str = "") -> str:
    """The phrase after an English preposition, with 'the' where the name takes it."""
    body = f"the {phrase.name}" if phrase.article == "the" else phrase.name
    return f"{preposition} {body}" if preposition else body


def name_in_sentence(phrase: NamePhrase, locale: str, preposition: str = "") -> str:
    return french(phrase, preposition) if locale == "fr" else english(phrase, preposition)


def capitalize_first(text: str) -> str:
    """Sentence case for a phrase that starts a sentence ("la clinique" -> "La clinique")."""
    return text[:1].upper() + text[1:]
