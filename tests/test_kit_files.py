"""The kit's own data files go through the company file's reader and rules (loader.load_kit_file): line numbers,
limits, keys written twice, booleans, unknown keys, both languages in every pair, no key that is a piece of a
sentence. Every YAML file under macros/ is found here by itself and must have a schema."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from macros.company.kitfile import KitFileError, load_kit_file
from macros.company.labels import LABELS_FILE, LabelsFile
from macros.company.places import PLACES_FILE, Places
from macros.company.sector import SECTORS_DIR, SectorData, placeholder_problems
from macros.law.sources import DATA_DIR, Regions, Registry
from macros.law.jurisdiction import JURISDICTIONS_DIR, SLOTS_FILE, SlotCatalogue, jurisdiction_model
from macros.law.rules import POLICY_DATA, PolicyRules, rule_problems

ROOT = Path(__file__).resolve().parent.parent
MACROS = ROOT / "macros"
sys.path.insert(0, str(ROOT / "scripts"))

from questionnaire import QUESTIONS_FILE, QuestionsFile  # noqa: E402


def schema_for(path: Path) -> tuple[type[BaseModel], Any]:
    """The model (and extra check) each kit data file is read with; a new kind of file must be added here."""
    if path.parent == SECTORS_DIR:
        return SectorData, placeholder_problems
    if path.parent == JURISDICTIONS_DIR:
        return jurisdiction_model(), None
    known = {
        LABELS_FILE: LabelsFile,
        PLACES_FILE: Places,
        SLOTS_FILE: SlotCatalogue,
        DATA_DIR / "sources.yml": Registry,
        DATA_DIR / "regions.yml": Regions,
        QUESTIONS_FILE: QuestionsFile,
    }
    if path == POLICY_DATA:
        return PolicyRules, rule_problems
    if path not in known:
        pytest.fail(f"{path.relative_to(ROOT)} has no schema: add it to schema_for() in {Path(__file__).name}")
    return known[path], None


KIT_FILES = sorted(
    p for folder in (MACROS, ROOT / "scripts") for p in folder.rglob("*.y*ml") if "__pycache__" not in p.parts
)


def test_kit_files_are_found():
    names = {p.relative_to(ROOT).as_posix() for p in KIT_FILES}
    assert {
        "macros/law/data/policy.yml", "macros/company/labels.yml", "macros/law/data/sources.yml",
        "macros/company/sectors/trades.yml", "scripts/questionnaire-page/questions.yml",
    } <= names


@pytest.mark.parametrize("path", KIT_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_kit_file_passes_the_company_file_checks(path: Path):
    model, check = schema_for(path)
    load_kit_file(path, model, check=check)


def broken_copy(tmp_path: Path, source: Path, old: str, new: str) -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text, old
    copy = tmp_path / source.name
    copy.write_text(text.replace(old, new, 1), encoding="utf-8")
    return copy


def refusal(path: Path, model: type[BaseModel], check: Any = None) -> str:
    with pytest.raises(KitFileError) as caught:
        load_kit_file(path, model, check=check)
    return str(caught.value)


def test_quiz_as_it_was_is_refused_at_the_comma(tmp_path):
    """The quiz cut two French answers ("Oui", "Vous refusez poliment") with an unquoted comma in {fr:, en:}."""
    fixed = '{fr: "Oui, si personne n\'a réagi.", en:'
    text = POLICY_DATA.read_text(encoding="utf-8")  # the quiz's rule questions now stand under their clauses
    line = text[: text.index(fixed)].count("\n") + 1
    path = broken_copy(tmp_path, POLICY_DATA, fixed, "{fr: Oui, si personne n'a réagi., en:")
    message = refusal(path, PolicyRules)
    assert f"policy.yml, line {line}," in message
    assert "piece of a sentence" in message and "put a text that contains a comma in quotes" in message
    assert "Traceback" not in message


def test_kit_files_refuse_what_company_files_refuse(tmp_path):
    # a key written twice, with its line
    path = broken_copy(tmp_path, LABELS_FILE, "kind_added:", 'kind_removed: {fr: "x", en: "y"}\nkind_added:')
    message = refusal(path, LabelsFile)
    assert "kind_removed is written twice" in message and ", line " in message
    # one text standing for both languages
    path = broken_copy(tmp_path, LABELS_FILE, 'kind_added: {fr: "Ajoutée", en: "Added"}', "kind_added: Ajoutée")
    assert "needs both languages" in refusal(path, LabelsFile)
    # a language missing
    path = broken_copy(tmp_path, LABELS_FILE, 'kind_added: {fr: "Ajoutée", en: "Added"}', 'kind_added: {fr: "Ajoutée"}')
    assert "kind_added.en is missing" in refusal(path, LabelsFile)
    # a boolean where text is meant
    path = broken_copy(tmp_path, LABELS_FILE, 'kind_added: {fr: "Ajoutée", en: "Added"}', 'kind_added: {fr: oui, en: yes}')
    assert "YAML read True" in refusal(path, LabelsFile)
    # an unknown key, with a suggestion
    path = broken_copy(tmp_path, POLICY_DATA, "        choices:", "        choice: x\n        choices:")
    message = refusal(path, PolicyRules)
    assert ".quiz[0].choice is not a key this file knows" in message and 'Did you mean "choices"' in message
    # deep nesting: a message with its line, no traceback
    deep = tmp_path / "deep.yml"
    deep.write_text("glance:\n  - " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    message = refusal(deep, PolicyRules)
    assert "deep" in message and ", line 2" in message


def test_sector_file_placeholders_are_checked_with_their_line(tmp_path):
    source = SECTORS_DIR / "trades.yml"
    text = source.read_text(encoding="utf-8")
    start = text.index("poster_place:")
    line = text[:start].count("\n") + 1
    end = text.index("\n", start)
    while text[end + 1 : end + 3] == "  ":  # the slot's indented lines
        end = text.index("\n", end + 1)
    path = tmp_path / "trades.yml"
    path.write_text(text[:start] + 'poster_place: {fr: "{company:{x}}", en: "in the shop"}' + text[end:], encoding="utf-8")
    message = refusal(path, SectorData, placeholder_problems)
    assert f"trades.yml, line {line}," in message and "poster_place.fr uses {company:{x}}" in message


def test_kit_file_that_is_a_link_or_too_big_is_refused(tmp_path):
    link = tmp_path / "labels.yml"
    link.symlink_to(LABELS_FILE)
    assert "not a regular file" in refusal(link, LabelsFile)
    big = tmp_path / "big.yml"
    big.write_text("x: " + "a" * 2_000_000, encoding="utf-8")
    assert "MB" in refusal(big, LabelsFile)
