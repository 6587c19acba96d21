"""What pages get: the company's data, macros and filters (called by macros/__init__.py for mkdocs-macros).

`define_env` only registers; the work lives in macros/company/ (reading and checking
company.yml), render.py (macros and filters) and macros/language/text.py (company text as text).
"""

from __future__ import annotations

from macros.company.sector import policy_sections_for, shown
from macros.pages.render import CompanyNoun, filters_for, macros_for, policy_pdf_link, poster_pdf_link
from macros.company.site import load_company
from macros.law.adoption import Adoption
from macros.language.text import finalize, set_locale
from macros.law.jurisdiction import Words, at_will, law_macro
from macros.pages.rules import RulePages


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
            "newspaper": model.front_page_test,
            "sector": model.sector_data,
            "sector_name": model.sector,
            "practices": model.practices_in_effect,
            "scenarios": shown(model.sector_data.scenarios, model.practices_in_effect),
            "checklist": shown(model.sector_data.checklist, model.practices_in_effect),
            "policy_sections": policy_sections_for(model.rewrite_noun),
            "noun": CompanyNoun(model),
            "rewrite_noun": model.rewrite_noun,  # the law() macro's paragraphs in the organization's own noun
            "training": model.training,
            "acknowledgement": model.acknowledgement,
            "words": Words(model.jurisdiction.value),
            "at_will": at_will(model.jurisdiction.value, model.company.region),
            "adoption": Adoption(model),
        }
    )
    rules = RulePages(env, model.approach.value, model.jurisdiction.value, model.company.region)
    macros = macros_for(model)
    for name in ("policy_clause", "short_form", "short_list", "glance_rules"):  # the policy's rules, one place
        macros[name] = getattr(rules, name)
    for name, function in macros.items():
        env.macro(function, name)
    env.macro(law_macro(model.jurisdiction.value), "law")
    env.macro(lambda: policy_pdf_link(env.conf.extra["policy_pdf"]), "policy_pdf_link")
    env.macro(lambda: poster_pdf_link(env.conf.extra["policy_pdf"]), "poster_pdf_link")
    for name, function in filters_for(model).items():
        env.filter(function, name)


def on_pre_page_macros(env):
    """Before each page: its language for company text, and escaping of everything pages print."""
    set_locale(env.page.file.locale)
    env.env.finalize = finalize
