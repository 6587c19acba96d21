"""Macros and filters that pages call: each builds data and renders a Jinja partial from macros/pages/templates/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from macros.language.grammar import Noun, capitalize_first, french_adjective, name_in_sentence, noun_phrase, pronoun
from macros.company.labels import label
from macros.law.clauses import FINGERPRINT_TOKEN, GAPS_TOKEN, anchor_id
from macros.pages.outputs import PDF_NAMES, POSTER_NAMES
from macros.company.sector import policy_sections_for, shown
from macros.company.schema import ROLES, Company, CompanyFile, Contact, FrontPageTest
from macros.company.site import format_day
from macros.law.rules import first_fit, policy_rules
from macros.law.sources import regions, registry
from macros.language.text import current_locale, escape_text, mailto_uri

_partials = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    finalize=lambda value: escape_text("" if value is None else value),
    trim_blocks=True,
    lstrip_blocks=True,
)


_partials.globals["mailto"] = mailto_uri


def render_partial(name: str, **context: Any) -> Markup:
    """A partial as one block of HTML with no blank or indented lines, so Markdown leaves it alone."""
    locale = current_locale()
    html = _partials.get_template(name).render(lang=locale, t=lambda key, **v: label(key, locale, **v), **context)
    return Markup("\n".join(line.strip() for line in html.splitlines() if line.strip()))


class PageMacros:
    """The macros pages call, bound to one validated company file."""

    def __init__(self, model: CompanyFile) -> None:
        self.model = model

    def accounts_table(self) -> Markup:
        """Table of the company's official accounts: platform, account link, what is published, who manages it."""
        rows = [
            {
                "platform": account.platform_name,
                "handle": account.handle,
                "url": account.url,
                "purpose": account.purpose,
                "manager": self.model.contacts.role(account.managed_by),
                "role": label(f"role_{account.managed_by}", current_locale()),
            }
            for account in self.model.official_accounts
        ]
        locale = current_locale()
        of_company = name_in_sentence(self.model.company_phrase(locale), locale, "de" if locale == "fr" else "of")
        return render_partial("accounts-table.html", rows=rows, of_company=of_company)

    def _role(self, role: str) -> str:
        """`people` stands for whoever handles people questions: hr when the company has it, else management."""
        if role == "people":
            return "hr" if self.model.contacts.hr else "management"
        return role

    def _contact(self, macro: str, role: str) -> Contact:
        """The contact a macro names by role, or an error that says how to fix the page."""
        role = self._role(role)
        if role not in ROLES:
            raise ValueError(f"{macro}: unknown role {role!r}; use one of {', '.join(ROLES)}")
        person = self.model.contacts.role(role)
        if person is None:
            raise ValueError(
                f"{macro}({role!r}): company.yml has no contacts.{role}; guard the call with {{% if contacts.{role} %}}"
            )
        return person

    def contact_card(self, role: str) -> Markup:
        """A card for one contact role (social_media, hr, management, legal): name, title, e-mail, phone."""
        person = self._contact("contact_card", role)
        key = f"role_{self._role(role)}"
        if key == "role_privacy" and self.model.jurisdiction.value == "fr":
            key = "role_privacy_fr"  # France's words: données personnelles, data protection
        return render_partial("contact-card.html", person=person, role=label(key, current_locale()))

    def values_list(self) -> Markup:
        """The company's values, each with what it means online."""
        return render_partial("values-list.html", values=self.model.values)

    def legal_notice(self) -> Markup:
        """The "guidance, not legal advice" box, naming the legal contact (or management) to ask."""
        person = self.model.contacts.legal or self.model.contacts.management
        checked = format_day(registry().checked, current_locale())
        locale = current_locale()
        lawyer = self.model.contacts.legal is not None  # without one, management takes the question to a lawyer
        preposition = ("à" if locale == "fr" else "to") if (person.email or not lawyer) else ""
        in_sentence = name_in_sentence(person.phrase(locale), locale, preposition)
        return render_partial(
            "legal-notice.html", person=person, checked=checked, in_sentence=in_sentence, lawyer=lawyer
        )

    def cite(self, source_id: str, form: str = "full") -> Markup:
        """A citation from macros/law/data/sources.yml, in the page's language, linked to its official text.
        form: 'full' (Code civil du Québec, art. 2088), 'article' (art. 2088) or 'statute' (the law's name)."""
        source = registry().get(source_id)
        jurisdiction = self.model.jurisdiction.value
        if not cites_allowed(source.jurisdiction, jurisdiction):
            raise ValueError(
                f"cite({source_id!r}) is a {source.jurisdiction} source on a page built for jurisdiction "
                f"{jurisdiction}: put it inside {{% if jurisdiction == {source.jurisdiction.split('-')[0]!r} %}}"
            )
        locale = current_locale()
        return render_partial(
            "cite.html",
            id=source.id,
            url=source.url.get(locale),
            hreflang="fr" if source.jurisdiction == "fr" else locale,
            text=source.text(locale, form),
        )

    def region_laws(self, topic: str | None = None) -> Markup:
        """The laws of the company's state or province (company.region), on one topic or all; nothing when
        the kit knows none. Topics: accounts, off_duty, publicity."""
        region = self.model.company.region
        data = regions()
        laws = [law for law in data.laws.get(region or "", []) if topic is None or law.topic == topic]
        if not laws:
            return Markup("")
        locale = current_locale()
        items = [{"says": law.says.get(locale), "cite": self.cite(law.source)} for law in laws]
        return render_partial("region-laws.html", laws=items, region=data.name(region, locale))

    def regions_known(self) -> str:
        """The states or provinces whose own laws the kit knows, for this jurisdiction's country, in a sentence."""
        from macros.law.jurisdiction import jurisdiction_data  # kit data, read once

        country = jurisdiction_data(self.model.jurisdiction.value).region_country
        data = regions()
        locale = current_locale()
        names = [data.name(code, locale) for code in data.known(country)] if country else []
        return join_list_filter(names, "et" if locale == "fr" else "and")

    def contact_inline(self, role: str, preposition: str = "", capital: bool = False) -> Markup:
        """A contact in a sentence: name (after its preposition, with its French article: "à la Dre Roy"),
        title in its sentence form, and e-mail link."""
        person = self._contact("contact_inline", role)
        locale = current_locale()
        name = name_in_sentence(person.phrase(locale), locale, preposition)
        return render_partial(
            "contact-inline.html", person=person, in_sentence=capitalize_first(name) if capital else name,
            title=person.title_in(locale, "sentence"),
        )

    def write_to(self, role: str) -> Markup:
        """The verb before a contact at the start of a sentence: "Écrivez à"/"Write to", or "Joignez"/"Contact"
        for someone who has only a phone."""
        person = self._contact("write_to", role)
        return Markup(label("write_to" if person.email else "contact_phone_only", current_locale()))

    def clause(self, number: str) -> Markup:
        """A clause's visible, linkable "§ 5.3" at the start of its paragraph or list item (policy page)."""
        return render_partial("clause.html", clause=number, anchor=anchor_id(number))

    def clause_gaps(self) -> Markup:
        """Where the policy starts: the note on the clause numbers this build skips (filled by macros/hooks.py)."""
        return Markup(GAPS_TOKEN)

    def policy_fingerprint(self) -> Markup:
        """The fingerprint of the policy's clauses (filled in once every language is built)."""
        return render_partial("fingerprint.html", token=FINGERPRINT_TOKEN)

    def acknowledgement_form_link(self) -> Markup:
        """The online acknowledgement form, its address carrying the policy's version and fingerprint."""
        url = self.model.acknowledgement.form_url
        if url is None:
            raise ValueError("acknowledgement_form_link(): company.yml has no acknowledgement.form_url")
        return render_partial("link.html", url=form_url_with_version(str(url), self.model.policy.version), text=url)

    def changes_since_versions(self) -> Markup:
        """Where the changes since each recorded version go (macros/build/hooks.py fills it once the policy is read)."""
        return Markup(PENDING_CHANGES)

    def acknowledgement_changes(self) -> Markup:
        """Where the acknowledgement form lists the clauses changed since the last version (macros/build/hooks.py)."""
        return Markup(PENDING_ACK)

    def quiz(self) -> Markup:
        """The quiz: the company's scenario questions, then the rule questions written under the policy's clauses
        (macros/law/data/policy.yml)."""
        locale = current_locale()
        return render_partial(
            "quiz.html",
            questions=quiz_questions(self.model, locale),
            version=self.model.policy.version,
            fingerprint=FINGERPRINT_TOKEN,
            company=self.model.company.display_legal_name,
        )

    def self_check(self, first: str = "", prefix: str = "self-check") -> Markup:
        """The sector's before-you-post checklist as a self-check that gives a verdict; `first`: an item the page
        writes itself (HTML from the page, level stop), such as the front-page test."""
        locale = current_locale()
        checklist = shown(self.model.sector_data.checklist, self.model.practices_in_effect)
        items = [{"text": Markup(first), "level": "stop"}] if first else []
        items += [{"text": item.text.get(locale), "level": item.level} for item in checklist]
        phrase = self.model.contacts.social_media.phrase(locale)  # with its article: la Dre Anne Roy
        contact = name_in_sentence(phrase, locale)
        contact_to = name_in_sentence(phrase, locale, "à" if locale == "fr" else "")  # au Dr Roy
        return render_partial("self-check.html", items=items, contact=contact, contact_to=contact_to, prefix=prefix)


PENDING_CHANGES = '<div data-pending="policy-changes"></div>'
PENDING_ACK = '<div data-pending="acknowledgement-changes"></div>'

def quiz_questions(model: CompanyFile, locale: str) -> list[dict[str, Any]]:
    """Every quiz question in one language: the scenarios this company shows, then the rules."""
    questions = []
    for scenario in shown(model.sector_data.scenarios, model.practices_in_effect):
        section = policy_sections_for(model.rewrite_noun)[scenario.policy_section]
        where = label("quiz_section", locale, number=section["number"], title=section[locale])
        questions.append(
            {
                "source": f"scenario:{scenario.id}",
                "prompt": scenario.question.prompt.get(locale),
                "choices": [
                    {"text": c.text.get(locale), "correct": c.correct, "why": c.why.get(locale)}
                    for c in scenario.question.choices
                ],
                "href": Markup(f"policy.html#{scenario.policy_section}"),
                "where": label("quiz_see_rule", locale, where=where),
            }
        )
    own = lambda text: model.rewrite_noun(text, locale)  # noqa: E731 - the organization's noun in kit text
    rules = policy_rules()  # the rule questions live under their clauses (macros/law/data/policy.yml)
    build = (model.approach.value, model.jurisdiction.value, model.company.region)
    for clause, question in rules.quiz():
        if first_fit(rules.rule(clause).text, build) is None:  # the file's check refuses this; a last guard
            raise ValueError(f"macros/law/data/policy.yml: § {clause} quiz {question.id}: this build's policy has no § {clause}")
        questions.append(
            {
                "source": f"rule:{question.id}",
                "prompt": own(question.prompt.get(locale)),
                "choices": [
                    {"text": own(c.text.get(locale)), "correct": c.correct, "why": own(c.why.get(locale))}
                    for c in question.choices
                ],
                "href": Markup(f"policy.html#{anchor_id(clause)}"),
                "where": label("quiz_see_rule", locale, where=label("quiz_clause", locale, clause=clause)),
            }
        )
    return questions


def form_url_with_version(url: str, version: str) -> str:
    """The form's address with `version` and `fingerprint` added to its query (existing parameters kept)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in ("version", "fingerprint")]
    query += [("version", version), ("fingerprint", FINGERPRINT_TOKEN)]
    return urlunsplit(parts._replace(query=urlencode(query)))


def poster_pdf_link(enabled: bool) -> Markup:
    """A link to the poster of the ten rules in the page's language, or nothing when this build prints none."""
    if not enabled:
        return Markup("")
    locale = current_locale()
    return render_partial("pdf-link.html", file=POSTER_NAMES[locale], text=label("poster_link", locale))


def cites_allowed(source_jurisdiction: str, jurisdiction: str) -> bool:
    """Whether a page built for a jurisdiction may cite a source: its own, its states', EU law in France, and a
    Canadian province's law (outside Quebec) in the generic jurisdiction."""
    if source_jurisdiction == "eu":
        return jurisdiction == "fr"
    if source_jurisdiction == "ca":  # Canada's federal law: Quebec, and Canada outside Quebec (generic)
        return jurisdiction in ("qc", "generic")
    if source_jurisdiction.startswith("ca-"):  # a province's law: Canada outside Quebec is the generic jurisdiction
        return jurisdiction == "generic"
    return source_jurisdiction.split("-")[0] == jurisdiction


LAWYER_MARK = '<div class="policy-lawyer-table" data-print-only="{print_only}"></div>'


def lawyer_table(print_only: bool = False) -> Markup:
    """Where the table of every citation goes; filled by the hooks once every page is rendered."""
    return Markup(LAWYER_MARK.format(print_only="1" if print_only else "0"))


def policy_pdf_link(enabled: bool) -> Markup:
    """A link to the PDF of the policy in the page's language, or nothing when this build prints none."""
    if not enabled:
        return Markup("")
    locale = current_locale()
    return render_partial("pdf-link.html", file=PDF_NAMES[locale], text=label("pdf_link", locale))


def date_filter(value: dt.date) -> str:
    """A date written the way readers of the page's language write it."""
    return format_day(value, current_locale())


def link_filter(url: str, text: Any = None) -> Markup:
    """A link to an address from company.yml, showing the address (or the given text) as text."""
    return render_partial("link.html", url=url, text=url if text is None else text)


def mailto_filter(address: str) -> Markup:
    """An e-mail address from company.yml as a mailto link."""
    return render_partial("link.html", url=mailto_uri(address), text=address)


class CompanyNoun:
    """How running text names the company ("la clinique", "the clinic"); prints in the page's language."""

    def __init__(self, model: CompanyFile) -> None:
        self.model = model

    def __str__(self) -> str:
        return name_in_sentence(self.model.noun_phrase(current_locale()), current_locale())

    def pron(self, case: str = "subject") -> str:
        """The pronoun for the organization in French (elle for l'entreprise, il for le CPE; elle-même / lui-même
        with case="self"); English: it / itself."""
        locale = current_locale()
        if locale != "fr":
            return "itself" if case == "self" else "it"
        noun = Noun("", "", self.model.noun_gender())
        if case == "self":
            return pronoun(noun, "fr", "stressed") + "-même"
        return pronoun(noun, "fr", case)


class Grammar:
    """The `prep` filter: a name after a preposition, with its article, contraction and elision."""

    def __init__(self, model: CompanyFile) -> None:
        self.model = model

    def prep(self, value: Any, preposition: str = "", capital: bool = False, legal: bool = False) -> Markup:
        """`{{ company | prep("de") }}` -> "de la Clinique des Saules" / "d'Atelier Lumen" / "du Groupe X";
        works for `company`, `newspaper` ("du Soleil", "of the Boston Globe") and `noun` ("de la clinique").
        On English pages the preposition is English ("of", "at") and the newspaper gets its "the"."""
        locale = current_locale()
        if isinstance(value, Company):
            phrase = self.model.legal_phrase(locale) if legal else self.model.company_phrase(locale)
        elif isinstance(value, FrontPageTest):
            phrase = self.model.newspaper_phrase(locale)
        elif isinstance(value, CompanyNoun):
            phrase = self.model.noun_phrase(locale)
        elif isinstance(value, Contact):
            phrase = value.phrase(locale)
        else:
            raise TypeError(f"prep: use it on company, newspaper, noun or a contact, not {type(value).__name__}")
        text = name_in_sentence(phrase, locale, preposition)
        return escape_text(capitalize_first(text) if capital else text)


def macros_for(model: CompanyFile) -> dict[str, Any]:
    bound = PageMacros(model)
    return {
        "accounts_table": bound.accounts_table,
        "contact_card": bound.contact_card,
        "contact_inline": bound.contact_inline,
        "write_to": bound.write_to,
        "values_list": bound.values_list,
        "legal_notice": bound.legal_notice,
        "clause_gaps": bound.clause_gaps,
        "cite": bound.cite,
        "region_laws": bound.region_laws,
        "regions_known": bound.regions_known,
        "lawyer_table": lambda: lawyer_table(False),
        "legal_appendix": lambda: lawyer_table(True),
        "value_for": model.value_for,
        "clause": bound.clause,
        "policy_fingerprint": bound.policy_fingerprint,
        "acknowledgement_form_link": bound.acknowledgement_form_link,
        "changes_since_versions": bound.changes_since_versions,
        "acknowledgement_changes": bound.acknowledgement_changes,
        "quiz": bound.quiz,
        "self_check": bound.self_check,
    }


def lcfirst_filter(value: Any) -> str:
    """A list item's name inside a sentence: "Les prix" -> "les prix" (only the first letter changes)."""
    text = str(value)
    return text[:1].lower() + text[1:]


def join_list_filter(items: Any, last: str = "et") -> str:
    """Names in a sentence: "a, b et c" / "a, b and c"."""
    words = [str(item) for item in items]
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {last} " + words[-1]


def _noun(group: Any, locale: str) -> Noun:
    """A sector's people (macros/company/sector.py Group) as a noun in one language."""
    if not all(hasattr(group, key) for key in ("one", "many", "gender")):
        raise TypeError(f"use it on sector.people or sector.people.audience, not {type(group).__name__}")
    return Noun(str(group.one.get(locale)), str(group.many.get(locale)), group.gender)


def np_filter(group: Any, determiner: str = "", before: str | None = None, after: str | None = None,
              plural: bool = False, capital: bool = False) -> str:
    """`{{ sector.people | np("un", after="mécontent") }}` -> "un client mécontent" / "une famille mécontente";
    English: `{{ sector.people | np("a", before="unhappy") }}` -> "an unhappy client" (macros/language/grammar.py)."""
    text = noun_phrase(_noun(group, current_locale()), current_locale(), determiner, before, after, plural)
    return capitalize_first(text) if capital else text


def pron_filter(group: Any, case: str, plural: bool = False) -> str:
    """`{{ sector.people | pron("direct") }}` -> le / la / les; subject, indirect, stressed, one (un par un)."""
    return pronoun(_noun(group, current_locale()), current_locale(), case, plural)


def agree_filter(adjective: str, group: Any, plural: bool = False) -> str:
    """`{{ "satisfait" | agree(sector.people) }}` -> satisfait / satisfaite (French; English as written)."""
    if current_locale() != "fr":
        return adjective
    return french_adjective(adjective, _noun(group, "fr").gender, plural)


FILTERS = {
    "np": np_filter,
    "pron": pron_filter,
    "agree": agree_filter,
    "date": date_filter,
    "link": link_filter,
    "mailto": mailto_filter,
    "lcfirst": lcfirst_filter,
    "join_list": join_list_filter,
    "capitalize_first": capitalize_first,
}


def filters_for(model: CompanyFile) -> dict[str, Any]:
    """The filters pages use: the plain ones, and `prep`, bound to the company."""
    return {**FILTERS, "prep": Grammar(model).prep}
