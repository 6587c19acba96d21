"""`mkdocs serve` while the company's file has a problem: every page answers with the terminal's message.

MkDocs' preview holds every request while a rebuild has failed ("the server will appear stuck", mkdocs/livereload),
so an owner who watches only the browser sees a page that never loads. `on_serve` (hooks.py) hands the server to
`PreviewErrors`, which wraps the server's builder and its WSGI app: a rebuild that fails with a configuration error
(MkDocs' BuildError, which the loader's PluginError is) is remembered, the browsers reload, and every page request
gets a page with the same message, in the site's first language, carrying MkDocs' own reload script; the next
rebuild that succeeds clears it and the browsers reload to the site. Its state lives as long as that one server.

A preview started with a broken file would stop at once (MkDocs ends `serve` when its first build fails):
`keep_serving_after_a_broken_start` (on_startup) lets that first build fail without ending it, and leaves its
message on the build's config (START_PROBLEM) for on_serve, which starts the server showing it.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any, Callable, Iterable

import yaml
from mkdocs.exceptions import BuildError

from macros.company.labels import label
from macros.company.loader import check_company_yaml

log = logging.getLogger("mkdocs.hooks.policy")

START_PROBLEM = "policy_preview_start_problem"  # config.extra key: the first build's configuration error


def keep_serving_after_a_broken_start() -> None:
    """`mkdocs serve`'s first build: a configuration error is kept on the config instead of ending the preview.

    MkDocs' serve() calls its module's `build` for every build; only the first call is wrapped, and the wrapper
    puts the original back at once, so every later build is MkDocs' own (PreviewErrors handles those)."""
    from mkdocs.commands import serve as serve_command

    original = serve_command.build

    def first_build(config: Any, *args: Any, **kwargs: Any) -> None:
        serve_command.build = original
        try:
            original(config, *args, **kwargs)
        except Exception as error:  # noqa: BLE001 - only a configuration error is kept; anything else goes on up
            problem = build_error(error)
            if problem is None:
                raise
            config.extra[START_PROBLEM] = str(problem)
            log.error("The preview starts anyway: the browser shows this message until the file is fixed.")

    serve_command.build = first_build


def start_problem(config: Any) -> str | None:
    """The first build's configuration error, if the preview started with one."""
    return config.extra.get(START_PROBLEM)


def build_error(error: BaseException) -> BaseException | None:
    """The configuration error behind a failed build (MkDocs wraps it in an Abort), if that is what it was."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, BuildError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def first_language(company_file: Path, fallback: str) -> str:
    """The site's first language as the file says it, when it can still be read; else the last good build's."""
    try:
        data = yaml.safe_load(check_company_yaml(company_file))  # the loader's limits first (no alias bomb)
        first = data["languages"][0]
    except Exception:  # a file with a problem: any way of failing to read it means "as before"
        return fallback
    return first if first in ("fr", "en") else fallback


def error_page(message: str, locale: str) -> bytes:
    """A plain page (no theme, no assets) with the message as the terminal prints it."""
    title = html.escape(label("preview_error_title", locale))
    return (
        f'<!doctype html>\n<html lang="{locale}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;"
        "padding:0 1rem;color:#1b1f24}h1{font-size:1.5rem;color:#a4161a}pre{white-space:pre-wrap;background:#fff4f4;"
        "border-left:4px solid #a4161a;padding:1rem;font-size:.95rem}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{title}</h1>\n<p>{html.escape(label('preview_error_lead', locale))}</p>\n"
        f'<pre role="alert">{html.escape(message)}</pre>\n'
        f"<p>{html.escape(label('preview_error_next', locale))}</p>\n</main>\n</body>\n</html>\n"
    ).encode("utf-8")


def is_page(path: str) -> bool:
    """A request for a page (not a stylesheet, script, image or the reload poll)."""
    if path.startswith("/livereload/"):
        return False
    last = path.rsplit("/", 1)[-1]
    return last == "" or last.endswith(".html") or "." not in last


class PreviewErrors:
    """The preview's memory of its last failed rebuild, for one `mkdocs serve`."""

    def __init__(self, server: Any, company_file: Path, locale: str, problem: str | None = None) -> None:
        self.server = server
        self.company_file = company_file
        self.locale = locale  # the last good build's first language
        # (message, language) while the last build failed: the first one too, when serve started with a broken file
        self.problem: tuple[str, str] | None = (problem, locale) if problem is not None else None
        self._builder: Callable[[], None] = server.builder
        self._app = server.serve_request
        server.builder = self.build
        server.set_app(self.app)

    def build(self, *args: Any, **kwargs: Any) -> None:
        try:
            self._builder(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - MkDocs' own loop would log it and hold every request
            problem = build_error(error)
            if problem is None:
                raise  # not a configuration problem: MkDocs reports it as it always did
            self.problem = (str(problem), first_language(self.company_file, self.locale))
            log.error("The browser shows this message too; save the fixed file and the preview reloads by itself.")
            return
        self.problem = None

    def app(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if not is_page(path):
            return self._app(environ, start_response)
        condition = getattr(self.server, "_epoch_cond", None)
        if condition is not None:  # a rebuild under way: wait for its result, as MkDocs does
            with condition:
                condition.wait_for(lambda: self.server._visible_epoch == self.server._wanted_epoch)
        problem = self.problem
        if problem is None:
            return self._app(environ, start_response)
        body = error_page(*problem)
        inject = getattr(self.server, "_inject_js_into_html", None)
        if inject is not None:  # MkDocs' reload script: the page reloads when a rebuild succeeds
            body = inject(body, self.server._visible_epoch)
        start_response(  # 200: MkDocs logs a warning for every other answer, and the terminal already said it all
            "200 OK",
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("Cache-Control", "no-store"),
            ],
        )
        return [body]
