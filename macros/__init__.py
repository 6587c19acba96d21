"""The kit's Python, in rooms: language (bottom), company (the company file), law, pages, build (top).
This file, like macros/build/hooks.py, is an entry point MkDocs loads: it sits with the build, on top.

mkdocs-macros loads this package (`module_name: macros`); its entry points live in `macros/pages/env.py`.
"""

from __future__ import annotations


def define_env(env):
    """Register the company's data, macros and filters for the pages (macros/pages/env.py)."""
    from macros.pages.env import define_env as define

    define(env)


def on_pre_page_macros(env):
    """Before each page: its language and escaping (macros/pages/env.py)."""
    from macros.build.speed import cache_page_compiles
    from macros.company.site import project_dir
    from macros.pages.env import on_pre_page_macros as before_page

    before_page(env)
    cache_page_compiles(env.env, project_dir(env.conf))  # a page's text compiled once, not at every build
