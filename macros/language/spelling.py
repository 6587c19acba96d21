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

import bisect
import functools
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


_LETTERS = re.compile("[a-z]{4,}")


@functools.lru_cache(maxsize=256)
def _pattern_for(words: frozenset[str]) -> re.Pattern[str]:
    return _pattern(dict.fromkeys(words))


def respell(html: str, target: str, keep: frozenset[str] = frozenset()) -> str:
    """The page's HTML in US ("us") or Canadian ("ca") spelling, in text only (not tags, code or scripts);
    words in `keep` (the company's own words) are left as written."""
    table = TARGETS[target]
    low = html.lower()
    # The page is read as tags and the text between them (a tag runs from "<" to the next ">"); only the words of
    # the table that the page has are looked at, each kept when it is inside a tag, or inside code, pre, kbd,
    # samp, script or style. A word is a whole run of letters, digits and _ (as \b...\b reads it).
    candidates = sorted(set(_LETTERS.findall(low)).intersection(table))  # every table word is 4+ letters a-z
    if not candidates:  # most pages have none of these words: nothing to change
        return html
    if len(low) == len(html):
        spans = sorted(_occurrences(html, low, candidates))
    else:  # lower case changed the text's length (rare letters): let the regular expression find the words
        spans = [m.span() for m in _pattern_for(frozenset(candidates)).finditer(html)]
    skips = _skip_depths(html)
    tail = _final_text(html)  # text after the last tag, when it starts with "<", is read as a tag and left alone
    out, last = [], 0
    for start, end in spans:
        if start >= tail or _in_tag(html, start):
            continue
        at = bisect.bisect_right(skips[0], start)
        if (skips[1][at - 1] if at else 0) != 0:
            continue
        out += [html[last:start], _swap_word(html[start:end], table, keep)]
        last = end
    out.append(html[last:])
    return "".join(out)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _occurrences(html: str, low: str, words: list[str]):
    """Where each word stands alone (not inside a longer word) in the page, found in its lower-case copy."""
    for word in words:
        at = low.find(word)
        while at != -1:
            end = at + len(word)
            if (at == 0 or not _is_word_char(html[at - 1])) and (end == len(html) or not _is_word_char(html[end])):
                yield at, end
            at = low.find(word, at + 1)


def _final_text(html: str) -> int:
    """Where the text after the last tag starts, when it starts with "<" (else past the end)."""
    close = html.rfind(">")
    while close != -1 and not _in_tag(html, close):  # a ">" in the text closes no tag
        close = html.rfind(">", 0, close)
    start = close + 1
    return start if html.startswith("<", start) else len(html) + 1


def _swap_word(word: str, table: dict[str, str], keep: frozenset[str]) -> str:
    if word in keep:
        return word
    other = table[word.lower()]
    if word.isupper():
        return other.upper()
    return other[:1].upper() + other[1:] if word[:1].isupper() else other


_SKIP_TAG = re.compile(r"<(/?)(code|pre|script|style|kbd|samp)\b", re.I)


def _in_tag(html: str, position: int) -> bool:
    """Whether a position is inside a tag: a "<" since the last ">", and a ">" to close it."""
    return html.rfind("<", 0, position) > html.rfind(">", 0, position) and html.find(">", position) != -1


def _skip_depths(html: str) -> tuple[list[int], list[int]]:
    """Where code, pre, kbd, samp, script and style open and close: positions and the nesting after each."""
    positions, depths, depth = [], [], 0
    for found in _SKIP_TAG.finditer(html):
        start = found.start()
        end = html.find(">", start)
        if end == -1 or _in_tag(html, start):
            continue  # not a tag of its own (no ">" after it, or inside another tag)
        if html[start : end + 1].endswith("/>"):
            continue
        depth += -1 if found.group(1) else 1
        positions.append(start)
        depths.append(depth)
    return positions, depths


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
