"""Faster builds: compiled Jinja templates kept between builds and between the two languages' builds.

MkDocs compiles every theme template again for each language (mkdocs-static-i18n builds each language
with a new theme environment), and mkdocs-macros compiles every page; the compiled code of a template
whose text has not changed is the same every time. Jinja's bytecode cache keeps it: in memory for the
process (the second language, `mkdocs serve` rebuilds, `make companies` workers) and on disk under
.cache/jinja/ (the next `mkdocs build`). Jinja checks each entry against the template's text: an edit
is never served from the cache.
"""

from __future__ import annotations

import copy
import hashlib
import logging
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


# --- The preview: a page whose Markdown did not change is not converted again --------------------------------

_renders: dict[str, tuple[Any, ...]] = {}


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _files_signature(files: Any) -> str:
    signature = getattr(files, "_policy_signature", None)
    if signature is None:
        listing = sorted((f.src_uri, f.dest_uri, f.url) for f in files)
        signature = hashlib.sha256(repr(listing).encode()).hexdigest()
        files._policy_signature = signature
    return signature


def reuse_unchanged_renders() -> None:
    """In `mkdocs serve`: keep each page's HTML and reuse it while its Markdown (after macros), the site's files
    and the Markdown settings stay the same. A save then converts the saved page only (both languages are still
    built, search index included). Renders that logged a warning are never kept, so a broken link still shows."""
    from mkdocs.structure.pages import Page

    if getattr(Page.render, "_policy_reuse", False):
        return
    original = Page.render

    def render(self: Any, config: Any, files: Any) -> None:
        key = hashlib.sha256(
            repr(
                (
                    self.file.src_uri,
                    self.file.dest_uri,
                    self.markdown,
                    _files_signature(files),
                    config["markdown_extensions"],
                    config["mdx_configs"],
                    config["use_directory_urls"],
                    config["validation"],
                )
            ).encode()
        ).hexdigest()
        kept = _renders.get(key)
        if kept is not None:
            content, toc, title, anchors, links = kept
            self.content, self.toc, self._title_from_render = content, copy.deepcopy(toc), title
            self.present_anchor_ids = set(anchors)
            if links is not None:
                found = {files.get_file_from_path(src): dict(v) for src, v in links.items()}
                self.links_to_anchors = {f: v for f, v in found.items() if f is not None}
            return
        counter = _Warnings()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(counter)
        try:
            original(self, config, files)
        finally:
            logger.removeHandler(counter)
        if counter.count == 0:
            links = self.links_to_anchors
            kept_links = None if links is None else {f.src_uri: dict(v) for f, v in links.items()}
            _renders[key] = (
                self.content,
                copy.deepcopy(self.toc),
                self._title_from_render,
                set(self.present_anchor_ids or ()),
                kept_links,
            )

    render._policy_reuse = True  # type: ignore[attr-defined]
    Page.render = render  # type: ignore[method-assign]


_parsed: dict[str, Any] = {}


def reuse_unchanged_search_sections() -> None:
    """In `mkdocs serve`: Material's search splits each page's HTML into sections with an HTML parser; a page
    whose HTML did not change gives the same sections, so they are kept (copied, as the plugin edits them)."""
    from material.plugins.search import plugin as search

    if getattr(search.Parser, "_policy_reuse", False):
        return

    class KeptParser(search.Parser):  # type: ignore[name-defined, misc]
        _policy_reuse = True

        def feed(self, data: str) -> None:
            self._policy_key = hashlib.sha256(data.encode()).hexdigest()
            kept = _parsed.get(self._policy_key)
            self._policy_hit = kept is not None
            if kept is not None:
                self.data = copy.deepcopy(kept)
                return
            super().feed(data)

        def close(self) -> None:
            if self._policy_hit:
                return
            super().close()
            _parsed[self._policy_key] = copy.deepcopy(self.data)

    search.Parser = KeptParser
