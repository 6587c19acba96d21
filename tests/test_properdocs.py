"""ProperDocs, the maintained fork of MkDocs 1.x, builds the same site as MkDocs (all but the generator tag).

ProperDocs is installed beside the shared packages, in .cache/ (pip --target, no dependencies: it needs nothing
MkDocs does not), so the kit's own environment stays as it is; its command redirects every `mkdocs.*` import
(the theme's, the plugins', the kit's hooks) to itself. Switching a kit to it is the one line of
requirements.txt that names it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, Site

REQUIREMENT = re.compile(r"^#? ?(properdocs==[0-9.]+)", re.M)
GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')


def properdocs_requirement() -> str:
    found = REQUIREMENT.search((ROOT / "requirements.txt").read_text(encoding="utf-8"))
    assert found, "requirements.txt names no properdocs==X.Y.Z line (commented out while the kit uses MkDocs)"
    return found[1]


def install_properdocs() -> Path:
    requirement = properdocs_requirement()
    target = ROOT / ".cache" / requirement.replace("==", "-")
    if not (target / "properdocs" / "__main__.py").is_file():
        result = subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps"]
            + ["--target", str(target), requirement],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, f"pip could not install {requirement}: {result.stderr[-2000:]}"
    return target


def site_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_properdocs_builds_the_same_site(example_site: Site, tmp_path: Path) -> None:
    target = install_properdocs()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "POLICY_PDF": "0"}
    env.pop("COMPANY_FILE", None)
    env["PYTHONPATH"] = os.pathsep.join([str(target), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    ours, theirs = site_files(example_site.dir), site_files(site)
    assert sorted(ours) == sorted(theirs)
    generators: dict[str, set[bytes]] = {"mkdocs": set(), "properdocs": set()}
    for name, data in ours.items():
        other = theirs[name]
        if name.endswith(".html"):
            generators["mkdocs"].update(GENERATOR.findall(data))
            generators["properdocs"].update(GENERATOR.findall(other))
            data, other = GENERATOR.sub(b"", data), GENERATOR.sub(b"", other)
        assert data == other, f"{name} differs between MkDocs and ProperDocs"
    # Material writes "mkdocs-<version>" with the version the running MkDocs gives: "ProperDocs 1.6.7" here
    assert generators["properdocs"] and all(b"ProperDocs " in g for g in generators["properdocs"]), generators
    assert generators["mkdocs"] and not any(b"ProperDocs" in g for g in generators["mkdocs"]), generators
