"""Company text as text: the one place where words from company.yml are made safe for Markdown and HTML.

Everything a company writes reaches the reader exactly as written. Markdown and
HTML give meaning to ASCII punctuation (`*`, `_`, `<`, `&`, `|`, `#`, `[`, `{`...),
so every such character is written as a numeric character reference: the
browser shows the character, and neither Markdown nor HTML sees markup.
"""

from __future__ import annotations

import contextvars
import string
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

# The language of the page being rendered, set once per page by the macros module.
_current_locale: contextvars.ContextVar[str | None] = contextvars.ContextVar("current_locale", default=None)

SPECIAL = frozenset(string.punctuation)
_REFERENCES = str.maketrans({c: f"&#{ord(c)};" for c in SPECIAL})  # each special character -> its reference


def set_locale(locale: str | None) -> None:
    """Record the language of the page being rendered."""
    _current_locale.set(locale)


def current_locale() -> str:
    """The language of the page being rendered; an error outside a page."""
    locale = _current_locale.get()
    if locale is None:
        raise RuntimeError("company text was used outside a page: pass the language explicitly")
    return locale


def escape_text(value: Any) -> Markup:
    """Company text as inert Markdown and HTML: punctuation as character references."""
    if isinstance(value, Markup):
        return value
    return Markup(str(value).translate(_REFERENCES))


def finalize(value: Any) -> Any:
    """Jinja `finalize` for pages: whatever `{{ ... }}` prints is text, unless a macro made it Markup."""
    if value is None:
        raise ValueError("a page printed an empty optional value from company.yml: wrap it in {% if ... %} in the page")
    if isinstance(value, (Markup, int)) and not isinstance(value, bool):
        return value
    return escape_text(value)


def mailto_uri(address: str) -> str:
    """A mailto: link to exactly this address: ? & = % # in it are encoded, so they cannot add a Bcc or a body."""
    return "mailto:" + quote(str(address), safe="@")
