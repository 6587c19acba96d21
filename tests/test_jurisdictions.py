"""Jurisdictions as data: each file fills every word and slot of the catalogue, in both languages, and nothing
else; new files are found by themselves; pages name slots instead of branching on the jurisdiction."""

from __future__ import annotations

import re
import shutil
import sys
import typing
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from macros.law import jurisdiction as jur
from macros.law.jurisdiction import JurisdictionFileError, catalogue, codes, jurisdiction_data, slot_text
from macros.company.sector import Scenario
from macros.company.types import Jurisdiction

REGISTRY = yaml.safe_load((ROOT / "macros" / "law" / "data" / "sources.yml").read_text(encoding="utf-8"))
SOURCE_IDS = {source["id"] for source in REGISTRY["sources"]}


def test_every_jurisdiction_of_the_schema_has_its_file_and_no_file_is_left_over():
    assert codes() == sorted(j.value for j in Jurisdiction)


@pytest.mark.parametrize("code", codes())
def test_jurisdiction_file_fills_every_word_and_slot_in_both_languages(code):
    data = jurisdiction_data(code)  # validated: missing slots, extra keys and blank texts are refused
    for page, slots in catalogue().slots.items():
        for slot in slots:
            for lang in ("fr", "en"):
                text = slot_text(code, f"{page}.{slot}", lang)
                assert text is None or text.strip(), f"{code}: {page}.{slot}.{lang} is blank"
    for word in catalogue().words:
        assert getattr(data.words, word).fr and getattr(data.words, word).en


@pytest.mark.parametrize("code", codes())
def test_jurisdiction_file_cites_only_registry_sources(code):
    text = (jur.JURISDICTIONS_DIR / f"{code}.yml").read_text(encoding="utf-8")
    cited = set(re.findall(r"cite\('([^']+)'", text))
    assert cited - SOURCE_IDS == set(), f"{code}.yml cites sources not in macros/law/data/sources.yml"


def test_every_slot_is_filled_by_some_jurisdiction():
    """A slot every file leaves at ~ says nothing anywhere: remove it from the catalogue and the pages."""
    for page, slots in catalogue().slots.items():
        for slot in slots:
            assert any(slot_text(code, f"{page}.{slot}", "fr") for code in codes()), f"{page}.{slot} is empty everywhere"


def test_every_slot_is_used_by_a_page_and_every_page_slot_exists():
    pages = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md"))
    used = set(re.findall(r"law\('([a-z_]+\.[a-z_]+)'\)", pages))
    case_laws = typing.get_args(typing.get_args(Scenario.model_fields["law"].annotation)[0])  # a case's `law:`
    assert "loyalty" in case_laws
    used |= {f"scenarios.{s}" for s in case_laws}
    declared = {f"{page}.{slot}" for page, slots in catalogue().slots.items() for slot in slots}
    assert used - declared == set(), "pages name slots the catalogue does not declare"
    assert declared - used == set(), "the catalogue declares slots no page names"


@pytest.fixture
def scratch_dir(tmp_path, monkeypatch):
    """A copy of the jurisdiction folder to break, read instead of the kit's own."""
    folder = tmp_path / "jurisdictions"
    shutil.copytree(jur.JURISDICTIONS_DIR, folder)
    monkeypatch.setattr(jur, "JURISDICTIONS_DIR", folder)
    monkeypatch.setattr(jur, "LAW_DIR", tmp_path)
    jur.jurisdiction_data.cache_clear()
    yield folder
    jur.jurisdiction_data.cache_clear()


def _edit(folder: Path, code: str, change) -> None:
    path = folder / f"{code}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_missing_slot_is_refused_with_its_file_and_key(scratch_dir):
    _edit(scratch_dir, "fr", lambda d: d["conduct"].pop("expression"))
    with pytest.raises(JurisdictionFileError, match=r"fr\.yml, line \d+, column \d+: conduct\.expression is missing"):
        jurisdiction_data("fr")


def test_a_slot_with_one_language_left_empty_is_refused(scratch_dir):
    _edit(scratch_dir, "qc", lambda d: d["conduct"]["expression"].update(en="  "))
    with pytest.raises(JurisdictionFileError, match=r"qc\.yml, line \d+, column \d+: conduct\.expression\.en is empty"):
        jurisdiction_data("qc")


def test_a_slot_in_one_language_only_is_refused(scratch_dir):
    _edit(scratch_dir, "us", lambda d: d["conduct"]["expression"].pop("en"))
    with pytest.raises(JurisdictionFileError, match=r"us\.yml, line \d+, column \d+: conduct\.expression\.en is missing"):
        jurisdiction_data("us")


def test_an_unknown_slot_or_word_is_refused(scratch_dir):
    _edit(scratch_dir, "generic", lambda d: (d["conduct"].update(expresion={"fr": "x", "en": "x"}),
                                             d["words"].update(licence={"fr": "x", "en": "x"})))
    with pytest.raises(JurisdictionFileError) as error:
        jurisdiction_data("generic")
    assert re.search(r"generic\.yml, line \d+, column 3: conduct\.expresion is not a key .*Did you mean \"expression\"", str(error.value))
    assert re.search(r"generic\.yml, line \d+, column 3: words\.licence is not a key", str(error.value))


def test_a_new_jurisdiction_file_is_found_by_itself(scratch_dir):
    shutil.copy(scratch_dir / "generic.yml", scratch_dir / "be.yml")
    assert "be" in codes()
    assert jurisdiction_data("be").name.en == "Elsewhere"


def test_an_unknown_slot_name_in_a_page_is_an_error():
    with pytest.raises(KeyError, match="no such slot"):
        slot_text("qc", "conduct.nothing_here", "fr")


def jurisdiction_branches() -> dict[str, int]:
    """`{% if/elif ... jurisdiction ... %}` tags in each page."""
    found = {}
    for page in sorted((ROOT / "docs").glob("*.md")):
        count = len(re.findall(r"{%-?\s*(?:if|elif)\b[^%]*\bjurisdiction\b", page.read_text(encoding="utf-8")))
        if count:
            found[page.name] = count
    return found


def test_no_page_branches_on_the_jurisdiction():
    """The law's variation lives in data: the jurisdiction files (law('page.slot'), words) and the policy's rules
    (policy.yml variants with `jurisdiction:`). The issue allows at most 10 branches in docs/; the kit has none."""
    found = jurisdiction_branches()
    assert found == {}, f"jurisdiction branches in docs/ (move them to a jurisdiction file or policy.yml): {found}"


def test_the_branch_counter_sees_a_branch(tmp_path, monkeypatch):
    """Negative control: the counter finds the forms a page would use."""
    page = tmp_path / "docs" / "x.fr.md"
    page.parent.mkdir()
    page.write_text('{% if jurisdiction == "qc" %}a{% elif jurisdiction == "fr" %}b{% endif %}\n'
                    '{%- if jurisdiction != "generic" %}c{% endif %}', encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert jurisdiction_branches() == {"x.fr.md": 3}
