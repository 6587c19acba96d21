"""Reading the kit's YAML files, the company file's and the kit's own, with one reader and one set of rules: line
numbers, limits (macros/company/safety.py check_tree), keys written twice, values YAML would misread, and every
schema problem explained in words a non-developer can act on, at its line.

`load_kit_file(path, Model)` reads one of the kit's own data files (labels, quiz, sources, regions, words, places,
sectors, jurisdictions) and returns the validated model, or raises KitFileError naming the file, line and key of
every problem. macros/company/loader.py reads company.yml with the same pieces.
"""

from __future__ import annotations

import difflib
import re
import stat
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mkdocs.exceptions import PluginError
from pydantic import BaseModel, RootModel, ValidationError

from macros.company.safety import MAX_FILE_BYTES, TreeProblem, check_tree, cut, shown, terminal_safe
from macros.company.types import FieldProblem, Localized


@dataclass(frozen=True)
class Problem:
    """One thing to fix: where (key path, line, column) and what to do."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None

    def describe(self, file_name: str) -> str:
        where = file_name
        if self.line is not None:
            where += f", line {self.line}"
            if self.column is not None:
                where += f", column {self.column}"
        key = f" {self.path}" if self.path else ""
        # what the file wrote is shown, never acted on: no terminal escapes, no endless values
        return terminal_safe(cut(f"{where}:{key} {self.message}"))


class CompanyFileError(PluginError):
    """company.yml cannot be used; nothing was built."""

    FOOTER = "Fix the file and build again. The example company.yml shows every key in use."

    def __init__(self, file: Path, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
        lines = [self.heading(terminal_safe(str(file)), count)]
        lines += [f"  {n}. {p.describe(str(file))}" for n, p in enumerate(problems, 1)]
        lines.append(self.FOOTER)
        super().__init__("\n".join(lines))

    @staticmethod
    def heading(file: str, count: str) -> str:
        return f"{file} has {count}. Nothing was built, and the site folder was left as it was."


MERGE_TAG = "tag:yaml.org,2002:merge"


class _DuplicateChecks:
    """A safe YAML loader that remembers keys written twice (plain YAML keeps the last one silently),
    reads merge keys (<<: *name), and says at which line a value cannot be read."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[str, yaml.Mark]] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        written = [(k, v) for k, v in node.value if k.tag != MERGE_TAG]  # keys merged in (<<) may be overridden
        seen: set[Any] = set()
        for key_node, _ in written:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                self.duplicates.append((str(key), key_node.start_mark))
            seen.add(key)
        self.flatten_mapping(node)
        return super().construct_mapping(node, deep=deep)

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError, TypeError) as error:
            raise yaml.constructor.ConstructorError(
                None, None, _unreadable(node, error), node.start_mark
            ) from None


class _DuplicateCatchingLoader(_DuplicateChecks, yaml.SafeLoader):
    """PyYAML's own parser (Python): its messages are the ones the kit explains."""


# libyaml's parser (C: same constructors, same line numbers), a few times faster: used when a file reads cleanly.
_FastLoader = type("_FastLoader", (_DuplicateChecks, yaml.CSafeLoader), {}) if yaml.__with_libyaml__ else None


def _compose(loader_class: type, text: str, limits: dict[str, int] | None = None) -> tuple[Any, yaml.Node | None, Any]:
    """The loader (with the duplicates it saw), the YAML tree after the tree checks, and the values."""
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
        if root is not None:
            check_tree(root, **(limits or {}))
        return loader, root, loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()


def _unreadable(node: yaml.Node, error: Exception) -> str:
    """Why a value YAML recognised cannot be read (a date that does not exist, !!int abc...)."""
    value = shown(node.value) if isinstance(node, yaml.ScalarNode) else "this value"
    tag = node.tag.rsplit(":", 1)[-1]
    if tag == "timestamp":
        return f"{value} is not a date that exists ({shown(str(error))}); write a real date as YYYY-MM-DD"
    if tag in ("int", "float"):
        return f"{value} cannot be read as a number ({shown(str(error))}); write a number, or put text in quotes"
    return f"{value} cannot be read as {tag} ({shown(str(error))}); put it in quotes if it is text"


def _late_quote(text: str, before_line: int) -> Problem | None:
    """The last quoted text opened before a syntax error that runs over several lines: most often a quote
    closed too late (or never), so YAML read the keys after it as text and stumbled further down."""
    found = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.line > before_line:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") and (
                token.end_mark.line > token.start_mark.line
            ):
                found = token
    except yaml.YAMLError:
        pass
    if found is None:
        return None
    start, end = found.start_mark, found.end_mark
    return Problem(
        "",
        f"has a quote that opens on line {start.line + 1} and closes only on line {end.line + 1}, so the lines "
        f"between are read as text: close the quote at the end of the text on line {start.line + 1}.",
        start.line + 1,
        start.column + 1,
    )


def _yaml_problem(error: yaml.YAMLError, text: str = "") -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    late = _late_quote(text, mark.line) if text and mark is not None else None
    if late is not None:
        return late
    problem = getattr(error, "problem", None) or str(error)
    context, opened = getattr(error, "context", None) or "", getattr(error, "context_mark", None)
    if "quoted scalar" in context and opened is not None:  # a quote never closed: point at where it opens
        return Problem(
            "",
            f"has a quote that opens on line {opened.line + 1} and is never closed; add the closing quote at the "
            "end of that text.",
            opened.line + 1,
            opened.column + 1,
        )
    if isinstance(error, yaml.constructor.ConstructorError) and problem.startswith(("'", '"')):
        return Problem("", problem + ".", mark.line + 1 if mark else None, mark.column + 1 if mark else None)
    hint = (
        "Check the indentation (spaces only, no tabs, children indented under their key) and put in quotes "
        "any text that contains ': ' or ' #', or starts with a character such as @, *, &, !, %, [ or {."
    )
    return Problem(
        path="",
        message=f"is not valid YAML ({problem}). {hint}",
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
    )


KEY_LIKE_LINE = re.compile(r"^\s*(?:- )?[A-Za-z_][A-Za-z0-9_-]*:(?:\s|$)", re.MULTILINE)


def _swallowed_keys(node: yaml.Node | None, text: str, loc: tuple[str | int, ...] = ()) -> list[Problem]:
    """A quoted text that runs over several lines and holds lines that look like keys (`website:`, `logo:`):
    a quote closed too late has swallowed them, and they would silently vanish from the file."""
    if isinstance(node, yaml.MappingNode):
        return [p for key, value in node.value for p in _swallowed_keys(value, text, loc + (key.value,))]
    if isinstance(node, yaml.SequenceNode):
        return [p for index, item in enumerate(node.value) for p in _swallowed_keys(item, text, loc + (index,))]
    if not isinstance(node, yaml.ScalarNode) or node.style not in ('"', "'"):
        return []
    start, end = node.start_mark, node.end_mark
    if start.line == end.line:
        return []
    keys = [m.group(0).strip() for m in KEY_LIKE_LINE.finditer(text[start.index : end.index].split("\n", 1)[-1])]
    if not keys:
        return []
    return [
        Problem(
            _dotted(loc),
            f"opens a quote on line {start.line + 1} that runs to line {end.line + 1} and holds lines that look "
            f"like keys ({', '.join(keys[:3])}); close the quote at the end of the text on line {start.line + 1}.",
            start.line + 1,
            start.column + 1,
        )
    ]


def _dotted(loc: tuple[str | int, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


YAML_BOOLEANS = {True: ("yes", "true", "on", "y"), False: ("no", "false", "off", "n")}


def _same_key(written: str, key: str | int) -> bool:
    """Whether a key as written in the file is the key a problem names (YAML turns `yes:` into true)."""
    if isinstance(key, bool) or key in ("true", "false"):
        return written.lower() in YAML_BOOLEANS[key in (True, "true")]
    return written == str(key)


def _node_at(root: yaml.Node | None, loc: tuple[str | int, ...]) -> yaml.Node | None:
    """The YAML key (or list item) at a key path; where the path stops early, the deepest part that exists."""
    node = root
    for depth, part in enumerate(loc, 1):
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if _same_key(k.value, part)), None)
            if pair is None:
                return node
            if depth == len(loc):
                return pair[0]
            node = pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return node
    return node


def _unwrap(annotation: Any) -> Any:
    """The model or list type behind Optional[...] and Annotated[...]."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = members[0]
        else:
            return annotation


def _model_at(loc: tuple[str | int, ...], root_model: type[BaseModel]) -> type[BaseModel] | None:
    """The schema section found at a key path, to list its keys."""
    current: Any = root_model

    def unroot(value: Any) -> Any:
        while isinstance(value, type) and issubclass(value, RootModel):
            value = _unwrap(value.model_fields["root"].annotation)
        return value

    for part in loc:
        current = unroot(current)
        if isinstance(part, int):
            if typing.get_origin(current) is not list:
                return None
            current = _unwrap(typing.get_args(current)[0])
        elif typing.get_origin(current) is dict:
            current = _unwrap(typing.get_args(current)[1])
        elif isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = _unwrap(current.model_fields[part].annotation)
        else:
            return None
    current = unroot(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _did_you_mean(word: Any, choices: list[str]) -> str:
    close = difflib.get_close_matches(str(word), choices, n=1, cutoff=0.6)
    return f' Did you mean "{close[0]}"?' if close else ""


def _explain(error: dict[str, Any], root_model: type[BaseModel]) -> tuple[tuple[str | int, ...], str]:
    """The key path and a plain-words message for one pydantic error."""
    loc = tuple(part for part in error["loc"] if part not in ("function-after", "function-before"))
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    cause = ctx.get("error")
    if isinstance(cause, FieldProblem):
        return loc + cause.path, cause.message.rstrip(".") + "."
    if kind == "invalid_key":
        written = "null" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
        return loc[:-1] + (written,), (
            f"is a key YAML reads as {type(value).__name__}, not as text: keys are words such as name or email; "
            f'if {written} is meant, put it in quotes: "{written}":.'
        )
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1], root_model)
        known = sorted(model.model_fields) if model else []
        hint = _did_you_mean(loc[-1], known) or (f" Keys allowed here: {', '.join(known)}." if known else "")
        if model is Localized:
            return loc, (
                f"is not a key this file knows.{hint} In {{fr: ..., en: ...}} a comma starts a new key: "
                'put a text that contains a comma in quotes, like {fr: "Julie Lavoie, présidente", en: "..."}.'
            )
        return loc, f"is not a key this file knows.{hint} Remove it or correct its spelling."
    if kind == "missing":
        model = _model_at(loc[:-1], root_model)
        field = model.model_fields.get(str(loc[-1])) if model else None
        about = f" ({field.description})" if field and field.description else ""
        return loc, f"is missing{about}: add it."
    if kind in ("enum", "literal_error"):
        expected = ctx.get("expected", "")
        choices = [c.strip(" '\"") for c in expected.replace(" or ", ", ").split(",") if c.strip()]
        return loc, f"is {shown(value)}, but it must be one of: {', '.join(choices)}.{_did_you_mean(value, choices)}"
    if kind.startswith("date"):
        return loc, f"must be a date written YYYY-MM-DD, like 2026-03-01 (got {shown(value)})."
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return loc, f"must hold keys indented below it, not a single value (got {shown(value)})."
    if kind == "list_type":
        return loc, "must be a list: put each item on its own line, starting with '- '."
    if kind == "too_short":
        return loc, "needs at least one item."
    if kind in ("string_type", "string_sub_type"):
        if isinstance(value, dict):
            return loc, (
                f"must be a single text here, not keys (got {shown(value)}); write one text on the same line, "
                "like title: Owner."
            )
        if isinstance(value, list):
            return loc, f"must be a single text, not a list (got {shown(value)}); write one text on the same line."
        return loc, f"must be text (got {shown(value)}); put it in quotes."
    if kind == "string_pattern_mismatch" and loc[-1] == "brand_color":
        return loc, f'must be a colour written #RRGGBB, like "#1F5F8B" (got {shown(value)}); keep the quotes.'
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return loc, f"must be a whole number (got {shown(value)})."
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = "at least" if kind == "greater_than_equal" else "at most"
        return loc, f"must be {bound} {ctx.get('ge', ctx.get('le'))} (got {shown(value)})."
    message = error["msg"]
    if message.startswith("value is not a valid email address: "):
        return loc, "is not a valid e-mail address: " + message.split(": ", 1)[1].rstrip(".") + "."
    # our own checks (schema.py) word their messages to follow the key: "is ...", "must ..."
    return loc, message.removeprefix("Value error, ").rstrip(".") + "."


def text_position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (from 1) of a byte offset."""
    before = data[:offset]
    return before.count(b"\n") + 1, offset - (before.rfind(b"\n") + 1) + 1


def _parse_yaml(
    file: Path, data: bytes, error_type: type[CompanyFileError], limits: dict[str, int] | None = None
) -> tuple[yaml.Node | None, Any, list[Problem]]:
    """The YAML tree and values of a file's bytes, after the tree checks (safety.check_tree), with the keys
    written twice as problems. Raises error_type for what stops the reading."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        where = text_position(data, error.start)
        raise error_type(
            file, [Problem("", "is not saved as UTF-8 text: save it again as UTF-8 in your editor.", *where)]
        ) from None
    root, loader = None, None
    try:
        if _FastLoader is not None and not yaml.reader.Reader.NON_PRINTABLE.search(text):
            try:
                fast, root, data_read = _compose(_FastLoader, text, limits)
                return root, data_read, _written_twice(fast) + _swallowed_keys(root, text)
            except (yaml.YAMLError, TreeProblem, RecursionError):
                pass  # read again below with the Python parser, whose messages and lines the kit explains
        loader = _DuplicateCatchingLoader(text)
        root = loader.get_single_node()
        if root is not None:
            check_tree(root, **(limits or {}))
        data_read = loader.construct_document(root) if root is not None else None
    except yaml.reader.ReaderError as error:
        line, column = _text_position(text, error.position)
        code = error.character if isinstance(error.character, int) else ord(error.character)
        raise error_type(
            file,
            [
                Problem(
                    "",
                    f"contains an invisible control character (U+{code:04X}) that YAML does not accept; "
                    "retype the text there without it.",
                    line,
                    column,
                )
            ],
        ) from None
    except yaml.YAMLError as error:
        raise error_type(file, [_yaml_problem(error, text)]) from None
    except TreeProblem as problem:
        mark = problem.node.start_mark
        raise error_type(file, [Problem(_dotted(problem.loc), problem.message + ".", mark.line + 1, mark.column + 1)]) from None
    except RecursionError:
        mark = loader.get_mark() if loader is not None else None  # where the reader stopped: inside the nesting
        raise error_type(
            file,
            [
                Problem(
                    "",
                    "nests lists or sections far too deep (hundreds of levels); this file needs a few.",
                    mark.line + 1 if mark else None,
                    mark.column + 1 if mark else None,
                )
            ],
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    return root, data_read, _written_twice(loader) + _swallowed_keys(root, text)


def _written_twice(loader: Any) -> list[Problem]:
    return [
        Problem(key, f"is written twice; keep one {key}: and delete the other.", mark.line + 1, mark.column + 1)
        for key, mark in loader.duplicates
    ]


ModelT = typing.TypeVar("ModelT", bound=BaseModel)


def _validate(
    file: Path,
    model_type: type[ModelT],
    data_read: Any,
    root: yaml.Node | None,
    problems: list[Problem],
    error_type: type[CompanyFileError],
    context: dict[str, Any] | None = None,
) -> ModelT:
    """The values checked against a pydantic model; every problem at its key and line."""
    try:
        return model_type.model_validate(data_read, context=context)
    except ValidationError as error:
        for item in error.errors(include_url=False):
            loc, message = _explain(item, model_type)
            node = _node_at(root, loc)
            mark = node.start_mark if node is not None else None
            problems.append(
                Problem(_dotted(loc), message, mark.line + 1 if mark else None, mark.column + 1 if mark else None)
            )
        raise error_type(file, problems) from None


# --- The kit's own data files (macros/**/*.yml: labels, places, sectors, the law's data, the quiz) ---------------------------

# Kit files are longer than a company file (a sector file holds some 60 KB of text), but are held to the same
# rules: the same reader, duplicate keys, booleans, line numbers, and limits that stay far from a bomb.
KIT_LIMITS = {"max_nodes": 100_000, "max_list_items": 500, "max_keys": 500}
MAX_KIT_FILE_BYTES = MAX_FILE_BYTES
KIT_KEY = re.compile(r"^$|^[A-Za-z0-9_*][A-Za-z0-9_.*,\-]{0,63}$")  # words, ids, key paths (values.*.name), fr,en, ""


class KitFileError(CompanyFileError):
    """One of the kit's own data files is broken: nothing was built."""

    FOOTER = "This file is part of the kit, not of your company file: fix it (or restore it) and build again."

    def __init__(self, file: Path, problems: list[Problem]) -> None:
        # a sentence cut into a key is told once (the schema would also call it an unknown key)
        places = [(p.line, p.column) for p in problems]
        problems = [p for n, p in enumerate(problems) if p.line is None or (p.line, p.column) not in places[:n]]
        super().__init__(file, problems)

    @staticmethod
    def heading(file: str, count: str) -> str:
        return f"The kit's data file {file} has {count}. Nothing was built."


def _sentence_keys(node: yaml.Node | None, loc: tuple[str | int, ...] = ()) -> list[Problem]:
    """Keys of a kit file are words (labels, ids, language codes): a key with spaces or punctuation is a piece of
    a sentence, most often cut off by an unquoted comma in {fr: ..., en: ...}."""
    found: list[Problem] = []
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key_node.tag != MERGE_TAG and not KIT_KEY.match(key):
                mark = key_node.start_mark
                found.append(
                    Problem(
                        _dotted(loc + (key,)),
                        "is a key that looks like a piece of a sentence, not a word. In {fr: ..., en: ...} a comma "
                        "starts a new key: put a text that contains a comma in quotes, like "
                        '{fr: "Oui, si...", en: "Yes, if..."}.',
                        mark.line + 1,
                        mark.column + 1,
                    )
                )
            found += _sentence_keys(value_node, loc + (key,))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            found += _sentence_keys(item, loc + (index,))
    return found


def read_kit_bytes(file: Path) -> bytes:
    """A kit data file's bytes: a regular file of the kit, under the size limit."""
    try:
        info = file.lstat()
    except OSError as error:
        raise KitFileError(file, [Problem("", f"cannot be read ({shown(error.strerror or str(error))}).")]) from None
    if not stat.S_ISREG(info.st_mode):
        raise KitFileError(file, [Problem("", "is not a regular file (a link, a folder or a device); restore the file.")])
    if info.st_size > MAX_KIT_FILE_BYTES:
        raise KitFileError(file, [Problem("", f"is {info.st_size / 1e6:.1f} MB; at most {MAX_KIT_FILE_BYTES // 1000} KB.")])
    return file.read_bytes()


def load_kit_file(
    path: Path,
    model: type[ModelT],
    check: typing.Callable[[ModelT], list[tuple[tuple[str | int, ...], str]]] | None = None,
) -> ModelT:
    """Read one of the kit's own data files with the company file's reader and rules, and validate it against a
    strict pydantic model (unknown keys refused, both languages in every pair, no single text standing for both,
    no key that is a piece of a sentence). `check` may add problems the schema cannot see, each a key path and a
    message. Raises KitFileError naming the file, line and key of every problem."""
    path = Path(path)
    root, data_read, problems = _parse_yaml(path, read_kit_bytes(path), KitFileError, KIT_LIMITS)
    problems += _sentence_keys(root)
    if data_read is None:
        problems.append(Problem("", "is empty."))
        raise KitFileError(path, problems)
    result = _validate(path, model, data_read, root, problems, KitFileError, context={"kit": True})
    for loc, message in check(result) if check else []:
        node = _node_at(root, loc)
        mark = node.start_mark if node is not None else None
        problems.append(
            Problem(_dotted(loc), message.rstrip(".") + ".", mark.line + 1 if mark else None, mark.column + 1 if mark else None)
        )
    if problems:
        raise KitFileError(path, problems)
    return result


def _text_position(text: str, position: int) -> tuple[int, int]:
    """Line and column (from 1) of a character offset."""
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1
