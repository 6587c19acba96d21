"""Macros and filters that pages call: each builds data and renders a Jinja partial from macros/templates/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .labels import label
from .pdf import PDF_NAMES
from .schema import ROLES, CompanyFile, Contact
from .site import format_day
from .text import current_locale, escape_text, mailto_uri

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
        return render_partial("accounts-table.html", rows=rows, company=self.model.company.name)

    def _contact(self, macro: str, role: str) -> Contact:
        """The contact a macro names by role, or an error that says how to fix the page."""
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
        return render_partial("contact-card.html", person=person, role=label(f"role_{role}", current_locale()))

    def values_list(self) -> Markup:
        """The company's values, each with what it means online."""
        return render_partial("values-list.html", values=self.model.values)

    def legal_notice(self) -> Markup:
        """The "guidance, not legal advice" box, naming the legal contact (or management) to ask."""
        person = self.model.contacts.legal or self.model.contacts.management
        return render_partial("legal-notice.html", person=person)

    def contact_inline(self, role: str) -> Markup:
        """A contact in a sentence: name, title and e-mail link."""
        person = self._contact("contact_inline", role)
        return render_partial("contact-inline.html", person=person)


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


def macros_for(model: CompanyFile) -> dict[str, Any]:
    bound = PageMacros(model)
    return {
        "accounts_table": bound.accounts_table,
        "contact_card": bound.contact_card,
        "contact_inline": bound.contact_inline,
        "values_list": bound.values_list,
        "legal_notice": bound.legal_notice,
    }


FILTERS = {"date": date_filter, "link": link_filter, "mailto": mailto_filter}
