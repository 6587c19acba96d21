"""US spelling for English pages when the company is in the United States.

The English pages and the sector files are written in Canadian spelling (neighbour, colour, licence,
acknowledgement; -ize, never -ise). For `jurisdiction: us`, the words that Canadian and US spelling write
differently are changed in the page's text, never inside tags, attributes, code or scripts. A US company
writes its own text in US spelling, so its words pass through unchanged.
"""

from __future__ import annotations

import re

# Canadian -> US, by stem; the endings below follow the stem.
_OUR = (
    "arbour behaviour clamour colour endeavour favour flavour harbour honour humour labour neighbour odour "
    "parlour rumour savour valour vapour vigour"
).split()
_WORDS = {
    "acknowledgement": "acknowledgment",
    "acknowledgements": "acknowledgments",
    "grey": "gray",
    "greys": "grays",
    "licence": "license",
    "licences": "licenses",
    "centre": "center",
    "centres": "centers",
    "centred": "centered",
    "defence": "defense",
    "offence": "offense",
    "offences": "offenses",
    "cheque": "check",
    "cheques": "checks",
    "catalogue": "catalog",
    "catalogues": "catalogs",
    "travelled": "traveled",
    "travelling": "traveling",
    "cancelled": "canceled",
    "cancelling": "canceling",
    "labelled": "labeled",
    "labelling": "labeling",
    "modelled": "modeled",
    "enrolment": "enrollment",
    "fulfil": "fulfill",
    "fulfils": "fulfills",
    "fulfilment": "fulfillment",
    "skilful": "skillful",
    "wilful": "willful",
    "practise": "practice",
    "practised": "practiced",
    "practising": "practicing",
    "metre": "meter",
    "metres": "meters",
    "theatre": "theater",
    "jewellery": "jewelry",
    "pyjamas": "pajamas",
    "manoeuvre": "maneuver",
    "aluminium": "aluminum",
    "mould": "mold",
    "plough": "plow",
    "tyre": "tire",
    "tyres": "tires",
}
_ENDINGS = ("", "s", "ed", "ing", "able", "ably", "ful", "ite", "ites", "hood", "hoods", "er", "ers", "ly", "less")
for stem in _OUR:
    for ending in _ENDINGS:
        _WORDS.setdefault(stem + ending, stem[:-2] + "r" + ending)

US_SPELLING = _WORDS
_PATTERN = re.compile(r"\b(" + "|".join(sorted(map(re.escape, US_SPELLING), key=len, reverse=True)) + r")\b", re.I)
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_SKIP = re.compile(r"^<(/?)(code|pre|script|style|kbd|samp)\b", re.I)


def _us_word(match: re.Match[str], keep: frozenset[str]) -> str:
    word = match.group(0)
    if word in keep:
        return word
    us = US_SPELLING[word.lower()]
    if word.isupper():
        return us.upper()
    return us[:1].upper() + us[1:] if word[:1].isupper() else us


def to_us_spelling(html: str, keep: frozenset[str] = frozenset()) -> str:
    """The page's HTML with Canadian spellings turned into US ones, in text only (not tags, code or scripts);
    words in `keep` (the company's own words: a name is shown as written) are left alone."""
    parts, depth = _TAG_OR_TEXT.split(html), 0
    for index, part in enumerate(parts):
        if part.startswith("<"):
            skip = _SKIP.match(part)
            if skip and not part.endswith("/>"):
                depth += -1 if skip.group(1) else 1
            continue
        if depth == 0 and part:
            parts[index] = _PATTERN.sub(lambda match: _us_word(match, keep), part)
    return "".join(parts)


def own_words(value: object) -> frozenset[str]:
    """Every word of the company's own text (a validated model dumped to plain data)."""
    words: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
        elif isinstance(item, str):
            words.update(re.findall(r"[^\W\d_]+", item))
    return frozenset(words)
