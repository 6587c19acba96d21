"""Messages an owner can act on: text keys take a {fr, en} pair, no message advises quoting a mapping, a quote
closed too late (swallowing the keys after it) is refused at the line where it opens, and region is checked
against jurisdiction both ways."""

from __future__ import annotations

import pytest

from conftest import example_data, write_company
from macros.company.loader import CompanyFileError, read_company_file


def problems(tmp_path, data) -> list[str]:
    file = write_company(tmp_path, data)
    with pytest.raises(CompanyFileError) as caught:
        read_company_file(file)
    return [p.describe(str(file)) for p in caught.value.problems]


def test_training_provider_and_other_platform_name_take_a_pair(tmp_path):
    data = example_data()
    data["training"] = [{"title": "Atelier", "provider": {"fr": "Formatrice (interne)", "en": "Trainer (in-house)"}}]
    data["official_accounts"].append(
        {"platform": "other", "name": {"fr": "Portail des parents", "en": "Parents' portal"}, "handle": "portail",
         "url": "https://portail.example", "managed_by": "social_media"}
    )
    model = read_company_file(write_company(tmp_path, data))
    assert model.training[0].provider.get("en") == "Trainer (in-house)"
    assert model.official_accounts[-1].name.get("fr") == "Portail des parents"


def test_no_message_advises_quoting_a_mapping(tmp_path):
    data = example_data()
    data["company"]["name"] = {"fr": "Rénovations Boréal", "en": "Boreal Renovations"}
    [message] = problems(tmp_path, data)
    assert "company.name" in message and "single text" in message
    assert "quote" not in message


LATE_QUOTE = """\
company:
  name: Garderie test
  location: "Québec (Québec)
  website: https://www.example.org
  logo: logo.svg
  brand_color: "#123456"
languages: [fr, en]
jurisdiction: qc
approach: balanced
"""


def test_a_quote_that_swallows_keys_is_refused_where_it_opens(tmp_path):
    found = problems(tmp_path, LATE_QUOTE)
    assert any("line 3" in p and "website:" in p and "close the quote" in p for p in found), found


def test_a_quote_never_closed_points_at_its_line(tmp_path):
    file = write_company(tmp_path, example_data())
    lines = file.read_text(encoding="utf-8").splitlines()
    lines.insert(3, '  tagline: "Rénover sans détour')  # opened on line 4, never closed: YAML reads to the end
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CompanyFileError) as caught:
        read_company_file(file)
    [problem] = caught.value.problems
    assert problem.line == 4 and "close the quote" in problem.message, problem


def test_a_quoted_text_over_several_lines_without_keys_is_fine(tmp_path):
    data = LATE_QUOTE.replace('"Québec (Québec)\n  website: https://www.example.org\n  logo: logo.svg\n  brand_color: "#123456"',
                              '"Québec,\n    dans le quartier Saint-Roch"')
    file = write_company(tmp_path, data)
    try:
        read_company_file(file)
    except CompanyFileError as error:  # other keys may be missing; the quote itself must not be the problem
        assert "close the quote" not in str(error)


@pytest.mark.parametrize(
    "jurisdiction, region, accepted",
    [("generic", "QC", False), ("generic", "NY", False), ("generic", "ON", True), ("qc", "QC", True),
     ("us", "QC", False), ("qc", "VT", False)],
)
def test_region_and_jurisdiction_checked_both_ways(tmp_path, jurisdiction, region, accepted):
    data = example_data()
    data["jurisdiction"], data["company"]["region"] = jurisdiction, region
    if jurisdiction != "qc":
        data["languages"] = ["fr", "en"]
    file = write_company(tmp_path, data)
    try:
        read_company_file(file)
        ok, message = True, ""
    except CompanyFileError as error:
        ok, message = False, str(error)
    assert ok is accepted, message
    if not accepted:
        assert "company.region" in message
        if jurisdiction == "generic":
            assert f"set jurisdiction: {'qc' if region == 'QC' else 'us'}" in message
