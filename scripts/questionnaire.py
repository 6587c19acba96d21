"""`make questionnaire`: build/questionnaire.html, one page an owner fills in to get a company.yml.

The page is made from what the build itself reads, so that it cannot drift from it: the JSON Schema of
company.yml (macros/company/schema.py), the sectors' default practices (macros/company/sectors/*.yml), the region codes, the
sentences of the pages it previews (docs/index.*.md, docs/policy.*.md) and the example company.yml it starts
from. Questions and their "why" are in scripts/questionnaire-page/questions.yml; the rules across keys that the
JSON Schema cannot say are listed once in RULES below, each with the validator of macros/company/ it mirrors and
the JavaScript function (scripts/questionnaire-page/page.js, `RULES`) that checks it as the owner types.
Everything, the vendored ajv and yaml included (tools/vendor/questionnaire/), is inlined: the page works from
file:// with no server and no network.

    python scripts/questionnaire.py [--output build/questionnaire.html]
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from pathlib import Path
from typing import Any, Iterator

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.company import schema as company_schema  # noqa: E402
from macros.company import sector as sectors  # noqa: E402
from macros.company.kitfile import load_kit_file  # noqa: E402
from macros.company.places import places  # noqa: E402
from macros.company.safety import MAX_YEAR, MIN_YEAR  # noqa: E402
from macros.company.types import Localized, Strict  # noqa: E402

PAGE_DIR = ROOT / "scripts" / "questionnaire-page"
VENDOR_DIR = ROOT / "tools" / "vendor" / "questionnaire"
QUESTIONS_FILE = PAGE_DIR / "questions.yml"
EXAMPLE_FILE = ROOT / "company.yml"
DEFAULT_OUTPUT = ROOT / "build" / "questionnaire.html"

# The checks of macros/company/schema.py and types.py that the JSON Schema cannot express, mirrored in the page (page.js RULES[id]).
# `source`: the validator it mirrors; `case`: a change of the example company that breaks only this rule, and the
# field the page must mark (tests apply it both to the Python loader and to the page).
RULES: list[dict[str, Any]] = [
    {
        "id": "blank_text",
        "source": "_single_line",
        "field": "company.name",
        "case": {"set": {"company.name": "   "}},
        "fr": "ne contient que des espaces : écrivez un texte, ou laissez le champ vide s'il est facultatif.",
        "en": "holds only spaces: write some text, or leave the field empty if it is optional.",
    },
    {
        "id": "web_address",
        "source": "_web_address",
        "field": "company.website",
        "case": {"set": {"company.website": "www.renovationsboreal.example"}},
        "fr": "doit être une adresse Web complète qui commence par https://, sans espace.",
        "en": "must be a full web address starting with https://, with no space.",
    },
    {
        "id": "phone",
        "source": "_phone",
        "field": "contacts.hr.phone",
        "case": {"set": {"contacts.hr.phone": "poste 210"}},
        "fr": "n'est pas un numéro de téléphone : écrivez-le comme 819 555-0142 ou +1 819 555-0142, poste 204.",
        "en": "is not a phone number: write it like 819 555-0142 or +1 819 555-0142, ext. 204.",
    },
    {
        "id": "version",
        "source": "_version",
        "field": "policy.version",
        "case": {"set": {"policy.version": "v2", "policy.history.0.version": "v2"}},
        "fr": "doit ressembler à 2, 2.1 ou 2.1.3.",
        "en": "must look like 2, 2.1 or 2.1.3.",
    },
    {
        "id": "contact_reachable",
        "source": "_reachable",
        "field": "contacts.hr.email",
        "case": {"unset": ["contacts.hr.email", "contacts.hr.phone"]},
        "fr": "manque : donnez un courriel ou un téléphone (ou les deux), pour qu'on puisse joindre cette personne.",
        "en": "is missing: give an e-mail or a phone (or both), so that people can reach this person.",
    },
    {
        "id": "other_needs_name",
        "source": "_named_when_other",
        "field": "official_accounts.0.name",
        "case": {"set": {"official_accounts.0.platform": "other"}},
        "fr": "manque : la plateforme est « Autre », donnez son nom (Viadeo, par exemple).",
        "en": "is missing: the platform is “Other”, so give its name (Viadeo, for example).",
    },
    {
        "id": "name_only_for_other",
        "source": "_named_when_other",
        "field": "official_accounts.0.name",
        "case": {"set": {"official_accounts.0.name": "Facebook"}},
        "fr": "sert seulement pour la plateforme « Autre » : laissez-le vide.",
        "en": "is only for the platform “Other”: leave it empty.",
    },
    {
        "id": "date_years",
        "source": "_review_and_history",
        "field": "policy.effective_date",
        "case": {"set": {"policy.effective_date": "0999-03-02"}},
        "fr": f"doit être une date entre les années {MIN_YEAR} et {MAX_YEAR}.",
        "en": f"must be a date between the years {MIN_YEAR} and {MAX_YEAR}.",
    },
    {
        "id": "review_given",
        "source": "_review_and_history",
        "field": "policy.review_every_months",
        "case": {"unset": ["policy.review_every_months"]},
        "fr": "manque : donnez un nombre de mois, ou la date de la prochaine revue.",
        "en": "is missing: give a number of months, or the next review date.",
    },
    {
        "id": "review_after_effective",
        "source": "_review_and_history",
        "field": "policy.next_review",
        "case": {"set": {"policy.next_review": "2026-01-01"}},
        "fr": "doit venir après la date d'entrée en vigueur.",
        "en": "must come after the effective date.",
    },
    {
        "id": "history_top_is_version",
        "source": "_review_and_history",
        "field": "policy.history.0.version",
        "case": {"set": {"policy.version": "2.2"}},
        "fr": "doit être la version de la politique (la plus récente en premier) : ajoutez une ligne pour elle en haut.",
        "en": "must be the policy's version (newest first): add a line for it at the top.",
    },
    {
        "id": "form_when_online",
        "source": "_form_when_online",
        "field": "acknowledgement.form_url",
        "case": {"unset": ["acknowledgement.form_url"]},
        "fr": "manque : les employés confirment en ligne, donnez l'adresse du formulaire.",
        "en": "is missing: employees confirm online, so give the form's address.",
    },
    {
        "id": "qc_needs_fr",
        "source": "_coherent",
        "field": "languages",
        "case": {"set": {"languages": ["en"]}},
        "fr": "doit comprendre le français : au Québec, les documents remis aux employés doivent être offerts en français (Charte de la langue française, art. 41).",
        "en": "must include French: in Quebec, documents given to employees must be available in French (Charter of the French language, s. 41).",
    },
    {
        "id": "qc_fr_first",
        "source": "_coherent",
        "field": "languages",
        "case": {"set": {"languages": ["en", "fr"]}},
        "fr": "doit mettre le français en premier : au Québec, la version française est au moins aussi accessible que l'autre, elle s'ouvre à l'accueil.",
        "en": "must put French first: in Quebec, the French version is at least as accessible as the other, so it opens at the home page.",
    },
    {
        "id": "fr_needs_fr",
        "source": "_coherent",
        "field": "languages",
        "case": {"set": {"languages": ["en"], "jurisdiction": "fr"}},
        "fr": "doit comprendre le français : en France, un document qui fixe des obligations aux salariés est rédigé en français (Code du travail, art. L1321-6).",
        "en": "must include French: in France, a document that sets obligations for employees is written in French (Code du travail, art. L1321-6).",
    },
    {
        "id": "managed_by_exists",
        "source": "_coherent",
        "field": "official_accounts.0.managed_by",
        "case": {"set": {"official_accounts.0.managed_by": "legal"}, "unset": ["contacts.legal"]},
        "fr": "n'a pas de fiche dans vos personnes-ressources : ajoutez cette personne plus bas, ou choisissez un autre rôle.",
        "en": "has no card among your people: add that person below, or choose another role.",
    },
    {
        "id": "region_known",
        "source": "_check_region",
        "field": "company.region",
        "case": {"set": {"company.region": "ZZ"}},
        "fr": "n'est pas le code d'une province canadienne ou d'un État américain (QC, ON, NY, VT…).",
        "en": "is not the code of a Canadian province or a US state (QC, ON, NY, VT…).",
    },
    {
        "id": "region_matches",
        "source": "_check_region",
        "field": "company.region",
        "case": {"set": {"company.region": "ON"}},
        "fr": "ne va pas avec la loi choisie : au Québec, QC; aux États-Unis, un État (CA, NY…); en France, laissez vide.",
        "en": "does not go with the chosen law: in Quebec, QC; in the United States, a state (CA, NY…); in France, leave it empty.",
    },
    {
        "id": "override_slot",
        "source": "_resolve_sector",
        "field": "overrides",
        "case": {"set": {"overrides": {"poster_plac": {"fr": "au dépôt", "en": "at the depot"}}}},
        "fr": "nomme une partie que le fichier du secteur n'a pas : vérifiez l'orthographe.",
        "en": "names a part the sector's file does not have: check the spelling.",
    },
]

# Validators of macros/company/ (schema.py, types.py) that the page needs no rule for, and why.
NOT_IN_FORM = {
    "_text_only": "the page writes every text as a text, quoted where YAML would read it otherwise",
    "_version_before": "the page writes versions in quotes",
    "_one_string_for_both": "refuses one text for both languages only in the kit's own data, never in company.yml",
}


# --- the schema, walked into questions -----------------------------------------------------------


def json_schema() -> dict[str, Any]:
    return company_schema.json_schema()


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[-1]]
    return node


def _is_text(options: list[dict[str, Any]]) -> bool:
    return any(o.get("type") == "object" and set(o.get("properties", {})) == {"fr", "en"} for o in options)


def schema_fields(schema: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """Every key path of company.yml that holds a value ('*' for a list's items) -> what kind of value."""
    schema = schema or json_schema()
    defs = schema.get("$defs", {})
    found: dict[str, dict[str, Any]] = {}

    def walk(node: dict[str, Any], path: list[str], required: bool) -> None:
        if "default" in node and "$ref" in node:
            node = {**_resolve(node, defs), "default": node["default"]}
        node = _resolve(node, defs)
        if "anyOf" in node:
            options = [_resolve(o, defs) for o in node["anyOf"] if o.get("type") != "null"]
            if _is_text(options):
                found[".".join(path)] = {"kind": "text", "required": required}
                return
            if len(options) == 1:
                walk(options[0], path, required and all(o.get("type") != "null" for o in node["anyOf"]))
                return
            raise ValueError(f"{'.'.join(path)}: a choice of shapes the questionnaire does not know")
        kind = node.get("type")
        if kind == "object" and "properties" in node:
            needed = set(node.get("required", []))
            for key, child in node["properties"].items():
                walk(child, [*path, key], key in needed)
            return
        if kind == "array":
            items = _resolve(node["items"], defs)
            if "enum" in items:  # a list of choices: one question
                found[".".join(path)] = {"kind": "choices", "enum": items["enum"], "required": required}
                return
            walk(items, [*path, "*"], required)
            return
        entry: dict[str, Any] = {"kind": kind or "any", "required": required}
        for key in ("enum", "format", "pattern", "minimum", "maximum", "default"):
            if key in node:
                entry[key] = node[key]
        if "const" in node:
            entry["enum"] = [node["const"]]
        found[".".join(path)] = entry

    walk(schema, [], True)
    return found


class Question(Strict):
    label: Localized
    why: Localized
    options: dict[str, Localized] | None = None


class Section(Strict):
    id: str
    title: Localized
    intro: Localized
    contact_roles: dict[str, Localized] | None = None
    keys: dict[str, Question]


class ListWords(Strict):
    add: Localized
    item: Localized
    start: int


class QuestionsFile(Strict):
    """questions.yml, read and checked like every kit data file (macros/company/kitfile.py)."""

    sections: list[Section]
    lists: dict[str, ListWords]
    words: dict[str, Localized]


def questions() -> dict[str, Any]:
    return load_kit_file(QUESTIONS_FILE, QuestionsFile).model_dump(exclude_none=True)


def question_keys(data: dict[str, Any] | None = None) -> list[str]:
    """The schema's key paths the questions cover, contacts.* expanded to each role, in the page's order."""
    data = data or questions()
    keys = []
    for section in data["sections"]:
        for key in section["keys"]:
            if key.startswith("contacts.*."):
                keys += [key.replace("*", role, 1) for role in section["contact_roles"]]
            else:
                keys.append(key)
    return keys


def _question(data: dict[str, Any], path: str) -> dict[str, Any]:
    for section in data["sections"]:
        for key, entry in section["keys"].items():
            if key == path or (
                key.startswith("contacts.*.") and re.sub(r"^contacts\.[a-z_]+\.", "contacts.*.", path) == key
            ):
                return entry
    raise KeyError(path)


# --- the page --------------------------------------------------------------------------------------


def _t(pair: dict[str, str]) -> str:
    """A text shown in the page's language: French as written, English in data-en (page.js switches them)."""
    return f'<span data-en="{html.escape(pair["en"])}">{html.escape(pair["fr"])}</span>'


def _attr_pair(pair: dict[str, str]) -> str:
    return f'data-fr="{html.escape(pair["fr"])}" data-en="{html.escape(pair["en"])}"'


def _id(name: str) -> str:
    return "f-" + re.sub(r"[^A-Za-z0-9_-]", "-", name)


class Page:
    def __init__(self) -> None:
        self.data = questions()
        self.words = self.data["words"]
        self.schema = json_schema()
        self.fields = schema_fields(self.schema)

    def field(self, path: str, name: str) -> str:
        """One question: its label, its input(s), why it is asked, and where its problem shows."""
        spec, question = self.fields[path], _question(self.data, path)
        label, why = question["label"], question["why"]
        star = ' <abbr class="req" title="obligatoire" data-en-title="required">*</abbr>' if spec["required"] else ""
        options = question.get("options", {})
        why_id = _id(name) + "-why"

        def error(field_name: str) -> str:
            return f'<p class="error" id="{_id(field_name)}-err" role="status" aria-live="polite"></p>'

        def described(field_name: str) -> str:
            return f'aria-describedby="{why_id} {_id(field_name)}-err"'

        kind = spec["kind"]
        parts: list[str] = []
        if kind == "text":
            parts.append(f'<fieldset class="field text" data-path="{path}"><legend>{_t(label)}{star}</legend>')
            for lang in ("fr", "en"):
                sub = f"{name}.{lang}"
                lang_word = self.words["french" if lang == "fr" else "english"]
                parts.append(
                    f'<label for="{_id(sub)}">{_t(lang_word)}</label>'
                    f'<input type="text" id="{_id(sub)}" name="{sub}" lang="{lang}" {described(sub)}>{error(sub)}'
                )
            parts.append(f'<p class="why" id="{why_id}">{_t(why)} {_t(self.words["text_hint"])}</p></fieldset>')
            return "".join(parts)
        if kind == "choices" and path != "languages":
            boxes = "".join(
                f'<label class="check"><input type="checkbox" name="{name}" value="{value}"> '
                f"{_t(options.get(value, {'fr': value, 'en': value}))}</label>"
                for value in spec["enum"]
            )
            return (
                f'<fieldset class="field" data-path="{path}" {described(name)}><legend>{_t(label)}{star}</legend>'
                f'{boxes}<p class="why" id="{why_id}">{_t(why)} <span class="default" data-default="{path}"></span></p>'
                f"{error(name)}</fieldset>"
            )
        attrs = f'id="{_id(name)}" name="{name}" {described(name)}'
        if spec["required"]:
            attrs += ' aria-required="true"'
        if path == "languages":
            control = (
                f"<select {attrs}>"
                + "".join(
                    f'<option value="{value}" {_attr_pair(text)}>{html.escape(text["fr"])}</option>'
                    for value, text in options.items()
                )
                + "</select>"
            )
        elif "enum" in spec or kind == "boolean":
            values = spec.get("enum") or ["true", "false"]
            blank = ""
            if kind == "boolean":
                blank_text = options.get("", self.words["sector_default"])
                blank = f'<option value="" {_attr_pair(blank_text)} data-default="{path}">{html.escape(blank_text["fr"])}</option>'
            elif not spec["required"] and path not in ("sector", "jurisdiction", "approach", "acknowledgement.method"):
                blank_text = options.get("", self.words["none_chosen"])
                blank = f'<option value="" {_attr_pair(blank_text)}>{html.escape(blank_text["fr"])}</option>'
            shown = []
            for value in values:
                if kind == "boolean":
                    text = self.words["word_yes" if value == "true" else "word_no"]
                else:
                    text = options.get(value) or {
                        "fr": company_schema.PLATFORMS.get(value) or value,
                        "en": company_schema.PLATFORMS.get(value) or value,
                    }
                    if value == "other" and path.endswith("platform"):
                        text = {"fr": "Autre", "en": "Other"}
                chosen = " selected" if spec.get("default") == value else ""
                shown.append(f'<option value="{value}"{chosen} {_attr_pair(text)}>{html.escape(text["fr"])}</option>')
            control = f"<select {attrs}>{blank}{''.join(shown)}</select>"
        elif path == "overrides":
            control = f'<textarea {attrs} rows="4" spellcheck="false"></textarea>'
        else:
            kind_attr = {"integer": 'type="text" inputmode="numeric"'}.get(kind, 'type="text"')
            if spec.get("format") == "date":
                kind_attr = 'type="date"'
            elif spec.get("format") == "email":
                kind_attr = 'type="email" autocomplete="off"'
            control = f"<input {kind_attr} {attrs}>"
        return (
            f'<div class="field" data-path="{path}"><label for="{_id(name)}">{_t(label)}{star}</label>{control}'
            f'<p class="why" id="{why_id}">{_t(why)} <span class="default" data-default="{path}"></span></p>'
            f"{error(name)}</div>"
        )

    def group(self, prefix: str, keys: list[str], index: str) -> str:
        """The fields of one item of a list, its index written in."""
        out = []
        for key in keys:
            out.append(self.field(key, key.replace(f"{prefix}.*", f"{prefix}.{index}", 1)))
        return "".join(out)

    def section(self, section: dict[str, Any]) -> str:
        out = [f'<section class="step" id="s-{section["id"]}" aria-labelledby="h-{section["id"]}">']
        out.append(f'<h2 id="h-{section["id"]}">{_t(section["title"])}</h2><p class="intro">{_t(section["intro"])}</p>')
        keys = list(section["keys"])
        if section["id"] == "people":
            for role, title in section["contact_roles"].items():
                out.append(f'<fieldset class="contact" data-role="{role}"><legend>{_t(title)}</legend>')
                for key in keys:
                    path = key.replace("*", role, 1)
                    out.append(self.field(path, path))
                out.append("</fieldset>")
            out.append("</section>")
            return "".join(out)
        done: set[str] = set()
        for key in keys:
            if key in done:
                continue
            prefix = next((p for p in self.data["lists"] if key.startswith(p + ".*.")), None)
            if prefix is None:
                out.append(self.field(key, key))
                done.add(key)
                continue
            members = [k for k in keys if k.startswith(prefix + ".*.")]
            done.update(members)
            words = self.data["lists"][prefix]
            item = (
                f'<fieldset class="item" data-item="{prefix}"><legend>{_t(words["item"])} <span class="n"></span></legend>'
                f"{self.group(prefix, members, '__i__')}"
                f'<button type="button" class="remove" data-action="remove">{_t(self.words["remove"])}</button></fieldset>'
            )
            out.append(
                f'<div class="list" data-list="{prefix}" data-start="{words["start"]}"></div>'
                f'<template data-template="{prefix}">{item}</template>'
                f'<button type="button" class="add" data-action="add" data-list="{prefix}">{_t(words["add"])}</button>'
            )
        out.append("</section>")
        return "".join(out)

    def build_data(self) -> dict[str, Any]:
        """What page.js needs: schema, rules, sector defaults, regions, preview sentences, example file."""
        region_data = places()
        sector_info = {}
        for name in company_schema.SECTORS:
            raw = sectors.sector_file_data(name)
            sector_info[name] = {"practices": raw["practices"], "people": raw["people"]["many"]}
        return {
            "schema": self.schema,
            "kinds": self.fields,
            "rules": [{k: rule[k] for k in ("id", "fr", "en")} for rule in RULES],
            "sectors": sector_info,
            "slots": list(sectors.SLOTS),
            "regions": {"us": sorted(region_data.us), "ca": sorted(region_data.ca)},
            "years": [MIN_YEAR, MAX_YEAR],
            "order": self.key_order(),
            "words": self.words,
            "labels": {path: _question(self.data, path)["label"] for path in question_keys(self.data)},
            "options": {path: _question(self.data, path).get("options", {}) for path in question_keys(self.data)},
            "platforms": company_schema.PLATFORMS,
            "preview": preview_sentences(),
            "example": EXAMPLE_FILE.read_text(encoding="utf-8"),
            "lists": {prefix: words["start"] for prefix, words in self.data["lists"].items()},
        }

    def key_order(self) -> dict[str, list[str]]:
        """Each mapping's keys in the schema's order ('*' for list items): new keys go to their place."""
        defs = self.schema.get("$defs", {})
        order: dict[str, list[str]] = {}

        def walk(node: dict[str, Any], path: str) -> None:
            node = _resolve(node, defs)
            for option in node.get("anyOf", []):
                walk(option, path)
            if node.get("type") == "object" and "properties" in node:
                order[path] = list(node["properties"])
                for key, child in node["properties"].items():
                    walk(child, f"{path}.{key}" if path else key)
            if node.get("type") == "array":
                walk(node["items"], f"{path}.*")

        walk(self.schema, "")
        return order

    def render(self) -> str:
        shell = (PAGE_DIR / "page.html").read_text(encoding="utf-8")
        sections = "".join(self.section(section) for section in self.data["sections"])
        data = json.dumps(self.build_data(), ensure_ascii=False).replace("</", "<\\/")
        pieces = {
            "TITLE": html.escape(self.words["title"]["fr"]),
            "HEADER": (f'<h1>{_t(self.words["title"])}</h1><p class="lead">{_t(self.words["lead"])}</p>'),
            "SECTIONS": sections,
            "WORDS_OPEN": _t(self.words["open"]),
            "WORDS_OPEN_WHY": _t(self.words["open_why"]),
            "WORDS_DOWNLOAD": _t(self.words["download"]),
            "WORDS_SAVE_WHY": _t(self.words["save_why"]),
            "WORDS_PREVIEW": _t(self.words["preview"]),
            "WORDS_PREVIEW_INTRO": _t(self.words["preview_intro"]),
            "WORDS_PREVIEW_FRONT": _t(self.words["preview_front"]),
            "WORDS_PREVIEW_CONTACT": _t(self.words["preview_contact"]),
            "WORDS_PREVIEW_APPROACH": _t(self.words["preview_approach"]),
            "SWITCH": html.escape(self.words["switch"]["fr"]),
            "SWITCH_EN": html.escape(self.words["switch"]["en"]),
            "SWITCH_LABEL": html.escape(self.words["switch_label"]["fr"]),
            "SWITCH_LABEL_EN": html.escape(self.words["switch_label"]["en"]),
            "STYLE": (PAGE_DIR / "page.css").read_text(encoding="utf-8"),
            "DATA": data,
            "AJV": _vendored("ajv2020.min.js", "ajv-dist 8.17.1 (ajv)", "LICENSE-ajv"),
            "YAML": _vendored("yaml.min.js", "yaml 2.9.1", "LICENSE-yaml"),
            "SCRIPT": (PAGE_DIR / "page.js").read_text(encoding="utf-8"),
        }
        for key, value in pieces.items():
            shell = shell.replace("{{" + key + "}}", value)
        leftover = re.search(r"\{\{[A-Z_]+\}\}", shell)
        if leftover:
            raise ValueError(f"page.html: {leftover.group(0)} is not filled")
        return shell


def _vendored(name: str, title: str, license_file: str) -> str:
    """A vendored library, its license kept with it in the page."""
    notice = (VENDOR_DIR / license_file).read_text(encoding="utf-8").replace("*/", "* /")
    code = (VENDOR_DIR / name).read_text(encoding="utf-8")
    return f"/*! {title}\n{notice}*/\n{code}".replace("</script", "<\\/script")


# --- sentences of the pages, as the preview shows them ---------------------------------------------


def _paragraph_after(text: str, anchor: str) -> str:
    """The first paragraph after a heading with this anchor ({ #front-page })."""
    after = text.split("{ #" + anchor + " }", 1)[1]
    return next(block.strip() for block in after.split("\n\n") if block.strip())


def _approach_lines(lang: str) -> dict[str, str]:
    """The approach's own line of the policy's summary, from the policy's rules (macros/law/data/policy.yml: the
    "In short" box variant for each approach that holds in every jurisdiction), rendered as the pages render it for
    a company with the default noun, with `{{ sector.people.many }}` left for page.js to fill."""
    from types import SimpleNamespace

    import jinja2

    from macros.company.loader import read_company_file
    from macros.law.rules import APPROACHES, policy_rules
    from macros.language.text import set_locale
    from macros.pages.render import CompanyNoun, filters_for

    example = read_company_file(ROOT / "company.yml")
    for rule in policy_rules().clauses.values():
        general = [v for v in rule.box if v.approach and v.jurisdiction is None and v.region is None]
        if {a for v in general for a in v.approach} != set(APPROACHES):
            continue
        environment = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
        environment.filters.update(filters_for(example))
        people = SimpleNamespace(many="{{ sector.people.many }}")
        noun = CompanyNoun(example)
        set_locale(lang)
        try:
            return {
                approach: html.unescape(  # the page shows it as text (textContent): no character references
                    environment.from_string(next(v for v in general if approach in v.approach).get(lang)).render(
                        noun=noun, sector=SimpleNamespace(people=people), company=example.company
                    )
                )
                for approach in APPROACHES
            }
        finally:
            set_locale(None)
    raise ValueError("macros/law/data/policy.yml: no 'In short' box line for each approach, which the preview shows")


def preview_sentences() -> dict[str, Any]:
    """The front-page test and the policy's summary, per language, with their Jinja left for page.js to fill."""
    found: dict[str, Any] = {}
    for lang in ("fr", "en"):
        index = (ROOT / "docs" / f"index.{lang}.md").read_text(encoding="utf-8")
        found[lang] = {"front": _paragraph_after(index, "front-page"), "approach": _approach_lines(lang)}
    return found


def walk_paths(data: Any, prefix: str = "") -> Iterator[str]:
    """Every key path of a company file's data, list indexes written as '*' (for tests)."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from walk_paths(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(data, list):
        for value in data:
            yield from walk_paths(value, f"{prefix}.*")
    else:
        yield prefix


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(Page().render(), encoding="utf-8")
    print(
        f"Wrote {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}: "
        "open it in a browser (no server needed), answer, and save company.yml."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
