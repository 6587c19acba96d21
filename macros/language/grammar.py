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


# --- People in sentences: a noun with its gender and number, and every word that agrees with it ------------
#
#   noun_phrase(Noun("famille", "familles", "f"), "fr", "un", after="mécontent")   -> "une famille mécontente"
#   noun_phrase(Noun("client", "clients", "m"), "fr", "de", before="vrai", plural=True) -> "de vrais clients"
#   noun_phrase(Noun("enfant", "enfants", "m"), "fr", "de le")                       -> "de l'enfant"
#   noun_phrase(Noun("participant", "participants", "m"), "en", "a", before="unhappy") -> "an unhappy participant"
#   pronoun(Noun("famille", "familles", "f"), "fr", "direct")                        -> "la"
#
# Pages call the `np`, `pron` and `agree` filters (macros/pages/render.py) on `sector.people` or
# `sector.people.audience`; the sentence is written once for every noun a sector or an override may choose.


@dataclass(frozen=True)
class Noun:
    """A noun for people in one language: singular, plural and its French gender ('m' or 'f')."""

    one: str
    many: str
    gender: str = "m"

    def form(self, plural: bool) -> str:
        return self.many if plural else self.one


# Adjectives whose feminine or plural is not the regular +e / +s (masculine singular -> f, m plural, f plural).
IRREGULAR_ADJECTIVES = {
    "nouveau": ("nouvelle", "nouveaux", "nouvelles"),
    "beau": ("belle", "beaux", "belles"),
    "vieux": ("vieille", "vieux", "vieilles"),
    "tout": ("toute", "tous", "toutes"),
    "seul": ("seule", "seuls", "seules"),
    "fâché": ("fâchée", "fâchés", "fâchées"),
}
# Adjectives that go before the noun take "de" instead of "des" in the plural: "de vrais clients".
BEFORE_NOUN = {"vrai", "nouveau", "beau", "vieux", "bon", "grand", "petit", "autre", "ancien", "premier", "dernier"}


def french_adjective(adjective: str, gender: str, plural: bool) -> str:
    """An adjective that agrees: mécontent -> mécontente, mécontents, mécontentes; nouveau -> nouvelle..."""
    if adjective in IRREGULAR_ADJECTIVES:
        feminine, masc_plural, fem_plural = IRREGULAR_ADJECTIVES[adjective]
        return {(False, False): adjective, (True, False): feminine, (False, True): masc_plural}.get(
            (gender == "f", plural), fem_plural
        )
    word = adjective
    if gender == "f":
        for ending, replacement in (("eux", "euse"), ("if", "ive"), ("er", "ère"), ("el", "elle"), ("on", "onne"),
                                    ("en", "enne"), ("et", "ette")):
            if word.endswith(ending) and word not in ("complet", "inquiet", "secret", "discret"):
                word = word[: -len(ending)] + replacement
                break
        else:
            if word in ("complet", "inquiet", "secret", "discret"):
                word = word[:-2] + "ète"
            elif not word.endswith("e"):
                word += "e"
    if plural and not word.endswith(("s", "x")):
        word = word[:-3] + "eaux" if word.endswith("eau") else (word[:-2] + "aux" if word.endswith("al") else word + "s")
    return word


def _vowel(word: str) -> bool:
    return bool(word) and (word[0] in VOWELS or word[0] in "hH")


FRENCH_DETERMINERS = {
    # determiner (as written for a masculine singular noun) -> (masculine, feminine, before a vowel, plural)
    "": ("", "", "", ""),
    "un": ("un", "une", None, "des"),
    "d'un": ("d'un", "d'une", None, "de"),
    "le": ("le", "la", "l'", "les"),
    "du": ("du", "de la", "de l'", "des"),
    "au": ("au", "à la", "à l'", "aux"),
    "ce": ("ce", "cette", "cet", "ces"),
    "chaque": ("chaque", "chaque", None, "tous les"),
    "aucun": ("aucun", "aucune", None, "aucun"),
    "son": ("son", "sa", "son", "ses"),
    "notre": ("notre", "notre", None, "nos"),
    "leur": ("leur", "leur", None, "leurs"),
    "de": ("de", "de", "d'", "de"),  # partitive plural: de vrais clients, d'autres familles
    "des": ("des", "des", None, "des"),
}
FRENCH_DETERMINERS["de le"] = FRENCH_DETERMINERS["du"]
FRENCH_DETERMINERS["à le"] = FRENCH_DETERMINERS["au"]


def _join(determiner: str, rest: str) -> str:
    if not determiner:
        return rest
    return determiner + rest if determiner.endswith("'") else f"{determiner} {rest}"


def noun_phrase(
    noun: Noun, locale: str, determiner: str = "", before: str | None = None, after: str | None = None,
    plural: bool = False,
) -> str:
    """The noun with a determiner and adjectives that agree with its gender and number, in one language.
    French determiners are written as for a masculine singular noun ("un", "le", "du", "au", "ce", "d'un",
    "de"); English ones as "a" or "the"."""
    if locale != "fr":
        words = " ".join(w for w in (before, noun.form(plural), after) if w)
        if determiner in ("a", "an"):
            if plural:
                return words
            first = words.split()[0].lower()
            article = "an" if (first[:1] in "aeiou" and not first.startswith(("uni", "use", "usu", "eu", "one"))
                              or first.startswith(("hour", "honest", "heir"))) else "a"
            return f"{article} {words}"
        return f"{determiner} {words}" if determiner else words
    if determiner not in FRENCH_DETERMINERS:
        raise ValueError(f"np: unknown French determiner {determiner!r}; use one of {', '.join(FRENCH_DETERMINERS)}")
    masculine, feminine, vowel_form, plural_form = FRENCH_DETERMINERS[determiner]
    adjective_before = french_adjective(before, noun.gender, plural) if before else ""
    if before and not plural and before in IRREGULAR_ADJECTIVES and noun.gender == "m" and _vowel(noun.one):
        adjective_before = {"nouveau": "nouvel", "beau": "bel", "vieux": "vieil"}[before]
    rest = " ".join(w for w in (adjective_before, noun.form(plural)) if w)
    if after:
        rest += " " + french_adjective(after, noun.gender, plural)
    if plural:
        chosen = plural_form
        if chosen == "des" and before in BEFORE_NOUN:
            chosen = "de"
        if chosen == "de" and _vowel(rest):
            chosen = "d'"
        return _join(chosen, rest)
    chosen = feminine if noun.gender == "f" else masculine
    if vowel_form is not None and _vowel(rest):
        chosen = vowel_form
    return _join(chosen, rest)


FRENCH_PRONOUNS = {
    # case -> (masculine singular, feminine singular, masculine plural, feminine plural)
    "subject": ("il", "elle", "ils", "elles"),
    "direct": ("le", "la", "les", "les"),
    "indirect": ("lui", "lui", "leur", "leur"),
    "stressed": ("lui", "elle", "eux", "elles"),
    "one": ("un", "une", "uns", "unes"),  # un par un, une par une
}
ENGLISH_PRONOUNS = {
    "subject": ("they", "they"), "direct": ("them", "them"), "indirect": ("them", "them"),
    "stressed": ("them", "them"), "one": ("one", "one"),
}


def pronoun(noun: Noun, locale: str, case: str, plural: bool = False) -> str:
    """The pronoun that stands for the noun: French il/elle/ils/elles, le/la/les, lui/leur, lui/elle/eux/elles."""
    if locale != "fr":
        return ENGLISH_PRONOUNS[case][plural]
    if case not in FRENCH_PRONOUNS:
        raise ValueError(f"pron: unknown case {case!r}; use one of {', '.join(FRENCH_PRONOUNS)}")
    return FRENCH_PRONOUNS[case][2 * plural + (noun.gender == "f")]


# --- The organization's own noun in kit text -----------------------------------------------------------------
# Kit data (sector files, quiz) is written with "l'entreprise" / "the company"; a site whose noun is another
# ("le CPE", "l'organisme", "the centre") reads its own noun there, with the preposition before it recast
# (de l'entreprise -> du CPE, chez l'entreprise -> au CPE).

_FRENCH_COMPANY = re.compile(
    r"(?:\b(?P<prep>de|à|que|par|pour|sur|envers|dans|avec|chez|entre|sans|contre)\s+)?"
    r"(?P<article>l)['’]entreprise\b",
    re.IGNORECASE,
)
_ENGLISH_COMPANY = re.compile(r"\b(?P<the>[Tt])he company\b")


def with_noun(text: str, phrase: NamePhrase, locale: str) -> str:
    """Kit text with "l'entreprise" / "the company" replaced by the organization's noun phrase."""
    if locale == "fr":
        def french_noun(match: re.Match[str]) -> str:
            prep = match.group("prep") or ""
            out = french(phrase, prep)
            capital = (prep[:1] or match.group("article")).isupper()
            return capitalize_first(out) if capital else out

        return _FRENCH_COMPANY.sub(french_noun, text)

    def english_noun(match: re.Match[str]) -> str:
        out = english(phrase)
        return capitalize_first(out) if match.group("the") == "T" else out

    return _ENGLISH_COMPANY.sub(english_noun, text)


# --- People's names and titles in sentences -------------------------------------------------------------------

_TITLE_ARTICLES = {"dre": "la", "pre": "la", "dr": "le", "pr": "le"}  # Me (maître) takes none


def contact_article(name: str, chosen: str | None = None) -> str | None:
    """The French article a person's name takes in a sentence: la Dre Anne Roy, le Dr Marc Roy, Me Anne Roy.
    `chosen` (company.yml: article) wins; "none" means none."""
    if chosen is not None:
        return None if chosen == "none" else chosen
    first = name.split(" ", 1)[0].rstrip(".").lower()
    return _TITLE_ARTICLES.get(first) if " " in name else None


def title_in_sentence(title: str, locale: str) -> str:
    """A job title inside a French sentence starts with a lower-case letter (Directrice générale -> directrice
    générale); a word in capitals (DPO, RH) or an English title stays as written."""
    if locale != "fr" or not title:
        return title
    first = title.split(" ", 1)[0]
    if len(first) > 1 and first[1:2].isupper():
        return title
    return title[:1].lower() + title[1:]
