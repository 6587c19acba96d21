"""company.yml: every way of getting it wrong gets a message that names the file, the key and the fix."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import jsonschema
import pytest
import yaml

from conftest import EXAMPLE_FILE, ROOT, example_data, write_company
from macros.company.loader import CompanyFileError, read_company_file
from macros.company.schema import json_schema_text


def problems_for(tmp_path: Path, data: dict[str, Any] | str) -> list[str]:
    """The problems read_company_file reports, each as the line a user sees."""
    file = write_company(tmp_path, data)
    with pytest.raises(CompanyFileError) as caught:
        read_company_file(file)
    message = str(caught.value)
    assert str(file) in message and "Nothing was built" in message
    return [p.describe(str(file)).split(": ", 1)[1] for p in caught.value.problems]


def changed(change: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
    data = example_data()
    change(data)
    return data


@pytest.mark.parametrize("file", sorted((ROOT / "companies").glob("*/company.yml")), ids=lambda f: f.parent.name)
def test_other_example_companies_are_valid(file):
    read_company_file(file)
    schema = json.loads((ROOT / "company.schema.json").read_text(encoding="utf-8"))
    data = json.loads(json.dumps(yaml.safe_load(file.read_text(encoding="utf-8")), default=str))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data)) == []


def test_example_file_is_valid():
    model = read_company_file(EXAMPLE_FILE)
    assert model.company.name == "Rénovations Boréal"
    assert model.jurisdiction.value == "qc" and model.approach.value == "balanced"
    assert len(model.official_accounts) >= 3 and len(model.values) >= 3


CASES = {
    "unknown key with a close match": (
        lambda d: d["company"].update(nmae="x"),
        ["company.nmae", 'is not a key this file knows. Did you mean "name"?'],
    ),
    "unknown key far from any": (
        lambda d: d.update(favourite_colour="blue"),
        ["favourite_colour", "Keys allowed here:", "approach"],
    ),
    "comma inside a two-language text": (
        lambda d: d["policy"].update(approved_by={"fr": "Julie Lavoie", "présidente": None, "en": "Julie Lavoie"}),
        ["policy.approved_by.présidente", "a comma starts a new key", "in quotes"],
    ),
    "key that YAML reads as true": (
        lambda d: d["company"].update({True: "x"}),
        ["company.true", "is a key YAML reads as bool, not as text"],
    ),
    "missing key": (
        lambda d: d["contacts"].pop("management"), ["contacts.management", "is missing", "decides in a crisis"]
    ),
    "approach misspelt": (
        lambda d: d.update(approach="restrictve"),
        ["approach", "'restrictve'", "educational, balanced, restrictive", 'Did you mean "restrictive"?'],
    ),
    "unknown jurisdiction": (lambda d: d.update(jurisdiction="ca"), ["jurisdiction", "qc, fr, us, generic"]),
    "version as a number": (
        lambda d: d["policy"].update(version=2.1),
        ["policy.version", 'version: "2.1"'],
    ),
    "date not a date": (
        lambda d: d["policy"].update(effective_date="March 2"),
        ["policy.effective_date", "YYYY-MM-DD"],
    ),
    "bad e-mail": (
        lambda d: d["contacts"]["hr"].update(email="marc-andre.roy"),
        ["contacts.hr.email", "is not a valid e-mail address"],
    ),
    "address without https": (
        lambda d: d["company"].update(website="www.example.com"),
        ["company.website", "https://"],
    ),
    "address a browser cannot open": (
        lambda d: d["official_accounts"][1].update(url="https://"),
        ["official_accounts[1].url", "is not a web address a browser can open (empty host)"],
    ),
    "number out of range": (
        lambda d: d["acknowledgement"].update(within_days=0),
        ["acknowledgement.within_days", "must be at least 1 (got 0)"],
    ),
    "colour not #RRGGBB": (lambda d: d["company"].update(brand_color="blue"), ["company.brand_color", "#RRGGBB"]),
    "phone with letters": (
        lambda d: d["contacts"]["hr"].update(phone="call me"),
        ["contacts.hr.phone", "is not a phone number"],
    ),
    "yes read as a boolean": (
        lambda d: d["front_page_test"].update(newspaper=True),
        ["front_page_test.newspaper", "put it in quotes"],
    ),
    "empty text": (lambda d: d["company"].update(name="   "), ["company.name", "is empty"]),
    "control character": (lambda d: d["company"].update(name="A\x07B"), ["company.name", "control character"]),
    "half of a translation": (
        lambda d: d["values"][0].update(name={"fr": "Respect"}),
        ["values[0].name.en", "is missing"],
    ),
    "account managed by a missing role": (
        lambda d: (d["contacts"].pop("legal"), d["official_accounts"][0].update(managed_by="legal")),
        ["official_accounts[0].managed_by", "contacts has no legal"],
    ),
    "unknown platform": (
        lambda d: d["official_accounts"][0].update(platform="facebok"),
        ["official_accounts[0].platform", 'Did you mean "facebook"?'],
    ),
    "no values": (lambda d: d.update(values=[]), ["values", "at least one item"]),
    "Quebec without French": (
        lambda d: d.update(languages=["en"]),
        ["languages", "must include fr", "Charter of the French language"],
    ),
    "history out of step": (
        lambda d: d["policy"].update(version="2.2"),
        ["policy.history[0].version", "add an entry for 2.2"],
    ),
    "review before effective date": (
        lambda d: d["policy"].update(next_review="2020-01-01", review_every_months=None),
        ["policy.next_review", "must come after effective_date"],
    ),
    "online acknowledgement without a form": (
        lambda d: d["acknowledgement"].pop("form_url"),
        ["acknowledgement.form_url", "online form"],
    ),
    "logo that does not exist": (
        lambda d: d["company"].update(logo="images/missing.png"),
        ["company.logo", "no file", "relative to company.yml"],
    ),
    "section given a single value": (lambda d: d.update(contacts="Julie"), ["contacts", "keys indented below it"]),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_each_mistake_is_explained(tmp_path, case):
    change, expected = CASES[case]
    problems = problems_for(tmp_path, changed(change))
    assert len(problems) == 1, problems
    for fragment in expected:
        assert fragment in problems[0], (fragment, problems[0])


def test_problem_names_the_line_of_the_key(tmp_path):
    text = EXAMPLE_FILE.read_text(encoding="utf-8").replace("  legal_name:", "  legal_nam:", 1)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("  legal_nam:"))
    file = write_company(tmp_path, text)
    with pytest.raises(CompanyFileError) as caught:
        read_company_file(file)
    problem = caught.value.problems[0]
    assert (problem.path, problem.line, problem.column) == ("company.legal_nam", line, 3)
    assert f"company.yml, line {line}, column 3: company.legal_nam" in str(caught.value)


def test_all_problems_are_reported_at_once(tmp_path):
    def break_three(d):
        d["company"]["nmae"] = "x"
        d["approach"] = "strict"
        d["contacts"]["hr"]["email"] = "nobody"

    problems = problems_for(tmp_path, changed(break_three))
    assert len(problems) == 3
    assert [p.split(" ", 1)[0] for p in problems] == ["company.nmae", "approach", "contacts.hr.email"]


def test_yaml_syntax_error_gives_line_and_column(tmp_path):
    text = EXAMPLE_FILE.read_text(encoding="utf-8").replace("  location:\n", "  location:\n\t", 1)
    line = text.splitlines().index("  location:") + 2
    file = write_company(tmp_path, text)
    with pytest.raises(CompanyFileError) as caught:
        read_company_file(file)
    (problem,) = caught.value.problems
    assert problem.line == line and problem.column == 1
    assert "is not valid YAML" in problem.message and "no tabs" in problem.message


def test_key_written_twice_is_an_error(tmp_path):
    text = EXAMPLE_FILE.read_text(encoding="utf-8") + "\napproach: restrictive\n"
    problems = problems_for(tmp_path, text)
    assert problems == ["approach is written twice; keep one approach: and delete the other."]


@pytest.mark.parametrize("text", ["", "- a\n- b\n", "just words\n"])
def test_file_that_is_not_a_set_of_keys(tmp_path, text):
    assert problems_for(tmp_path, text) == [
        "must be a set of keys such as company:, values:, contacts: (see the example)."
    ]


def test_missing_company_file_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPANY_FILE", str(tmp_path / "nowhere.yml"))
    from macros.company.loader import company_file_path

    file = company_file_path(ROOT)
    with pytest.raises(CompanyFileError) as caught:
        read_company_file(file)
    assert "nowhere.yml" in str(caught.value) and "Check COMPANY_FILE" in str(caught.value)


def test_one_string_serves_both_languages(tmp_path):
    model = read_company_file(
        write_company(tmp_path, changed(lambda d: d["front_page_test"].update(newspaper="Le Soleil")))
    )
    assert model.front_page_test.newspaper.get("fr") == model.front_page_test.newspaper.get("en") == "Le Soleil"


def test_review_date_from_cycle(tmp_path):
    model = read_company_file(EXAMPLE_FILE)
    assert model.policy.review_every_months == 12
    assert model.policy.review_date == model.policy.effective_date.replace(year=model.policy.effective_date.year + 1)


def test_phone_becomes_a_tel_link():
    model = read_company_file(EXAMPLE_FILE)
    assert model.contacts.hr.tel_uri == "tel:8195550142;ext=210"
    assert model.contacts.legal.tel_uri == "tel:8195550199"


# --- The JSON Schema editors use --------------------------------------------------------------


def test_published_json_schema_is_up_to_date():
    committed = (ROOT / "company.schema.json").read_text(encoding="utf-8")
    assert committed == json_schema_text(), "company.schema.json is stale: run `make schema`"


def test_company_file_points_editors_at_the_schema():
    first_line = EXAMPLE_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=./company.schema.json"


def test_json_schema_accepts_the_example_and_rejects_unknown_keys():
    schema = json.loads((ROOT / "company.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    data = json.loads(json.dumps(example_data(), default=str))
    assert list(validator.iter_errors(data)) == []
    data["company"]["nmae"] = "x"
    errors = list(validator.iter_errors(data))
    assert errors and "nmae" in errors[0].message
    data = json.loads(json.dumps(example_data(), default=str))
    data["approach"] = "strict"
    assert any("strict" in e.message for e in validator.iter_errors(data))


def test_file_not_in_utf8_is_explained(tmp_path):
    file = tmp_path / "company.yml"
    file.write_bytes(EXAMPLE_FILE.read_text(encoding="utf-8").encode("latin-1"))
    with pytest.raises(CompanyFileError) as caught:
        read_company_file(file)
    (problem,) = caught.value.problems
    assert "is not saved as UTF-8" in problem.message
    first_accent = next(
        n for n, row in enumerate(EXAMPLE_FILE.read_text(encoding="utf-8").splitlines(), 1) if not row.isascii()
    )
    assert problem.line == first_accent


# --- Any file at all: a model or a clear list of problems, never a crash ---------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.dates().map(str),
    st.sampled_from(["fr", "en", "qc", "us", "balanced", "social_media", "https://x.example"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


def paths(data, prefix=()):
    """Every key path in the example, to pick one to break."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield prefix + (key,)
            yield from paths(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield prefix + (index,)
            yield from paths(value, prefix + (index,))


EXAMPLE_PATHS = list(paths(example_data()))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.tuples(st.sampled_from(EXAMPLE_PATHS), st.one_of(st.just("delete"), VALUES)), min_size=1, max_size=4)
)
def test_any_broken_file_gets_problems_not_a_crash(tmp_path, changes):
    data = example_data()
    for path, new in changes:
        parent = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            if new == "delete":
                del parent[path[-1]]
            else:
                parent[path[-1]] = new
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed this path
    file = write_company(tmp_path, yaml.safe_dump(data, allow_unicode=True))
    try:
        read_company_file(file)
    except CompanyFileError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.message and (problem.path or problem.line), problem
            assert problem.message.endswith((".", "?")), problem.message
