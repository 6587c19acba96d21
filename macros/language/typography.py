"""France's typography for French pages of a France build, applied once to the rendered HTML's text.

France: a narrow no-break space (U+202F) before ; ! ? and inside « », a no-break space (U+00A0) before :.
Quebec usage (no space before ; ! ?, a no-break space before :) is what the pages are written in, so
nothing changes for the other jurisdictions.

Only text between tags changes: never a tag or an attribute, never the content of code, pre, kbd, samp,
script, style or textarea, never a web or e-mail address inside the text.
"""

from __future__ import annotations

import html
import re

NNBSP = "\u202f"
NBSP = "\u00a0"

# A tag, a comment or a doctype; everything between two of them is text.
_TAG = re.compile(r"<!--.*?-->|<![^>]*>|<[^>]+>", re.S)
_SKIP = ("code", "pre", "kbd", "samp", "script", "style", "textarea")
_OPEN = re.compile(r"<(" + "|".join(_SKIP) + r")\b", re.I)
_CLOSE = re.compile(r"</(" + "|".join(_SKIP) + r")\s*>", re.I)

# Addresses stay as written (https://x.example/?a=1;b, mailto:someone@x.example).
_END = r"[^\s.,;:!?)\]»]"  # an address does not end with the sentence's punctuation
_ADDRESS = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)\S*" + _END + r"|\S+@\S+\.\S*" + _END, re.I)

_SPACES = "[ \t\u00a0\u202f\u2009]*"
# ; ! ? and : as sentence punctuation: after a word or a closing sign, and followed by a space, the end,
# closing punctuation or another mark (so 10:30, a:b and URLs are left alone).
_AFTER = r"(?=$|[\s\u00a0\u202f)\]»\"'’.,;:!?…])"
_HIGH = re.compile(r"(?<=[^\s\u00a0\u202f(\[«])" + _SPACES + r"([;!?])" + _AFTER)
_COLON = re.compile(r"(?<=[^\s\u00a0\u202f(\[«])" + _SPACES + r":" + _AFTER)
_OPEN_QUOTE = re.compile(r"«" + _SPACES)
_CLOSE_QUOTE = re.compile(_SPACES + r"»")


def french_text(text: str) -> str:
    """France's spaces around punctuation in a run of plain text (no markup)."""
    addresses: list[str] = []

    def keep(match: re.Match[str]) -> str:
        addresses.append(match.group(0))
        return f"\ue000{len(addresses) - 1}\ue001"

    text = _punctuate(_ADDRESS.sub(keep, text))
    return re.sub("\ue000([0-9]+)\ue001", lambda m: addresses[int(m.group(1))], text)


def _punctuate(text: str) -> str:
    text = _HIGH.sub(lambda m: NNBSP + m.group(1), text)
    text = _COLON.sub(NBSP + ":", text)
    text = _OPEN_QUOTE.sub("«" + NNBSP, text)
    return _CLOSE_QUOTE.sub(NNBSP + "»", text)


def french_html(document: str) -> str:
    """France's typography in every text node of an HTML document or fragment."""
    out, last, skipping = [], 0, None
    for match in _TAG.finditer(document):
        out.append(_text(document[last : match.start()], skipping))
        tag = match.group(0)
        out.append(tag)
        last = match.end()
        if skipping is None:
            opened = _OPEN.match(tag)
            if opened and not tag.endswith("/>"):
                skipping = opened.group(1).lower()
        else:
            closed = _CLOSE.match(tag)
            if closed and closed.group(1).lower() == skipping:
                skipping = None
    out.append(_text(document[last:], skipping))
    return "".join(out)


def _text(segment: str, skipping: str | None) -> str:
    if skipping is not None or not segment.strip():
        return segment
    if "&" not in segment:
        return french_text(segment)
    # Character references (&#58; for a colon from company text, &nbsp;, &amp;) are read first, then the
    # text is written back with only &, < and > escaped.
    return html.escape(french_text(html.unescape(segment)), quote=False)
