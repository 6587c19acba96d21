"""The build's caches (macros/build/speed.py) never hide an edit: templates, pages and theme files changed between
two builds of the same project all show in the second build."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_project, run_build

pytestmark = pytest.mark.slow


def test_edits_between_two_builds_show_despite_the_caches(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    first = run_build(tmp_path / "first", None, project)
    assert first.returncode == 0, first.log
    assert any((project / ".cache" / "jinja").iterdir()), "the first build fills the template cache"

    footer = project / "overrides" / "partials" / "copyright.html"
    footer.write_text(footer.read_text(encoding="utf-8") + "\n<p>footer-marker-2</p>\n", encoding="utf-8")
    page = project / "docs" / "conduct.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\npage-marker-2 {{ company.name }}\n", encoding="utf-8")
    (project / "overrides" / "extra-file.txt").write_text("theme-file-marker", encoding="utf-8")

    second = run_build(tmp_path / "second", None, project)
    assert second.returncode == 0, second.log
    assert "footer-marker-2" in second.html("conduct", "fr") and "footer-marker-2" in second.html("conduct", "en")
    assert "footer-marker-2" not in first.html("conduct", "en")
    assert "page-marker-2 Rénovations Boréal" in second.text("conduct", "en")
    assert (second.dir / "extra-file.txt").read_text(encoding="utf-8") == "theme-file-marker"


IN_ONE_PROCESS = """
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

project, out = Path(sys.argv[1]), Path(sys.argv[2])

def once(name):
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(out / name))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)

once("first")
footer = project / "overrides" / "partials" / "copyright.html"
footer.write_text(footer.read_text(encoding="utf-8") + "<p>footer-marker-3</p>", encoding="utf-8")
page = project / "docs" / "conduct.en.md"
page.write_text(page.read_text(encoding="utf-8") + "\\n\\npage-marker-3\\n", encoding="utf-8")
(project / "overrides" / "extra-file.txt").write_text("theme-file-marker", encoding="utf-8")
once("second")
"""


def test_edits_between_two_builds_in_one_process_show_as_in_the_preview(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    project = copy_project(tmp_path / "project")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "POLICY_PDF": "0"}
    env.pop("COMPANY_FILE", None)
    result = subprocess.run(
        [sys.executable, "-c", IN_ONE_PROCESS, str(project), str(tmp_path / "out")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    second = tmp_path / "out" / "second"
    assert "footer-marker-3" in (second / "en" / "conduct.html").read_text(encoding="utf-8")
    assert "page-marker-3" in (second / "en" / "conduct.html").read_text(encoding="utf-8")
    assert (second / "extra-file.txt").read_text(encoding="utf-8") == "theme-file-marker"
    assert not (tmp_path / "out" / "first" / "extra-file.txt").exists()
