"""The README's figures come from `make bench` (scripts/bench.py writes its table), on the pages the site has now."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from conftest import Site

ROOT = Path(__file__).resolve().parent.parent


def bench():
    spec = importlib.util.spec_from_file_location("bench", ROOT / "scripts" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_table_measured_on_todays_pages(example_site: Site) -> None:
    module = bench()
    recorded = module.readme_pages()
    assert recorded is not None, "README.md has no bench table: run make bench"
    count, pages = recorded
    today = module.pages_of(example_site.dir)
    assert count == len(pages), "the README's bench table lists a different number of pages than it counts"
    assert pages == today, (
        f"the README's figures were measured on {count} pages, the site has {len(today)} now "
        f"(added: {sorted(set(today) - set(pages))}, gone: {sorted(set(pages) - set(today))}): run make bench"
    )
    table = readme_table(module)
    assert f"same {len(today)} rendered pages" in table, "the table's first row names another page count"


def readme_table(module) -> str:
    text = module.README.read_text(encoding="utf-8")
    return text.split(module.TABLE_START, 1)[1].split(module.TABLE_END, 1)[0]


def test_table_written_between_the_markers(tmp_path, monkeypatch) -> None:
    module = bench()
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{module.TABLE_START}\nold\n{module.TABLE_END}\nafter\n", encoding="utf-8")
    monkeypatch.setattr(module, "README", readme)
    module.write_table([("build / plain Material, same 2 rendered pages", "1.10", "≤ 1.15")], ["a.html", "en/a.html"], "Run.")
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("intro\n") and text.endswith("\nafter\n") and "old" not in text
    assert module.readme_pages() == (2, ["a.html", "en/a.html"])
    assert "| build / plain Material, same 2 rendered pages | 1.10 | ≤ 1.15 |" in text
