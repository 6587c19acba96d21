"""The macros that print the policy's rules from macros/law/data/policy.yml: a clause on the policy page, its short
forms elsewhere (at a glance and the poster, the "In short" boxes, the home page, the checklist, the
acknowledgement), each short form naming its clause with a link to it."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from macros.language.text import current_locale
from macros.law.clauses import anchor_id
from macros.law.rules import FORMS, PolicyRules, Rule, Variant, policy_rules
from macros.pages.render import render_partial


class RulePages:
    """Bound to one build's mkdocs-macros env: its variables, its Jinja environment, its company."""

    def __init__(self, env: Any, approach: str, jurisdiction: str, region: str | None) -> None:
        self.env = env
        self.build = (approach, jurisdiction, region)
        self.rules: PolicyRules = policy_rules()
        self._compiled: dict[str, Any] = {}

    # --- choosing and rendering ----------------------------------------------------------------------

    def _context(self) -> dict[str, Any]:
        variables = dict(self.env.variables)
        variables.update(client_premises="client_premises" in variables["practices"].workplaces)
        return variables

    def _fits(self, variant: Variant, context: dict[str, Any]) -> bool:
        if not variant.fits(*self.build):
            return False
        if variant.when is None:
            return True
        return bool(self.env.env.compile_expression(variant.when)(**context))

    def _choose(self, variants: list[Variant], context: dict[str, Any]) -> Variant | None:
        return next((v for v in variants if self._fits(v, context)), None)

    def _render(self, text: str, context: dict[str, Any]) -> str:
        template = self._compiled.get(text)
        if template is None:
            template = self._compiled[text] = self.env.env.from_string(text)
        return template.render(**context).strip()

    def clause_text(self, number: str, context: dict[str, Any] | None = None) -> str | None:
        """The clause as this build states it (the law's sentences added), or None where it has no such clause."""
        context = context or self._context()
        rule = self.rules.rule(number)
        chosen = self._choose(rule.text, context)
        if chosen is None:
            return None
        locale = current_locale()
        parts = [self._render(chosen.get(locale), context)]
        parts += [self._render(v.get(locale), context) for v in rule.law if self._fits(v, context)]
        return " ".join(parts)

    def _reference(self, numbers: list[str]) -> str:
        on_policy = self.env.page is not None and self.env.page.file.src_uri.startswith("policy.")
        target = "" if on_policy else "policy.md"
        return ", ".join(f"[§&nbsp;{n}]({target}#{anchor_id(n)})" for n in numbers)

    def _short(self, number: str, form: str, context: dict[str, Any]) -> tuple[Variant, str, str] | None:
        """(variant, title, text with its clause reference) of one short form, or None where it is not shown."""
        if form not in FORMS:
            raise ValueError(f"short form {form!r}: use one of {', '.join(FORMS)}")
        rule: Rule = self.rules.rule(number)
        variant = self._choose(getattr(rule, form), context)
        if variant is None:
            return None
        numbers = [number, *variant.also]
        for other in numbers:
            if self._choose(self.rules.rule(other).text, context) is None:
                raise ValueError(
                    f"the {form} short form of § {number} names § {other}, which this build's policy does not have "
                    f"(macros/law/data/policy.yml: give the short form a variant for this build)"
                )
        locale = current_locale()
        text = self._render(variant.get(locale), context)
        reference = f"({self._reference(sorted(set(numbers), key=_order))})"
        text = f"{text[:-1]} {reference}." if text.endswith(".") else f"{text} {reference}"
        title = self._render(variant.title.get(locale), context) if variant.title else ""
        return variant, title, text

    # --- the macros ------------------------------------------------------------------------------------

    def policy_clause(self, number: str, note: str | None = None) -> Markup:
        """A clause of the policy page: its "§ 7.2" anchor and its text, or nothing where this build has none.
        With `note` (the page's own title, in its language), the clause stands in a note under that title."""
        text = self.clause_text(number)
        if text is None:
            return Markup("")
        anchor = render_partial("clause.html", clause=number, anchor=anchor_id(number))
        clause = f"{anchor} {text}"
        if note is None:
            return Markup(clause)
        title = note.replace('"', "&quot;")
        return Markup(f'!!! note "{title}"\n\n    ' + clause.replace("\n", "\n    "))

    def short_form(self, number: str, form: str) -> Markup:
        """One short form of a clause, with its reference; nothing where this build does not show it."""
        found = self._short(number, form, self._context())
        return Markup(found[2] if found else "")

    def short_list(self, form: str, indent: int = 4) -> Markup:
        """Every short form of one kind, in clause order, as a Markdown list (indented for a box)."""
        context = self._context()
        items = []
        for number in sorted(self.rules.clauses, key=_order):
            found = self._short(number, form, context)
            if found:
                items.append(f"- {found[2]}")
        return Markup(("\n" + " " * indent).join(items))

    def glance_rules(self) -> Markup:
        """The rules of "The policy at a glance", numbered, title then text: the poster prints the same list."""
        context = self._context()
        items = []
        for slot, numbers in enumerate(self.rules.glance, 1):
            for number in numbers:
                found = self._short(number, "glance", context)
                if found:
                    items.append(f"{len(items) + 1}. **{found[1]}**<br>\n    {found[2]}")
                    break
            else:
                raise ValueError(f"glance rule {slot} (§ {', '.join(numbers)}) has no variant for this build")
        return Markup("\n".join(items))


def _order(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))
