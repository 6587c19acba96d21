"""Limits and checks that keep a hostile or broken company file harmless: one place for every bound.

A consultant builds files that clients send, and an IT person publishes the output: neither should have to
trust the file. This module holds the limits (sizes, lengths, depth, aliases), the checks on the YAML tree
before anything is built from it, the checks on the logo file, and how values are shown in messages
(cut short, with no character a terminal would act on).
"""

from __future__ import annotations

import re
import reprlib
import unicodedata
from pathlib import Path
from typing import Any, Callable

import yaml

# --- Limits (all in one place) ----------------------------------------------------------------

MAX_FILE_BYTES = 1_000_000  # company.yml: the example is about 8 KB
MAX_TEXT_CHARS = 1_000  # one text value (a sentence, a title, an address)
MAX_NAME_CHARS = 200  # a company or person's name
MAX_SCALAR_CHARS = 10_000  # any single YAML value, before the schema looks at it
MAX_LIST_ITEMS = 100  # items in one list (values, accounts, history, training)
MAX_KEYS = 200  # keys in one section
MAX_DEPTH = 20  # sections inside sections
MAX_NODES = 20_000  # values in the whole file, counting each use of an alias (*name) in full
MAX_LOGO_BYTES = 2_000_000  # the logo is on every page and is the tab icon
MAX_YEAR = 9000  # dates stay far from Python's year 9999 limit, review dates included
MIN_YEAR = 1000
MAX_SHOWN_CHARS = 80  # a value quoted in a message
MAX_MESSAGE_CHARS = 1_000  # one problem's message

# --- Showing values in messages ----------------------------------------------------------------

_repr = reprlib.Repr()
_repr.maxstring = MAX_SHOWN_CHARS
_repr.maxother = MAX_SHOWN_CHARS
_repr.maxlist = _repr.maxdict = _repr.maxtuple = _repr.maxset = 4
_repr.maxlevel = 3


def shown(value: Any) -> str:
    """A value as a message quotes it: repr, cut short (aliases and huge values never flood the terminal)."""
    return terminal_safe(_repr.repr(value))


# Bidirectional controls: they reorder what follows them on screen (U+202A-U+202E, U+2066-U+2069).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _escape_char(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """Text with control and format characters written as \\x1b, \\u202e...: a terminal shows them, never acts."""
    return "".join(
        _escape_char(c) if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") else c for c in str(text)
    )


def cut(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- Text values -------------------------------------------------------------------------------


def text_problem(value: str, limit: int = MAX_TEXT_CHARS) -> str | None:
    """Why one line of company text cannot be used (too long, bidi controls, nothing visible), or None."""
    if len(value) > limit:
        return f"is {len(value)} characters long; keep it under {limit} (got {shown(value)})"
    bidi = next((c for c in value if c in BIDI_CONTROLS), None)
    if bidi is not None:
        return (
            f"contains an invisible character that reverses the text around it (U+{ord(bidi):04X}); "
            "retype the text without it"
        )
    if all(unicodedata.category(c) == "Cf" or c.isspace() for c in value):
        return "has no visible character (only invisible ones); write the text with letters you can see"
    return None


# --- The YAML tree, before anything is built from it ---------------------------------------------


class TreeProblem(Exception):
    def __init__(self, node: yaml.Node, message: str, loc: tuple[str | int, ...] = ()) -> None:
        super().__init__(message)
        self.node = node
        self.message = message
        self.loc = loc


_MERGE = "tag:yaml.org,2002:merge"
_REFUSED_TAGS = {
    "tag:yaml.org,2002:binary": "is written with the YAML tag !!binary (bytes); write it as plain text",
}


def check_tree(
    root: yaml.Node,
    max_nodes: int = MAX_NODES,
    max_list_items: int = MAX_LIST_ITEMS,
    max_keys: int = MAX_KEYS,
) -> None:
    """Refuse, before the values are built, a tree that is too deep, too big once aliases are expanded,
    that refers to itself, or whose keys are lists or sections. Raises TreeProblem at the node at fault.
    The kit's own data files are longer than a company file: they pass higher counts (loader.KIT_LIMITS)."""
    sizes: dict[int, int] = {}
    busy: set[int] = set()

    def size(node: yaml.Node, loc: tuple[str | int, ...]) -> int:
        try:
            return measure(node, loc)
        except TreeProblem as problem:
            if not problem.loc:
                problem.loc = loc
            raise

    def measure(node: yaml.Node, loc: tuple[str | int, ...]) -> int:
        key, depth = id(node), len(loc)
        if key in sizes:
            return sizes[key]
        if key in busy:
            raise TreeProblem(node, "uses an alias (*name) inside the very thing it names; write the values out")
        if depth > MAX_DEPTH:
            raise TreeProblem(node, f"is nested more than {MAX_DEPTH} levels deep; this file needs far fewer")
        if node.tag in _REFUSED_TAGS:
            raise TreeProblem(node, _REFUSED_TAGS[node.tag])
        total = 1
        if isinstance(node, yaml.ScalarNode):
            if len(node.value) > MAX_SCALAR_CHARS:
                raise TreeProblem(node, f"is a value of {len(node.value)} characters; keep each value short")
        else:
            busy.add(key)
            if isinstance(node, yaml.SequenceNode):
                if len(node.value) > max_list_items:
                    raise TreeProblem(node, f"is a list of {len(node.value)} items; at most {max_list_items}")
                children = [(index, child) for index, child in enumerate(node.value)]
            else:
                if len(node.value) > max_keys:
                    raise TreeProblem(node, f"has {len(node.value)} keys; at most {max_keys}")
                children = []
                for key_node, value_node in node.value:
                    if not isinstance(key_node, yaml.ScalarNode):
                        raise TreeProblem(
                            key_node, "is a key written as a list or a section (? or [ ]); a key is one word"
                        )
                    if (
                        key_node.value == "name"
                        and isinstance(value_node, yaml.ScalarNode)
                        and len(value_node.value) > MAX_NAME_CHARS
                    ):
                        raise TreeProblem(
                            value_node,
                            f"is a name of {len(value_node.value)} characters; keep a name under {MAX_NAME_CHARS}",
                            loc + ("name",),
                        )
                    children += [(key_node.value, key_node), (key_node.value, value_node)]
            for part, child in children:
                total += size(child, loc + (part,))
                if total > max_nodes:
                    raise TreeProblem(
                        node,
                        f"holds more than {max_nodes} values once its aliases (*name) are written out; "
                        "write the values out instead of repeating aliases",
                    )
            busy.discard(key)
        sizes[key] = total
        return total

    size(root, ())


# --- The logo file --------------------------------------------------------------------------------

LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".webp")

_MAGIC: dict[str, Callable[[bytes], bool]] = {
    ".png": lambda head: head.startswith(b"\x89PNG\r\n\x1a\n"),
    ".jpg": lambda head: head.startswith(b"\xff\xd8\xff"),
    ".jpeg": lambda head: head.startswith(b"\xff\xd8\xff"),
    ".webp": lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP",
}

SVG_NS = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_SVG_ACTIVE = {"script", "foreignObject", "iframe", "embed", "object", "audio", "video", "handler", "listener"}
_SVG_ANIMATION = {"set", "animate", "animateMotion", "animateTransform", "animateColor"}
# What in CSS loads another file: @import, url(...) other than a local #fragment, and the image functions that
# take a plain string (image-set("x.png")). Checked on the text once CSS escapes (u\72l, @\69mport) are decoded.
_CSS_OUTSIDE = re.compile(
    r"@import|url\((?!\s*['\"]?\s*#)|(?<![\w-])(?:-webkit-)?image-set\(|(?<![\w-])image\(|cross-fade\(|element\(",
    re.IGNORECASE,
)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\r\n\f]?|(\n)|(.))", re.DOTALL)
_CSS_COMMENT = re.compile(r"/\*.*?(\*/|$)", re.DOTALL)


def _css_char(match: re.Match[str]) -> str:
    if match[1]:
        code = int(match[1], 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return "" if match[2] else match[3]


def css_decoded(text: str) -> str:
    """CSS as a browser reads it: escapes (\\72, \\r) decoded and comments removed, so that `u\\72l(` is `url(`."""
    return _CSS_ESCAPE.sub(_css_char, _CSS_COMMENT.sub("", text))


def css_loads_a_file(text: str) -> bool:
    """Whether CSS (a <style> or any attribute value) would load another file."""
    return bool(_CSS_OUTSIDE.search(css_decoded(text)))


def logo_problem(written: str, company_file: Path) -> str | None:
    """Why the logo a company file names cannot be published, or None. `written` is the path as in the file."""
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in written):
        return f"is {shown(written)}, which contains an invisible character; write the file name again."
    suffix = Path(written).suffix.lower()
    if suffix not in LOGO_TYPES:
        return f"is {shown(written)}; use an image file ending in {', '.join(LOGO_TYPES)}."
    folder = company_file.parent.resolve()
    if Path(written).is_absolute() or written.startswith("~"):
        return (
            f"is {shown(written)}, a path outside the company's folder; put the logo in {folder} "
            f"and write its name relative to {company_file.name}."
        )
    path = (folder / written).resolve()
    if not path.is_relative_to(folder):
        return (
            f"is {shown(written)}, which leads outside {folder} (by .. or a link); "
            f"put the logo in that folder and write its name relative to {company_file.name}."
        )
    if path.suffix.lower() not in LOGO_TYPES:
        return f"is {shown(written)}, a link to {path.name}; use the image itself, ending in {', '.join(LOGO_TYPES)}."
    if not path.is_file():
        return f"is {shown(written)}, but there is no file {path}: the path is relative to {company_file.name}."
    size = path.stat().st_size
    if size == 0:
        return f"is {shown(written)}, an empty file; save the image again."
    if size > MAX_LOGO_BYTES:
        return (
            f"is {shown(written)}, a file of {size / 1e6:.1f} MB; every page loads it, "
            f"so keep it under {MAX_LOGO_BYTES / 1e6:.0f} MB (export it smaller)."
        )
    data = path.read_bytes()
    if suffix == ".svg":
        return _svg_problem(written, data)
    if not _MAGIC[suffix](data[:16]):
        return f"is {shown(written)}, but the file is not a {suffix[1:].upper()} image; export the logo again as {suffix}."
    return None


def _svg_problem(written: str, data: bytes) -> str | None:
    """An SVG is a document that can hold scripts and load other files: accept drawings only."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    active = (
        f"is {shown(written)}, an SVG that contains {{what}}; a logo must be a plain drawing. "
        "Export it again as plain SVG (or as PNG)."
    )
    if b"<?xml-stylesheet" in data:
        return active.format(what="a link to a style sheet")
    try:
        root = fromstring(data, forbid_dtd=True)
    except (ParseError, DefusedXmlException, ValueError) as error:
        return f"is {shown(written)}, but it is not a readable SVG image ({shown(str(error))}); export it again."
    if root.tag != f"{SVG_NS}svg":
        return f"is {shown(written)}, but the file is not an SVG image (it starts with <{shown(root.tag)}>)."
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
        if name in _SVG_ACTIVE:
            return active.format(what=f"a <{name}> element")
        if name in _SVG_ANIMATION and element.get("attributeName", "").endswith("href"):
            return active.format(what=f"a <{name}> that changes a link")
        if name == "style" and css_loads_a_file("".join(element.itertext())):
            return active.format(what="a style that loads another file")
        for attribute, value in element.attrib.items():
            local = attribute.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                return active.format(what=f"an event attribute ({local})")
            if (local == "href" or attribute == XLINK_HREF) and not value.strip().startswith("#"):
                return active.format(what=f"a link to another file or page ({shown(value)})")
            if css_loads_a_file(value):  # every attribute: style, fill, marker-end, cursor...
                return active.format(what=f"a style that loads another file (in {local})")
    return None


# --- The output folder --------------------------------------------------------------------------


def output_folder_problem(site_dir: Path, keep: dict[str, Path]) -> str | None:
    """Why building into site_dir would delete one of the files to keep (a build empties its folder), or None."""
    site = site_dir.resolve()
    for what, path in keep.items():
        target = path.resolve()
        if target == site or site in target.parents:
            return (
                f"The output folder {site} holds {what} ({target}): building there would delete it. "
                "Choose another folder with -d (for example site/ beside mkdocs.yml). Nothing was changed."
            )
    return None
