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

    def compile(source: Any, name: str | None = None, filename: str | None = None, raw: bool = False, defer_init: bool = False) -> Any:  # noqa: E501
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


def forget_theme_listing() -> None:
    """Start of a build (not of a language's inner build): the theme's files may have changed since the last."""
    _listings.clear()


def share_theme_listing(theme: Any) -> None:
    """One walk of the theme's folders per build, not one per language.

    MkDocs lists every file of the theme (Material has thousands of icons) to copy its assets; it does it
    again for each language mkdocs-static-i18n builds. Same folders, same answer: keep it for the build.
    """
    if getattr(theme, "_policy_listing", False):
        return
    get_env = theme.get_env

    def get_env_sharing_listing() -> jinja2.Environment:
        env = get_env()
        list_templates = env.list_templates

        def listing(extensions: Any = None, filter_func: Any = None) -> list[str]:
            if extensions is not None or filter_func is None:
                return list_templates(extensions, filter_func)
            key = (tuple(dict.fromkeys(theme.dirs)), tuple(sorted(theme.static_templates)))  # i18n adds a dir twice
            if key not in _listings:
                _listings[key] = list_templates(extensions, filter_func)
            return list(_listings[key])

        env.list_templates = listing  # type: ignore[method-assign]
        return env

    theme.get_env = get_env_sharing_listing
    theme._policy_listing = True
