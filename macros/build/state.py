"""One build's state: what a build computes, on one object made anew at the start of every build.

MkDocs loads hooks.py once per process and the `macros` package stays imported, so a module-level store
would carry one company's pages into the next build of the process (`make companies` builds many companies
in one worker; `mkdocs serve` rebuilds). As Material's plugins keep their data on the plugin instance and
reset it in `on_config`, the hooks make a `Build` in the first `on_config` of each build (mkdocs-static-i18n
runs `on_config` again for each language: same build, same object) and hand every event to it. Page macros
reach it through the configuration: `current(config)`.

What is not here is either kit data (read once per process: sources, regions, sectors, words) or a cache keyed
by the content it came from (compiled templates keyed by their text, the company model keyed by the file's
bytes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from macros.law.clauses import Clauses
    from macros.law.sources import Citation
    from macros.build.staging import Staging

_ATTRIBUTE = "_policy_build"  # where a configuration holds its build


@dataclass
class Build:
    """Everything one build of one company computes, dropped with the build."""

    command: str | None = None  # build, serve or gh-deploy (MkDocs says it once per run, in on_startup)
    dirty: bool = False
    staging: Staging | None = None  # where this build writes until it has succeeded
    policy_clauses: dict[str, Clauses] = field(default_factory=dict)  # the policy page's clauses, per language
    # the same, as the written page reads them (France's typography changes their text): the fingerprint's
    printed_clauses: dict[str, Clauses] = field(default_factory=dict)
    printer: Any = None  # the browser that prints this build's PDFs, started while the pages are built (pdf.py)
    citations: dict[tuple[str, str], list[Citation]] = field(default_factory=dict)  # (locale, page url) -> cited
    own_words: frozenset[str] | None = None  # the company's own words, kept as written by the respeller


def start(config: Any, command: str | None, dirty: bool) -> Build:
    """A new build for this configuration: nothing of an earlier build is kept."""
    build = Build(command=command, dirty=dirty)
    setattr(config, _ATTRIBUTE, build)
    return build


def current(config: Any) -> Build:
    """The build this configuration belongs to (made by the hooks' first on_config)."""
    build = getattr(config, _ATTRIBUTE, None)
    if build is None:
        raise RuntimeError("no build was started for this configuration: mkdocs.yml must list macros/build/hooks.py")
    return build
