"""Sectors as data: the examples, people, scenarios and practices that differ from one kind of business to another.

Each sector is one file, `macros/company/sectors/<sector>.yml`, French and English side by side, that fills every slot
of `SectorData`. Pages name slots (`sector.people.many`, `sector.scenarios`...) and keep the prose that holds
for every company. A company can replace any top-level slot under `overrides:` in company.yml, and set its
own practices under `practices:` (the sector gives the defaults).

Sector text may name people and the company with placeholders, replaced in each language when the company
file is loaded (the result is plain text, escaped like all company text):

    {social_media} {management} {hr} {privacy} {legal}   a contact's name ({hr}, {privacy} and {legal}
                                                          fall back to management when the company has none)
    {company}                                             the company's name (French: with its article)
    {de_company} {a_company}                              French only: "de la Clinique", "d'Atelier", "au Groupe"
"""

from __future__ import annotations

import functools
import re
import string
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from macros.company.kitfile import load_kit_file
from macros.company.safety import shown as quoted
from macros.company.types import SECTORS, FieldProblem, Line, Localized, Workplace

SECTORS_DIR = Path(__file__).parent / "sectors"

PLACEHOLDERS = ("social_media", "management", "hr", "privacy", "legal", "company", "de_company", "a_company")


class PlaceholderProblem(ValueError):
    """A placeholder the kit does not fill; `loc` is where it is in the slot (keys, list indexes, language)."""

    def __init__(self, loc: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.loc = loc
        self.message = message


_PLACEHOLDER_LIST = ", ".join("{" + p + "}" for p in PLACEHOLDERS)


def _known_placeholders(value: str) -> str:
    """Sector text may only use the plain placeholders listed in this module's docstring: `{company}`, never a
    format (`{company:>9}`), a conversion (`{company!r}`), a field nested in a format (`{company:{x}}`), an index
    (`{company[0]}`) or an attribute (`{company.__class__}`): str.format would evaluate those."""
    try:
        parts = list(string.Formatter().parse(value))
    except ValueError:
        raise ValueError(
            "has a lone { or }: braces mark placeholders such as {social_media}; write {{ or }} for a brace"
        ) from None
    for _, field, spec, conversion in parts:
        if field is None:
            continue
        if field not in PLACEHOLDERS:
            shown_field = quoted(field)[1:-1]
            raise ValueError(
                f"uses {{{shown_field}}}, which is not a placeholder the kit knows; a placeholder is a plain name "
                f"in braces, one of {_PLACEHOLDER_LIST} (or write the text without braces)"
            )
        if spec or conversion:
            after = (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            raise ValueError(
                f"uses {{{field}{quoted(after)[1:-1]}}}: a placeholder is a plain name in braces, with nothing after "
                f"the name (no ':' or '!'); write {{{field}}}"
            )
    return value


BOOLEAN_PRACTICES = (
    "vehicles", "branded_clothing", "supervisors", "password_manager", "minors_on_staff", "physical_risks",
    "confidential_clients", "business_development",
)


def _practice_names(value: list[str]) -> list[str]:
    """`requires:` names practices that are on or off (not workplaces)."""
    for name in value:
        if name not in BOOLEAN_PRACTICES:
            raise ValueError(f"requires {name!r}, which is not a practice; use one of {', '.join(BOOLEAN_PRACTICES)}")
    return value


def shown(items: list[Any], practices: Any) -> list[Any]:
    """The scenarios or checklist items whose required practices are all on for this company."""
    return [item for item in items if all(getattr(practices, name) for name in item.requires)]


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)



class Group(Frozen):
    """A group of people named in sentences: the noun in the singular and the plural, and its French gender."""

    one: Localized = Field(description="One person: {fr: patient, en: patient}.")
    many: Localized = Field(description="Several: {fr: patients, en: patients}.")
    gender: Literal["m", "f"] = Field(description="French gender of the word (un client: m, une famille: f).")


class People(Group):
    """Who the company serves (patients, clients, children, the people we help), and, when they are not the
    same, those it deals with (their families, their parents, members and donors)."""

    one: Localized = Field(description="One person served: {fr: patient, en: patient}.")
    talk_to: Group | None = Field(
        None,
        description="Those you deal with when they are not those you serve (a child care centre serves "
        "children and talks to their parents): {one: {fr: parent, en: parent}, many: ..., gender: m}. "
        "Left out: the same people.",
    )

    minors: bool = Field(
        False,
        description="Those you serve are children: their consent is their parents' (talk_to), as photos and "
        "names of children need a parent's written consent.",
    )

    @property
    def consent(self) -> Group:
        """Whose consent a photo or a name of someone served needs: their own, or their parents' (minors)."""
        return (self.talk_to or self) if self.minors else self

    @property
    def audience(self) -> Group:
        """Those who write to us, review us and complain: `talk_to`, or the people served themselves."""
        return self.talk_to or self


class FrontPageExample(Frozen):
    """An example for the front-page test: would you like to see this on the front page of the newspaper?"""

    example: Localized
    verdict: Literal["yes", "no"]
    why: Localized


class ConfidentialItem(Frozen):
    """One kind of confidential information: a short name (used in the policy's definition) and examples."""

    name: Localized = Field(description="Short, for a list: {fr: Les dossiers des patients, en: Patient records}.")
    detail: Localized = Field(description="One sentence with concrete examples, for the conduct page.")


class ResponseExample(Frozen):
    """One branch of the response tree: a realistic example and a sample public reply."""

    example: Localized
    reply: Localized


class Responses(Frozen):
    crisis: ResponseExample = Field(description="What a crisis looks like in this sector, and a holding statement.")
    unhappy: ResponseExample = Field(description="An unhappy client/customer/patient, and the public reply.")
    misinformed: ResponseExample = Field(description="Someone who states something false in good faith.")
    troll: ResponseExample = Field(description="Provocation with nothing to correct; reply: what we do instead.")


class ChecklistItem(Frozen):
    """A question of the before-you-post self-check; ticking it means there is a risk."""

    text: Localized = Field(description="Worded so that a ticked box is a warning: 'A patient can be recognized'.")
    level: Literal["ask", "stop"] = Field(description="ask: ask the social media lead first; stop: don't post.")
    requires: list[str] = Field(
        default_factory=list, description="Practices that must be on for this item to be shown (e.g. vehicles)."
    )

    @field_validator("requires")
    @classmethod
    def _known_practices(cls, value: list[str]) -> list[str]:
        return _practice_names(value)


class InterviewQuestion(Frozen):
    question: Localized
    listen_for: Localized = Field(description="What a good answer contains.")


class CommunityManager(Frozen):
    """What the community manager's job looks like in this sector (job posting and interview)."""

    gather: Localized = Field(description="How they gather content here (where, from whom, with which checks).")
    field_time: Localized = Field(
        description="Follows 'Place of work: <town>,' in the job posting; no capital, no period "
        "(trades: {fr: avec du temps sur les chantiers auprès des équipes, en: with time on job sites alongside the crews})."
    )
    learn: Localized = Field(
        description="One full sentence in the job posting's list, with its period: "
        "{fr: Vous avez envie d'apprendre notre métier, sur les chantiers comme au bureau.}."
    )
    interview: list[InterviewQuestion] = Field(min_length=3, description="Sector questions for the interview.")


class Mistakes(Frozen):
    """The sector's examples for the page 'The 7 mistakes to avoid'."""

    anger: Localized = Field(description="A day that makes someone want to post in anger.")
    client_information: Localized = Field(description="What a photo or post reveals about the people served.")
    unsafe_photo: Localized = Field(description="A photo that shows an unsafe or careless practice.")
    criticism: Localized = Field(description="A public complaint an employee wants to answer themselves.")
    access: Localized = Field(
        description="A short phrase, no capital, no period: where a password gets left lying around "
        "(trades: {fr: un mot de passe sur un papillon collé dans le camion, en: a password on a sticky note in the truck})."
    )
    reviews: Localized = Field(description="When and how reviews get asked for, and what goes wrong.")


PolicySection = Literal["personal-use", "speaking", "confidentiality", "official-accounts", "monitoring", "breaches"]


class Choice(Frozen):
    text: Localized
    correct: bool = False
    why: Localized = Field(description="Shown after the answer: why it is right or wrong.")


class Question(Frozen):
    """A quiz question drawn from a scenario: one correct choice among three or four."""

    prompt: Localized
    choices: list[Choice] = Field(min_length=3, max_length=4)


class Scenario(Frozen):
    """A realistic case: what happens, what to do, what to avoid, and which rule applies."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]{2,40}$")]
    title: Localized
    situation: Localized
    do: list[Localized] = Field(min_length=2)
    avoid: list[Localized] = Field(min_length=1)
    policy_section: PolicySection = Field(description="The section of the policy this case applies.")
    requires: list[str] = Field(
        default_factory=list, description="Practices that must be on for this case to be shown (e.g. vehicles)."
    )
    question: Question

    @field_validator("requires")
    @classmethod
    def _known_practices(cls, value: list[str]) -> list[str]:
        return _practice_names(value)

    law: Literal["loyalty", "image", "expression", "concerted", "harassment", "criticism", "breach"] | None = Field(
        None,
        description="Optional: which legal note the scenarios page adds under this case, in the company's "
        "jurisdiction (loyalty: duty of loyalty and confidential information; image: a person's image; "
        "expression: freedom of opinion; concerted: US employees' right to discuss working conditions; "
        "harassment: the employer's duty to act when an employee is harassed, and the person's image; "
        "criticism: public criticism and journalists, where the US carve-out for working conditions applies; "
        "breach: personal information that leaks, and who must be told).",
    )


POLICY_SECTIONS: dict[str, dict[str, Any]] = {
    # policy_section -> its number and title on the policy page, in each language (docs/policy.*.md), and the
    # guide page that explains it (link text in each language; the link targets are the [guide-<section>]
    # references at the end of docs/scenarios.*.md), for the scenarios page's "which rule applies"
    "personal-use": {
        "number": 5, "fr": "Usage personnel", "en": "Personal use",
        "guide": {"fr": "le test de la une", "en": "the front-page test"},
    },
    "speaking": {
        "number": 6, "fr": "Parler de l'entreprise", "en": "Speaking about the company",
        "guide": {"fr": "dites pour qui vous travaillez", "en": "say who you work for"},
    },
    "confidentiality": {
        "number": 7, "fr": "Confidentialité", "en": "Confidentiality",
        "guide": {"fr": "ce qui reste confidentiel", "en": "what stays confidential"},
    },
    "official-accounts": {
        "number": 8, "fr": "Comptes officiels", "en": "Official accounts",
        "guide": {"fr": "les règles des comptes officiels", "en": "the rules of the official accounts"},
    },
    "monitoring": {
        "number": 9, "fr": "Surveillance", "en": "Monitoring",
        "guide": {"fr": "l'arbre de décision", "en": "the decision tree"},
    },
    "breaches": {
        "number": 10, "fr": "Manquements et conséquences", "en": "Breaches and consequences",
        "guide": {"fr": "les 7 erreurs à éviter", "en": "the 7 mistakes to avoid"},
    },
}


def policy_sections_for(rewrite: Any) -> dict[str, dict[str, Any]]:
    """POLICY_SECTIONS with their titles in the organization's own noun ("Parler du CPE")."""
    return {
        key: {**section, "fr": rewrite(section["fr"], "fr"), "en": rewrite(section["en"], "en")}
        for key, section in POLICY_SECTIONS.items()
    }


class Practices(Frozen):
    """How the company works: each practice turns sentences on or off in the pages."""

    vehicles: bool = Field(description="Company vehicles with the company's name or logo on them.")
    branded_clothing: bool = Field(description="Clothing, uniforms or badges with the company's name or logo.")
    workplaces: list[Workplace] = Field(
        min_length=1, description="Where the work happens: client_premises, own_premises, office, remote."
    )
    supervisors: bool = Field(description="Employees have a supervisor or team lead other than management.")
    password_manager: bool = Field(description="Shared account passwords are kept in a password manager.")
    minors_on_staff: bool = Field(description="Some employees are under 18 (photos need a parent's consent).")
    physical_risks: bool = Field(description="The work has physical safety risks that a photo could show.")
    confidential_clients: bool = Field(
        description="The mere fact of being a client is confidential (health, law, accounting, therapy): "
        "replies never confirm that someone is a client."
    )
    business_development: bool = Field(description="Sales or business-development staff who meet clients.")


class SectorData(Frozen):
    """Every slot a page may use; a sector file fills all of them, in both languages."""

    label: Localized = Field(description="The sector's name: {fr: Santé, en: Health}.")
    people: People
    noun: Localized | None = Field(
        None,
        description="How running text names an organization of this sector when company.noun is left out, with "
        "its article: {fr: l'organisme, en: the organization}; null: {fr: l'entreprise, en: the company}.",
    )
    workplace: Localized = Field(description="Where the work happens, with its article: {fr: la clinique, en: the clinic}.")
    branded_items: Localized = Field(description="What carries the logo: {fr: le sarrau ou le badge, en: scrubs or badge}.")
    safety: Localized = Field(description="The safety picture a photo can betray (or badges and door codes on camera).")
    front_page: list[FrontPageExample] = Field(min_length=4)
    confidential: list[ConfidentialItem] = Field(min_length=3)
    photo_check: Localized = Field(description="What an innocent photo can show without you noticing.")
    routine_posts: list[Localized] = Field(
        min_length=3,
        description="What the official accounts post day to day; short noun phrases with their article, joined "
        "in a sentence ({fr: un projet terminé, en: a finished project}).",
    )
    watch: list[Localized] = Field(
        min_length=2,
        description="What monitoring looks for about this kind of business; noun phrases without a capital or "
        "a period, joined with 'or' in one sentence.",
    )
    responses: Responses
    review_platforms: list[Line] = Field(min_length=1)
    review_advice: Localized = Field(description="The right way to ask for reviews in this sector (or not to).")
    checklist: list[ChecklistItem] = Field(min_length=6)
    community_manager: CommunityManager
    mistakes: Mistakes
    poster_place: Localized = Field(
        description="Where the one-page rules hang, with its preposition, ending the sentence 'print it, pin it up ...': "
        "{fr: à l'atelier, en: in the shop}; {fr: dans la salle du personnel, en: in the staff room}."
    )
    phone_rule: Localized | None = Field(
        description="Restrictive approach: where phones stay put away at work, and why; null when no such rule."
    )
    scenarios: list[Scenario] = Field(min_length=8)
    vocabulary: dict[Literal["fr", "en"], list[str]] = Field(
        description="Words that belong to this sector only: another sector's site must never contain them."
    )
    practices: Practices = Field(description="The practices a company of this sector usually has.")


SLOTS = tuple(name for name in SectorData.model_fields if name not in ("practices", "vocabulary", "label"))


@functools.lru_cache(maxsize=None)
def sector_file_data(sector: str) -> dict[str, Any]:
    """The data of one sector file, checked whole by the company file's reader and rules (kitfile.load_kit_file),
    placeholders included (kit data: read once per process). Overrides are laid over it and checked again."""
    path = SECTORS_DIR / f"{sector}.yml"
    return load_kit_file(path, SectorData, check=placeholder_problems).model_dump(exclude_unset=True)


_SENTENCE_START = re.compile(r"(^|[.!?]\s+|«\s*|\")\{(social_media|management|hr|privacy|legal|company)\}")
_FRENCH_PREPOSITION = re.compile(r"\b(à|de|chez) \{(social_media|management|hr|privacy|legal|company)\}")


def _with_contractions(text: str, lang: str) -> str:
    """French: "à {management}" -> "{à~management}", filled as "au Dr Roy" / "à Julie Lavoie" (schema.placeholders)."""
    text = _SENTENCE_START.sub(lambda m: m.group(1) + "{^" + m.group(2) + "}", text)  # "La Dre Roy écrit"
    if lang != "fr":
        return text
    return _FRENCH_PREPOSITION.sub(lambda m: "{" + m.group(1) + "~" + m.group(2) + "}", text)


def _fill(value: Any, mapping: dict[str, dict[str, str]], rewrite: Any = None) -> Any:
    """Replace placeholders in every text of a slot, in each language (then `rewrite(text, locale)`, which
    puts the organization's noun where the kit's text says "l'entreprise" / "the company")."""
    if isinstance(value, Localized):
        texts = {lang: _with_contractions(getattr(value, lang), lang).format_map(mapping[lang]) for lang in ("fr", "en")}
        if rewrite is not None:
            texts = {lang: rewrite(text, lang) for lang, text in texts.items()}
        return Localized(**texts)
    if isinstance(value, BaseModel):
        return value.model_copy(
            update={k: _fill(getattr(value, k), mapping, rewrite) for k in type(value).model_fields}
        )
    if isinstance(value, list):
        return [_fill(v, mapping, rewrite) for v in value]
    return value


def check_placeholders(value: Any, loc: tuple[str | int, ...] = ()) -> None:
    """Raise PlaceholderProblem, with where it is, for a placeholder the kit does not fill anywhere in a slot."""
    if isinstance(value, Localized):
        for lang in ("fr", "en"):
            try:
                _known_placeholders(getattr(value, lang))
            except ValueError as error:
                raise PlaceholderProblem(loc + (lang,), str(error)) from None
    elif isinstance(value, BaseModel):
        for key in type(value).model_fields:
            check_placeholders(getattr(value, key), loc + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            check_placeholders(item, loc + (index,))


def placeholder_problems(model: "SectorData") -> list[tuple[tuple[str | int, ...], str]]:
    """The sector file's placeholder problem, for kitfile.load_kit_file (it names the file, line and slot)."""
    try:
        check_placeholders(model)
    except PlaceholderProblem as problem:
        return [(problem.loc, problem.message)]
    return []


BY_KEY = ("mistakes", "responses", "community_manager")  # slots whose parts can be replaced one by one


def merged(base: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """The sector's data with the company's overrides on top. A slot is replaced whole, except two that can
    be changed item by item: `scenarios` given as a mapping by id ({client-rant: {title: ...}}) changes those
    scenarios only (the keys given, the rest kept), and `mistakes`, `responses` and `community_manager` given
    with some of their keys keep the sector's others."""
    data = dict(base)
    for key, value in overrides.items():
        if key == "scenarios" and isinstance(value, dict):
            ids = [scenario["id"] for scenario in base["scenarios"]]
            unknown = [name for name in value if name not in ids]
            if unknown:
                raise FieldProblem(
                    ("scenarios", unknown[0]),
                    f"{unknown[0]!r} is not a scenario of this sector; give one of its ids "
                    f"({', '.join(ids)}), or a full list of scenarios to replace them all",
                )
            data["scenarios"] = [
                {**scenario, **(value.get(scenario["id"]) or {}), "id": scenario["id"]} for scenario in base["scenarios"]
            ]
        elif key in BY_KEY and isinstance(value, dict) and isinstance(base.get(key), dict):
            data[key] = {**base[key], **value}
        else:
            data[key] = value
    return data


def resolve(
    sector: str, overrides: dict[str, Any], mapping: dict[str, dict[str, str]], rewrite: Any = None
) -> SectorData:
    """The sector's data with the company's overrides on top, placeholders filled in each language."""
    if sector not in SECTORS:
        raise ValueError(f"unknown sector {sector!r}")
    data = merged(sector_file_data(sector), overrides)
    model = SectorData.model_validate(data)
    check_placeholders(model)
    return _fill(model, mapping, rewrite)
