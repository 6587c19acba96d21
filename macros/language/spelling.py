"""English spelled as the company's country spells it: US spelling for `jurisdiction: us`, Canadian otherwise.

The pages and the sector files are written by several hands; some write colour, some color. On English pages
the words that Canadian and US spelling write differently are set to the company's spelling, in the page's
text only: never inside tags, attributes, code or scripts, and never a word the company wrote itself (a name
is shown as written). Both spellings use -ize (organize, recognize) and judgment; British -ise is an error
that the spelling test catches, not something to convert.

Only pairs that mean the same thing both ways are listed: "check" (a cheque in Canada, a tick everywhere),
"practice", "license", "program" or "meter" are not, since one spelling stands for two words.
"""

from __future__ import annotations

import re

# Canadian -> US, by stem; the endings below follow the stem.
_OUR = (
    "arbour behaviour clamour colour endeavour favour flavour harbour honour humour labour neighbour odour "
    "parlour rumour savour valour vapour vigour"
).split()
_ENDINGS = ("", "s", "ed", "ing", "able", "ably", "ful", "ite", "ites", "hood", "hoods", "er", "ers", "ly", "less")
_PAIRS = {
    "acknowledgement": "acknowledgment",
    "acknowledgements": "acknowledgments",
    "grey": "gray",
    "greys": "grays",
    "centre": "center",
    "centres": "centers",
    "centred": "centered",
    "defence": "defense",
    "offence": "offense",
    "offences": "offenses",
    "catalogue": "catalog",
    "catalogues": "catalogs",
    "travelled": "traveled",
    "travelling": "traveling",
    "traveller": "traveler",
    "travellers": "travelers",
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
    "theatre": "theater",
    "jewellery": "jewelry",
    "pyjamas": "pajamas",
    "manoeuvre": "maneuver",
    "aluminium": "aluminum",
}
for _stem in _OUR:
    for _ending in _ENDINGS:
        _PAIRS[_stem + _ending] = _stem[:-2] + "r" + _ending

US_SPELLING = dict(_PAIRS)  # Canadian -> US
CANADIAN_SPELLING = {us: canadian for canadian, us in _PAIRS.items()}  # US -> Canadian
TARGETS = {"us": US_SPELLING, "ca": CANADIAN_SPELLING}


def _pattern(table: dict[str, str]) -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(sorted(map(re.escape, table), key=len, reverse=True)) + r")\b", re.I)


_PATTERNS = {target: _pattern(table) for target, table in TARGETS.items()}
_TAG = re.compile(r"(<[^>]*>)")
_SKIP = re.compile(r"^<(/?)(code|pre|script|style|kbd|samp)\b", re.I)


def _swap(match: re.Match[str], table: dict[str, str], keep: frozenset[str]) -> str:
    word = match.group(0)
    if word in keep:
        return word
    other = table[word.lower()]
    if word.isupper():
        return other.upper()
    return other[:1].upper() + other[1:] if word[:1].isupper() else other


def respell(html: str, target: str, keep: frozenset[str] = frozenset()) -> str:
    """The page's HTML in US ("us") or Canadian ("ca") spelling, in text only (not tags, code or scripts);
    words in `keep` (the company's own words) are left as written."""
    table, pattern = TARGETS[target], _PATTERNS[target]
    parts, depth = _TAG.split(html), 0
    for index, part in enumerate(parts):
        if part.startswith("<"):
            skip = _SKIP.match(part)
            if skip and not part.endswith("/>"):
                depth += -1 if skip.group(1) else 1
            continue
        if depth == 0 and part:
            parts[index] = pattern.sub(lambda match: _swap(match, table, keep), part)
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
