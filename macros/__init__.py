"""mkdocs-macros entry point: give pages the company's data, macros and filters.

`define_env` only registers; the work lives in loader.py (reading and checking
company.yml), render.py (macros and filters) and text.py (company text as text).
"""

from __future__ import annotations

from .render import FILTERS, macros_for, policy_pdf_link
from .site import load_company, project_dir
from .speed import cache_page_compiles
from .text import finalize, set_locale


def define_env(env):
    """Register the validated company file as page variables, plus the macros and filters."""
    model = load_company(env.conf)
    env.variables.update(
        {
            "company": model.company,
            "values": model.values,
            "accounts": model.official_accounts,
            "contacts": model.contacts,
            "policy": model.policy,
            "languages": list(model.languages),
            "jurisdiction": model.jurisdiction.value,
            "approach": model.approach.value,
            "newspaper": model.front_page_test.newspaper,
            "training": model.training,
            "acknowledgement": model.acknowledgement,
        }
    )
    for name, function in macros_for(model).items():
        env.macro(function, name)
    env.macro(lambda: policy_pdf_link(env.conf.extra["policy_pdf"]), "policy_pdf_link")
    for name, function in FILTERS.items():
        env.filter(function, name)


def on_pre_page_macros(env):
    """Before each page: its language for company text, and escaping of everything pages print."""
    set_locale(env.page.file.locale)
    env.env.finalize = finalize
    cache_page_compiles(env.env, project_dir(env.conf))  # a page's text compiled once, not at every build
