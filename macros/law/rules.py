"""The policy's rules in one place: each clause's text and its short forms (macros/law/data/policy.yml).

The policy page prints a clause with `policy_clause("7.2")`; "The policy at a glance" (and so the poster), the
policy's "In short" box, the home page's summary, the private-life box, the checklist and the acknowledgement print
its short forms. A clause and each short form are lists of variants, the first that fits the build is used. The
file is checked when it is read: every short form names clauses of the file, and for every approach, jurisdiction
and region where a short form is shown, each clause it names exists and reads one way wherever the short form
reads one way (a short form that does not follow its clause where the clause changes is refused).
"""

from __future__ import annotations

import functools
import itertools
import re
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from macros.company.kitfile import load_kit_file
from macros.company.types import Jurisdiction, Localized
from macros.law.clauses import CLAUSE_ID

POLICY_DATA = Path(__file__).parent / "data" / "policy.yml"

APPROACHES = ("educational", "balanced", "restrictive")
JURISDICTIONS = tuple(code.value for code in Jurisdiction)  # a new jurisdiction: its code in company/types.py
Form = Literal["glance", "box", "home", "private_life", "conduct", "accounts", "monitoring", "checklist", "ack"]
FORMS: tuple[str, ...] = get_args(Form)

# Approach, jurisdiction and region are said by the variant, never inside its text, so the check can see them.
_HIDDEN_CONDITION = re.compile(r"\{[{%][^}]*\b(approach|jurisdiction|company\.region)\b")


def _listed(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class Title(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    fr: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, locale: str) -> str:
        return getattr(self, locale)


class Variant(BaseModel):
    """One wording, for the builds it names (left out: all)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    approach: tuple[Literal["educational", "balanced", "restrictive"], ...] | None = None
    jurisdiction: tuple[Jurisdiction, ...] | None = None
    region: tuple[str, ...] | None = None
    when: str | None = Field(None, description="A Jinja condition on practices, sector or contacts.")
    title: Title | None = None
    also: tuple[str, ...] = Field((), description="Other clauses this short form sums up.")
    fr: str = Field(min_length=1)
    en: str = Field(min_length=1)

    _as_list = field_validator("approach", "jurisdiction", "region", "also", mode="before")(
        lambda cls, value: _listed(value)
    )

    @model_validator(mode="after")
    def _conditions_outside_text(self) -> "Variant":
        titles = (self.title.fr, self.title.en) if self.title else ()
        for text in (self.fr, self.en, *titles):
            found = _HIDDEN_CONDITION.search(text)
            if found:
                raise ValueError(
                    f"the text tests {found.group(1)} inside Jinja: write a variant with `{found.group(1)}:` instead"
                )
        for clause in self.also:
            if not CLAUSE_ID.match(clause):
                raise ValueError(f"also: {clause!r} is not a clause number like \"7.2\"")
        return self

    def fits(self, approach: str, jurisdiction: str, region: str | None) -> bool:
        return (
            (self.approach is None or approach in self.approach)
            and (self.jurisdiction is None or jurisdiction in self.jurisdiction)
            and (self.region is None or region in self.region)
        )

    def get(self, locale: str) -> str:
        return getattr(self, locale)


class QuizChoice(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    text: Localized
    correct: bool = False
    why: Localized = Field(description="The explanation shown once the reader has answered.")


class QuizQuestion(BaseModel):
    """A rule question of the quiz: it tests the clause it is written under, holds for every sector, approach and
    jurisdiction, and has one correct choice. Plain text (the organization's noun is put in when it is shown)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    prompt: Localized
    choices: list[QuizChoice] = Field(min_length=2)

    @model_validator(mode="after")
    def _one_correct(self) -> "QuizQuestion":
        if sum(choice.correct for choice in self.choices) != 1:
            raise ValueError(f"{self.id} must have exactly one choice with correct: true")
        return self


class Rule(BaseModel):
    """A clause: its text (and the law's sentences added to it where they apply), then its short forms."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: list[Variant] = Field(min_length=1)
    law: list[Variant] = Field(default_factory=list, description="Sentences of the law, added where they fit.")
    glance: list[Variant] = Field(default_factory=list)
    box: list[Variant] = Field(default_factory=list)
    home: list[Variant] = Field(default_factory=list)
    private_life: list[Variant] = Field(default_factory=list)
    conduct: list[Variant] = Field(default_factory=list)
    accounts: list[Variant] = Field(default_factory=list)
    monitoring: list[Variant] = Field(default_factory=list)
    checklist: list[Variant] = Field(default_factory=list)
    ack: list[Variant] = Field(default_factory=list)
    quiz: list[QuizQuestion] = Field(default_factory=list, description="The quiz's questions on this clause.")

    @model_validator(mode="after")
    def _titles(self) -> "Rule":
        for form in FORMS:
            for n, variant in enumerate(getattr(self, form), 1):
                if (variant.title is None) == (form == "glance"):
                    need = "needs a title" if form == "glance" else "has a title, which only a glance rule shows"
                    raise ValueError(f"{form}, variant {n}: {need}")
        for variant in self.text + self.law:
            if variant.title is not None or variant.also:
                raise ValueError("a clause's text takes no title and no `also`: those belong to its short forms")
        return self


Combo = tuple[str, str, str | None]


def first_fit(variants: list[Variant], combo: Combo) -> int | None:
    """The index of the variant a build uses, `when` conditions taken as met (the check's view)."""
    for index, variant in enumerate(variants):
        if variant.fits(*combo):
            return index
    return None


class PolicyRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    glance: list[list[str]] = Field(min_length=1, description="The at-a-glance rules in order; each: clauses to try.")
    clauses: dict[str, Rule]

    @field_validator("clauses")
    @classmethod
    def _numbers(cls, value: dict[str, Rule]) -> dict[str, Rule]:
        for number in value:
            if not CLAUSE_ID.match(number):
                raise ValueError(f"{number!r} is not a clause number like \"7.2\"")
        return value

    def combos(self) -> list[Combo]:
        regions = sorted({r for rule in self.clauses.values() for v in _all_variants(rule) for r in v.region or ()})
        return list(itertools.product(APPROACHES, JURISDICTIONS, [None, *regions]))

    def problems(self):
        """What is wrong with the file, one sentence each."""
        for slot, numbers in enumerate(self.glance, 1):
            for number in numbers:
                if number not in self.clauses:
                    yield ("glance", slot - 1), f"glance rule {slot} names § {number}, which is not in clauses"
                elif not self.clauses[number].glance:
                    yield ("glance", slot - 1), f"glance rule {slot} names § {number}, which has no glance form"
        combos = self.combos()
        seen_ids: dict[str, str] = {}
        for number, rule in self.clauses.items():
            for n, question in enumerate(rule.quiz):
                if question.id in seen_ids:
                    yield (
                        ("clauses", number, "quiz", n, "id"),
                        f"§ {number} quiz question {question.id!r}: § {seen_ids[question.id]} has a question with this id",
                    )
                seen_ids.setdefault(question.id, number)
                missing = next((combo for combo in combos if first_fit(rule.text, combo) is None), None)
                if missing is not None:
                    yield (
                        ("clauses", number, "quiz", n),
                        f"§ {number} quiz question {question.id!r} is asked in every build, but the policy has no "
                        f"§ {number} for {_describe(missing)}: a quiz question tests a clause every policy has",
                    )
            for form in FORMS:
                variants = getattr(rule, form)
                for n, variant in enumerate(variants, 1):
                    for other in variant.also:
                        if other not in self.clauses:
                            yield (
                                ("clauses", number, form, n - 1, "also"),
                                f"§ {number} {form} variant {n}: also names § {other}, which is not in clauses",
                            )
                if not variants:
                    continue
                named = {number} | {c for v in variants for c in v.also if c in self.clauses}
                for clause in sorted(named):
                    for index, message in self._follows(number, form, variants, clause, combos):
                        yield ("clauses", number, form, index), message

    def _follows(self, number: str, form: str, variants: list[Variant], clause: str, combos: list[Combo]):
        text = self.clauses[clause].text
        seen: dict[int, tuple[Combo, int]] = {}
        for combo in combos:
            short = first_fit(variants, combo)
            if short is None or (clause != number and clause not in variants[short].also):
                continue
            long = first_fit(text, combo)
            where = _describe(combo)
            if long is None:
                yield short, f"§ {number} {form} variant {short + 1} is shown for {where}, where the policy has no § {clause}"
                continue
            if short in seen and seen[short][1] != long:
                yield short, (
                    f"§ {number} {form} variant {short + 1} reads the same for {_describe(seen[short][0])} and for "
                    f"{where}, but § {clause} differs between them: give the short form a variant for each"
                )
            seen.setdefault(short, (combo, long))

    # --- what a build shows ----------------------------------------------------------------------------

    def quiz(self) -> list[tuple[str, QuizQuestion]]:
        """The quiz's rule questions, in clause order: (clause, question)."""
        return [(n, q) for n in sorted(self.clauses, key=clause_order) for q in self.clauses[n].quiz]

    def rule(self, number: str) -> Rule:
        if number not in self.clauses:
            raise KeyError(f"§ {number} is not in {POLICY_DATA.name}")
        return self.clauses[number]


def clause_order(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


def _all_variants(rule: Rule) -> list[Variant]:
    return [v for form in ("text", "law", *FORMS) for v in getattr(rule, form)]


def _describe(combo: Combo) -> str:
    approach, jurisdiction, region = combo
    return f"approach {approach}, jurisdiction {jurisdiction}" + (f", region {region}" if region else "")


def rule_problems(rules: PolicyRules) -> list[tuple[tuple[str | int, ...], str]]:
    """What the schema cannot see, each with its key path: short forms that do not follow their clauses."""
    seen: dict[tuple, tuple[tuple[str | int, ...], str]] = {}
    for loc, message in rules.problems():
        about = re.search(r"§ [0-9.]+ differs|no § [0-9.]+|names § [0-9.]+", message)
        seen.setdefault((loc, about.group() if about else message), (loc, message))  # once per short form and clause
    return list(seen.values())


def read_rules(data: dict[str, Any], file_name: str = "macros/law/data/policy.yml") -> PolicyRules:
    """Rules from data already read (tests write broken copies); an error names the file, the key and what is wrong."""
    try:
        rules = PolicyRules.model_validate(data)
    except ValidationError as error:
        lines = [f"{file_name}: {'.'.join(str(p) for p in e['loc']) or 'top level'}: {e['msg']}" for e in error.errors()]
        raise ValueError("\n".join(lines)) from None
    problems = rule_problems(rules)
    if problems:
        raise ValueError("\n".join(f"{file_name}: {'.'.join(str(p) for p in loc)}: {m}" for loc, m in problems))
    return rules


@functools.lru_cache(maxsize=None)
def policy_rules() -> PolicyRules:
    """The kit's rules (kit data: read once per process through the company file's reader, then checked)."""
    return load_kit_file(POLICY_DATA, PolicyRules, check=rule_problems)
