"""One build, one company: every example company built in one `make companies` process, in both orders, gives
the very site it gets when built alone, and no company's people appear in another company's site, zip or PDF."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import EXAMPLE_FILE, ROOT, run_build

pytestmark = pytest.mark.slow

SCRIPT = ROOT / "scripts" / "build_companies.py"
ROOT_COMPANY = "renovations-boreal"  # the root company.yml, copied as a company


@pytest.fixture(scope="module")
def companies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every example company in one companies folder: companies/* and the root company.yml with its files."""
    folder = tmp_path_factory.mktemp("companies")
    for source in sorted((ROOT / "companies").glob("*/company.yml")):
        shutil.copytree(source.parent, folder / source.parent.name)
    root = folder / ROOT_COMPANY
    root.mkdir()
    for name in ("company.yml", "logo.svg"):
        shutil.copy(ROOT / name, root / name)
    if (ROOT / "policy-archive").is_dir():
        shutil.copytree(ROOT / "policy-archive", root / "policy-archive")
    assert EXAMPLE_FILE.is_file()
    return folder


def names(companies: Path) -> list[str]:
    return sorted(p.parent.name for p in companies.glob("*/company.yml"))


@pytest.fixture(scope="module")
def alone(companies: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each company built alone, by `mkdocs build`, PDF included."""
    out = tmp_path_factory.mktemp("alone")
    sites = {}
    for name in names(companies):
        site = run_build(out / name, companies / name / "company.yml", pdf=True)
        assert site.returncode == 0, f"{name}:\n{site.log}"
        sites[name] = site.dir
    return sites


def build_all(companies: Path, output: Path, order: list[str]) -> subprocess.CompletedProcess[str]:
    """One build_companies.py process, one worker: the companies one after another, in this order."""
    env = {**os.environ, "POLICY_PDF": "1", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("COMPANY_FILE", None)
    only = [arg for name in order for arg in ("--only", name)]
    command = [sys.executable, str(SCRIPT), "--companies", str(companies), "--output", str(output), "--jobs", "1"]
    return subprocess.run(command + only, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)


@pytest.fixture(scope="module", params=["forward", "reverse"])
def together(request, companies: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    order = names(companies)
    if request.param == "reverse":
        order.reverse()
    output = tmp_path_factory.mktemp(f"together-{request.param}")
    result = build_all(companies, output, order)
    assert result.returncode == 0, result.stdout + result.stderr
    built = [line.split(":")[0].strip() for line in result.stdout.splitlines() if line.endswith(" s)")]
    assert built == order, f"built in the order {built}, asked {order}"
    return request.param, output


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def content(path: Path) -> bytes | str:
    """What a file says: a PDF's text, a gzip's content (its header holds the time it was written), else its bytes."""
    if path.suffix == ".pdf":
        return pdf_text(path)
    if path.suffix == ".gz":
        return gzip.decompress(path.read_bytes())
    return path.read_bytes()


def test_every_site_built_with_the_others_is_the_site_built_alone(together, alone, companies: Path) -> None:
    order, output = together
    differences = []
    for name in names(companies):
        own, shared = alone[name], output / name
        own_files = sorted(p.relative_to(own).as_posix() for p in own.rglob("*") if p.is_file())
        shared_files = sorted(p.relative_to(shared).as_posix() for p in shared.rglob("*") if p.is_file())
        if own_files != shared_files:
            differences.append(f"{name}: files {sorted(set(own_files) ^ set(shared_files))}")
            continue
        assert any(f.endswith(".pdf") for f in own_files), f"{name}: no PDF was printed"
        changed = [f for f in own_files if content(own / f) != content(shared / f)]
        if changed:
            differences.append(f"{name}: {len(changed)} files differ, e.g. {changed[:5]}")
    assert not differences, f"built {order} in one process, not as built alone:\n" + "\n".join(differences)


def contacts(file: Path) -> set[str]:
    """A company's people as its pages print them: names (each language), e-mails, phones."""
    found: set[str] = set()
    for person in yaml.safe_load(file.read_text(encoding="utf-8"))["contacts"].values():
        name = person.get("name")
        found.update(name.values() if isinstance(name, dict) else [name] if name else [])
        found.update(str(person[key]) for key in ("email", "phone") if person.get(key))
    return found


def texts(site: Path, archive: Path) -> dict[str, str]:
    """Every text a reader can get from a company's output: pages, search index, PDFs, and the zip's files."""
    found = {}
    for path in site.rglob("*"):
        if path.suffix in (".html", ".json", ".js", ".xml"):
            found[str(path.relative_to(site))] = path.read_text(encoding="utf-8", errors="replace")
        elif path.suffix == ".pdf":
            found[str(path.relative_to(site))] = pdf_text(path)
    with zipfile.ZipFile(archive) as zipped:
        for member in zipped.namelist():
            if member.endswith((".html", ".json", ".js", ".xml")):
                found[f"{archive.name}:{member}"] = zipped.read(member).decode("utf-8", errors="replace")
    return found


def test_no_company_shows_another_companys_people(together, companies: Path) -> None:
    order, output = together
    people = {name: contacts(companies / name / "company.yml") for name in names(companies)}
    leaks = []
    for name in names(companies):
        others = set().union(*(v for k, v in people.items() if k != name)) - people[name]
        assert others
        for where, text in texts(output / name, output / f"{name}.zip").items():
            leaks += [f"{name}/{where}: {who}" for who in sorted(others) if who in text]
    assert not leaks, f"built {order}: another company's people in\n" + "\n".join(leaks[:20])
