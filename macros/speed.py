"""Faster builds: compiled Jinja templates kept between builds and between the two languages' builds.

MkDocs compiles every theme template again for each language (mkdocs-static-i18n builds each language
with a new theme environment), and mkdocs-macros compiles every page; the compiled code of a template
whose text has not changed is the same every time. Jinja's bytecode cache keeps it: in memory for the
process (the second language, `mkdocs serve` rebuilds, `make companies` workers) and on disk under
.cache/jinja/ (the next `mkdocs build`). Jinja checks each entry against the template's text: an edit
is never served from the cache.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from pathlib import Path
from typing import Any, Callable

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache

_memory: dict[str, bytes] = {}


class TemplateCache(FileSystemBytecodeCache):
    """Jinja's file bytecode cache with an in-process layer in front of it."""

    def load_bytecode(self, bucket: Bucket) -> None:
        data = _memory.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)
        if bucket.code is None:
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        _memory[bucket.key] = bucket.bytecode_to_string()
        try:
            super().dump_bytecode(bucket)
        except OSError:  # a read-only project folder: the memory layer still helps
            pass


def template_cache(project_dir: Path) -> TemplateCache:
    folder = project_dir / ".cache" / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass
    return TemplateCache(str(folder))


_compiled: dict[str, Any] = {}


def _settings(env: jinja2.Environment) -> str:
    """What changes the code Jinja generates for the same text (besides the text)."""
    return repr(
        (
            jinja2.__version__,
            sys.version_info[:2],
            env.block_start_string,
            env.variable_start_string,
            env.comment_start_string,
            env.line_statement_prefix,
            env.trim_blocks,
            env.lstrip_blocks,
            env.keep_trailing_newline,
            env.newline_sequence,
            bool(env.autoescape),
            env.optimized,
            env.finalize is not None,
            sorted(env.extensions),
        )
    )


def cache_page_compiles(env: jinja2.Environment, project_dir: Path) -> None:
    """Keep the compiled code of pages rendered with env.from_string (mkdocs-macros), keyed by their text."""
    if getattr(env, "_policy_cached", False):
        return
    compile_: Callable[..., Any] = env.compile
    folder = project_dir / ".cache" / "jinja"

    def compile(
        source: Any, name: str | None = None, filename: str | None = None, raw: bool = False, defer_init: bool = False
    ) -> Any:
        if not isinstance(source, str) or raw:
            return compile_(source, name, filename, raw, defer_init)
        key = hashlib.sha256(f"{_settings(env)}\0{name}\0{filename}\0{defer_init}\0{source}".encode()).hexdigest()
        code = _compiled.get(key)
        if code is None:
            file = folder / f"page-{key}.marshal"
            try:
                code = marshal.loads(file.read_bytes())
            except (OSError, ValueError, EOFError, TypeError):
                code = compile_(source, name, filename, raw, defer_init)
                try:
                    folder.mkdir(parents=True, exist_ok=True)
                    file.write_bytes(marshal.dumps(code))
                except OSError:
                    pass
            _compiled[key] = code
        return code

    env.compile = compile  # type: ignore[method-assign]
    env._policy_cached = True  # type: ignore[attr-defined]


_listings: dict[tuple[Any, ...], list[str]] = {}


def _listing_key(theme: Any) -> tuple[Any, ...]:
    """The theme's folders (mkdocs-static-i18n adds one twice) and, for the project's own (overrides/), the
    time each of its folders last changed: a file added there is listed at the next build."""
    folders = tuple(dict.fromkeys(theme.dirs))
    stamps = []
    for folder in folders:
        if "site-packages" in Path(folder).parts:
            continue  # an installed theme changes only with its package
        for path in sorted(Path(folder).rglob("*")):
            if path.is_dir():
                stamps.append((str(path), path.stat().st_mtime_ns))
        stamps.append((folder, Path(folder).stat().st_mtime_ns if Path(folder).is_dir() else 0))
    return folders, tuple(sorted(theme.static_templates)), tuple(stamps)


def share_theme(theme: Any, project_dir: Path) -> None:
    """Every Jinja environment of the theme gets the template cache, and one walk of the theme's files.

    MkDocs lists every file of the theme (Material has thousands of icons) to copy its assets, again for
    each language mkdocs-static-i18n builds and at each rebuild of the preview; Material's search plugin
    also compiles its language templates in a new environment each time. Same folders, same answer.
    """
    if getattr(theme, "_policy_shared", False):
        return
    get_env = theme.get_env
    cache = template_cache(project_dir)

    def get_env_shared() -> jinja2.Environment:
        env = get_env()
        env.bytecode_cache = cache
        list_templates = env.list_templates

        def listing(extensions: Any = None, filter_func: Any = None) -> list[str]:
            if extensions is not None or filter_func is None:
                return list_templates(extensions, filter_func)
            key = _listing_key(theme)
            if key not in _listings:
                _listings.clear()
                _listings[key] = list_templates(extensions, filter_func)
            return list(_listings[key])

        env.list_templates = listing  # type: ignore[method-assign]
        return env

    theme.get_env = get_env_shared
    theme._policy_shared = True
