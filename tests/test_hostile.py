"""Hostile and malformed input (docs ../shared/reviews/SECURITY-REVIEW.md, F2-F21): nothing runs, nothing is lost,
every problem is named with its line, and no message echoes unbounded input or terminal escapes."""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE_FILE, ROOT, run_build, write_company
from macros.company.loader import CompanyFileError, read_company_bytes
from macros.company.safety import MAX_FILE_BYTES, MAX_LIST_ITEMS, MAX_LOGO_BYTES, MAX_NAME_CHARS, MAX_TEXT_CHARS

EXAMPLE = EXAMPLE_FILE.read_text(encoding="utf-8")
NAME_LINE = "  name: Rénovations Boréal"
LOGO_LINE = "  logo: logo.svg"
END = EXAMPLE.count("\n") + 1  # the first line after the example


def line_of(fragment: str) -> int:
    """The line of the example company file where `fragment` starts (the example changes over time)."""
    return EXAMPLE[: EXAMPLE.index(fragment)].count("\n") + 1


DATE_LINE = line_of("effective_date: 2026-03-02")
DAYS_LINE = line_of("within_days: 30")


def example_with(old: str, new: str) -> str:
    assert old in EXAMPLE, old
    return EXAMPLE.replace(old, new, 1)


def problems_of(tmp_path: Path, text: str | bytes) -> str:
    """The message for a company file's content (in-process: the same code the build runs first)."""
    folder = tmp_path / "input"
    write_company(folder, "")
    data = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(CompanyFileError) as caught:
        read_company_bytes(folder / "company.yml", data)
    return str(caught.value)


def old_site(folder: Path) -> Path:
    """An output folder that already holds a site, with a marker that only the old site has."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "OLD-SITE-MARKER").write_text("old", encoding="utf-8")
    (folder / "index.html").write_text("old index", encoding="utf-8")
    return folder


def assert_kept(site: Path) -> None:
    assert (site / "OLD-SITE-MARKER").is_file(), "the old site was emptied"
    assert (site / "index.html").read_text(encoding="utf-8") == "old index"
    assert not list(site.parent.glob(f".{site.name}.building-*")), "a staging folder was left behind"


def assert_friendly(log: str) -> None:
    assert "Traceback" not in log and 'File "' not in log, log[-3000:]


# --- F7, F8, F9, F14, F18, F19: every malformed file gets a message with its line --------------------------

MALFORMED = {
    "date-impossible": (example_with("effective_date: 2026-03-02", "effective_date: 2026-02-30"), DATE_LINE, "not a date"),
    "month-13": (example_with("effective_date: 2026-03-02", "effective_date: 2026-13-01"), DATE_LINE, "not a date"),
    "int-tag-abc": (example_with("within_days: 30", "within_days: !!int abc"), DAYS_LINE, "cannot be read as a number"),
    "float-tag-abc": (example_with("within_days: 30", "within_days: !!float abc"), DAYS_LINE, "cannot be read"),
    "int-5000-digits": (example_with("within_days: 30", "within_days: " + "9" * 5000), DAYS_LINE, "number"),
    "raw-nul": ("company:\x00 x\n", 1, "U+0000"),
    "raw-escape": (example_with(NAME_LINE, "  name: Bor\x1beal"), 11, "U+001B"),
    "raw-c1": (example_with(NAME_LINE, "  name: Bor\x9beal"), 11, "U+009B"),
    "complex-key": (EXAMPLE + "? [a, b]\n: x\n", END, "a key is one word"),
    "deep-nesting": ("a: " + "[" * 60 + "]" * 60 + "\n", 1, "levels deep"),
    "binary-tag": (example_with(NAME_LINE, "  name: !!binary aGVsbG8="), 11, "!!binary"),
    "self-alias": (EXAMPLE + "x: &a [*a]\n", END, "alias"),
    "logo-nul": (example_with(LOGO_LINE, '  logo: "logo.svg\\0.png"'), 20, "invisible character"),
    "long-name": (example_with(NAME_LINE, "  name: " + "N" * (MAX_NAME_CHARS + 1)), 11, "keep a name under"),
    "long-text": (
        example_with("    fr: Rénovation résidentielle", "    fr: " + "L" * (MAX_TEXT_CHARS + 5) + " Rénovation"),
        14,
        "characters long",
    ),
    "long-list": (
        example_with("training:\n", "training:\n" + "  - {title: t}\n" * (MAX_LIST_ITEMS + 1)),
        line_of("training:\n") + 1,
        "list",
    ),
    "bidi-name": (example_with(NAME_LINE, '  name: "Rénovations \u202eBoréal"'), 11, "U+202E"),
    "invisible-name": (example_with(NAME_LINE, '  name: "\u200b\u200b\ufeff\u00ad"'), 11, "no visible character"),
    "date-overflow": (example_with("effective_date: 2026-03-02", "effective_date: 9999-06-01"), DATE_LINE, "9000"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_file_gets_its_line_not_a_traceback(tmp_path, case):
    text, line, words = MALFORMED[case]
    message = problems_of(tmp_path, text)
    assert words in message, message
    assert f"line {line}," in message or f"line {line}:" in message, message
    assert "Traceback" not in message


def test_deep_nesting_beyond_the_parser_is_a_plain_message(tmp_path):
    message = problems_of(tmp_path, "a: " + "[" * 10_000 + "]" * 10_000 + "\n")
    assert "too deep" in message


def test_merge_keys_work(tmp_path):
    """YAML merge keys (<<: *anchor) read as YAML says (F18); a key written next to them wins over the merged one."""
    text = example_with("  management:\n", "  management: &boss\n")
    text = text.replace("  legal:\n    name: Me Sophie Bergeron\n", "  legal:\n    <<: *boss\n    name: Me Avocate\n")
    text = text.replace("    email: sbergeron@cabinet-bergeron.example\n", "")
    folder = tmp_path / "input"
    write_company(folder, "")
    model = read_company_bytes(folder / "company.yml", text.encode())
    assert model.contacts.legal.name.get("fr") == "Me Avocate"
    assert model.contacts.legal.email == model.contacts.management.email


def test_duplicate_keys_are_still_caught_beside_merge_keys(tmp_path):
    text = example_with(NAME_LINE, NAME_LINE + "\n  name: Autre")
    assert "name is written twice" in problems_of(tmp_path, text)


def test_key_names_cannot_drive_the_terminal(tmp_path):
    """An unknown key full of terminal escapes is printed as \\x1b..., never as the escape itself (F14)."""
    key = "\\e[2K\\e[1A\\e[32mINFO - Documentation built\\e]0;PWNED\\a\\u202e"
    message = problems_of(tmp_path, EXAMPLE + f'"{key}": x\n')
    assert "\x1b" not in message and "\x07" not in message and "\u202e" not in message
    assert "\\x1b[32mINFO" in message


def test_null_key_is_shown_as_null(tmp_path):
    message = problems_of(tmp_path, example_with(NAME_LINE, NAME_LINE + "\n  ~: x"))
    assert "company.null" in message and "None" not in message.split("NoneType")[0]


# --- F4, F5: limits, and messages that never echo unbounded input ----------------------------------------


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    folder = tmp_path / "input"
    file = write_company(folder, EXAMPLE + "# " + "x" * MAX_FILE_BYTES + "\n")
    site = run_build(old_site(tmp_path / "site"), file)
    assert site.returncode == 1 and "KB" in site.log
    assert_kept(site.dir)


BOMB = "".join(
    [f"l0: &a0 [{', '.join(['lol'] * 9)}]\n"]
    + [f"l{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]\n" for n in range(1, 9)]
)


def test_alias_bomb_is_refused_quickly_under_a_memory_limit(tmp_path):
    """1 KB of aliases used to take 13.7 GB of memory and print a 2 GB message (F5)."""
    text = EXAMPLE.replace("front_page_test:\n  newspaper:", "front_page_test:\n  newspaper: *a8\n  x:", 1)
    file = write_company(tmp_path / "input", BOMB + text)

    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "POLICY_PDF": "0", "COMPANY_FILE": str(file)}
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(old_site(tmp_path / "site"))],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit_memory,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 1, log[-2000:]
    assert time.monotonic() - started < 30
    assert "aliases" in log and len(log) < 20_000
    assert_friendly(log)
    assert_kept(tmp_path / "site")


def test_a_long_value_is_cut_in_the_message(tmp_path):
    message = problems_of(tmp_path, example_with("brand_color:", f"brand_color: \"#{'f' * 9000}\"\n  x_color:"))
    assert len(message) < 3000 and "..." in message


# --- F2, F3, F13: nothing is lost -------------------------------------------------------------------------


def test_output_folder_holding_the_company_file_is_refused(tmp_path):
    """`COMPANY_FILE=client/company.yml mkdocs build -d client` used to delete company.yml and the logo (F2)."""
    client = tmp_path / "client"
    file = write_company(client, EXAMPLE)
    (client / "notes.txt").write_text("keep me", encoding="utf-8")
    site = run_build(client, file)
    assert site.returncode == 1
    assert "holds the company file" in site.log and "Nothing was changed" in site.log
    assert sorted(p.name for p in client.iterdir()) == ["company.yml", "logo.svg", "notes.txt"]
    assert_friendly(site.log)


def test_output_folder_above_every_client_is_refused(tmp_path):
    """`-d companies` used to delete every client's folder (F2)."""
    companies = tmp_path / "companies"
    file = write_company(companies / "a", EXAMPLE)
    write_company(companies / "b", EXAMPLE)
    site = run_build(companies, file)
    assert site.returncode == 1 and "building there would delete it" in site.log
    assert (companies / "a" / "company.yml").is_file() and (companies / "b" / "company.yml").is_file()


def test_output_folder_holding_another_company_file_is_refused(tmp_path):
    file = write_company(tmp_path / "a", EXAMPLE)
    other = write_company(tmp_path / "b", EXAMPLE)
    site = run_build(tmp_path / "b", file)
    assert site.returncode == 1 and other.is_file()


def test_a_failure_after_the_check_keeps_the_previous_site(tmp_path):
    """A browser that does not start (the PDF step, after the pages are built) used to leave an emptied site/
    whose policy page linked to PDFs that were never written (F3, F13)."""
    site_dir = old_site(tmp_path / "site")
    env_path = os.environ.get("CHROMIUM_PATH")
    os.environ["CHROMIUM_PATH"] = "/bin/false"
    try:
        site = run_build(site_dir, None, ROOT, pdf=True)
    finally:
        os.environ.pop("CHROMIUM_PATH")
        if env_path is not None:
            os.environ["CHROMIUM_PATH"] = env_path
    assert site.returncode == 1
    assert "Chromium at /bin/false did not start" in site.log and "POLICY_PDF=0" in site.log
    assert_friendly(site.log)
    assert_kept(site_dir)


def test_a_strict_warning_keeps_the_previous_site(tmp_path):
    """A page that fails to render is a warning; in strict mode MkDocs aborts after writing every page."""
    project = tmp_path / "project"
    from conftest import copy_project

    copy_project(project)
    (project / "docs" / "index.fr.md").write_text("[lien brisé](nulle-part.md)\n", encoding="utf-8")
    site_dir = old_site(tmp_path / "site")
    site = run_build(site_dir, None, project)
    assert site.returncode == 1 and "strict mode" in site.log
    assert_kept(site_dir)


def test_a_good_build_replaces_the_old_site_and_keeps_dot_files(tmp_path):
    site_dir = old_site(tmp_path / "site")
    (site_dir / ".git").mkdir()
    site = run_build(site_dir)
    assert site.returncode == 0, site.log
    assert not (site_dir / "OLD-SITE-MARKER").exists() and (site_dir / ".git").is_dir()
    assert "Rénovations Boréal" in (site_dir / "index.html").read_text(encoding="utf-8")
    assert oct(site_dir.stat().st_mode & 0o777) != oct(0o700)
    assert not list(tmp_path.glob(".site.*"))


# --- F6, F10, F24: the logo is an image from the company's folder ---------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def logo_case(tmp_path: Path, name: str, content: bytes | None = None, link_to: Path | None = None) -> str:
    folder = tmp_path / "input"
    write_company(folder, "")
    target = folder / name
    if link_to is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(link_to)
    elif content is not None:
        target.write_bytes(content)
    text = example_with(LOGO_LINE, f"  logo: {name}")
    with pytest.raises(CompanyFileError) as caught:
        read_company_bytes(folder / "company.yml", text.encode())
    return str(caught.value)


def test_logo_outside_the_company_folder_is_refused(tmp_path):
    secret = tmp_path / "other-client" / "secret-scan.png"
    secret.parent.mkdir()
    secret.write_bytes(PNG)
    assert "leads outside" in logo_case(tmp_path, "../other-client/secret-scan.png")
    assert "outside the company's folder" in logo_case(tmp_path, str(secret))
    assert "leads outside" in logo_case(tmp_path, "evil.png", link_to=secret)


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "not a PNG image"),
        ("logo.jpg", PNG, "not a JPG image"),
        ("logo.svg", b"", "empty file"),
        ("logo.png", PNG + b"\x00" * MAX_LOGO_BYTES, "MB"),
        ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "<script>"),
        ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "event attribute"),
        (
            "logo.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg'><foreignObject><p>x</p></foreignObject></svg>",
            "foreignObject",
        ),
        (
            "logo.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg' xmlns:x='http://www.w3.org/1999/xlink'>"
            b"<image x:href='http://evil.example/b.png'/></svg>",
            "link to another file",
        ),
        ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><style>@import url(http://e.x/a.css);</style></svg>", "style"),
        ("logo.svg", b"<!DOCTYPE svg [<!ENTITY a 'b'>]><svg xmlns='http://www.w3.org/2000/svg'>&a;</svg>", "readable"),
        ("logo.svg", b"<html><body>x</body></html>", "not an SVG image"),
    ],
)
def test_logo_content_is_checked(tmp_path, name, content, words):
    assert words in logo_case(tmp_path, name, content)


def test_a_plain_svg_logo_and_a_png_logo_are_accepted(tmp_path):
    folder = tmp_path / "input"
    write_company(folder, "")
    (folder / "logo.png").write_bytes(PNG)
    for line in (LOGO_LINE, "  logo: logo.png"):
        read_company_bytes(folder / "company.yml", example_with(LOGO_LINE, line).encode())


# --- F11, F12, F15: URLs and addresses are what they seem -------------------------------------------------------

TRAINING_URL = "url: https://www.pensezcybersecurite.gc.ca"


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ('"https://TRAIN.example/a\\n| x | y |\\n\\n# Injected"', "U+000A"),
        ('"https://FORM.example/\\r\\n<script>x</script>\\0"', "U+000D"),
        ('"https://ACC1.example/\\u202egnp.exe"', "U+202E"),
        ('"https://a.example/\\u200bx"', "U+200B"),
        ('"https://a.example/x "', "U+0020"),
        ("'https://evil.example\\@www.linkedin.com/company/x'", "backslash"),
        ("'https://www.linkedin.com@evil.example/x'", "name before @"),
    ],
)
def test_urls_with_hidden_parts_are_refused(tmp_path, url, words):
    assert words in problems_of(tmp_path, example_with(TRAINING_URL, f"url: {url}"))


def test_pages_show_and_link_the_normalised_url_and_encode_mailto(build_company):
    def change(data):
        data["training"][0]["url"] = "https://TRAIN.Example/Path"
        data["contacts"]["hr"]["email"] = "hr?bcc=spy@evil.example"

    site = build_company(change, key="hostile-url-mailto")
    assert site.returncode == 0, site.log
    soup = site.soup("community-manager")
    hrefs = [a["href"] for a in soup.select("a[href^=mailto]")]
    assert "mailto:hr%3Fbcc%3Dspy@evil.example" in hrefs and not any("?" in h for h in hrefs)
    resources = site.soup("resources")
    assert resources.find("a", href="https://train.example/Path") is not None  # what the browser opens


# --- F21: the preview's cache follows the content, not the file's time and size -----------------------------


def test_the_company_cache_follows_the_content(tmp_path):
    from types import SimpleNamespace

    from macros.company.site import load_company

    folder = tmp_path / "input"
    file = write_company(folder, EXAMPLE)
    config = SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"))
    os.environ["COMPANY_FILE"] = str(file)
    try:
        assert load_company(config).company.name == "Rénovations Boréal"
        status = file.stat()
        file.write_text(EXAMPLE.replace("Rénovations Boréal", "Rénovations Austral", 1), encoding="utf-8")
        os.utime(file, ns=(status.st_atime_ns, status.st_mtime_ns))  # same size, same time
        assert file.stat().st_size == status.st_size
        assert load_company(config).company.name == "Rénovations Austral"
    finally:
        os.environ.pop("COMPANY_FILE")


def test_the_preview_watches_the_logo():
    source = (ROOT / "macros" / "build" / "hooks.py").read_text(encoding="utf-8")
    serve = source[source.index("def on_serve") :]
    assert re.search(r"server\.watch\(str\(logo\)\)", serve.split("\n\n\n")[0])


# --- Property: raw text in, a site or a list of problems out; never a traceback, never a lost site ------------

NASTY = ["\x00", "\x1b", "\t", "\u202e", "\u200b", ": ", " #", "&a ", "*a", "<<: ", "!!int ", "!!binary ", "? ",
         "[", "{", "'", '"', "\\", "2026-02-30", "9999-12-31", "- ", "\n  ", "\n", "~", "<img src=x onerror=alert(1)>"]


def mutated(draw) -> str:
    lines = EXAMPLE.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        position = draw(st.integers(0, len(lines[index])))
        piece = draw(st.sampled_from(NASTY) | st.text(max_size=4))
        cut_out = draw(st.integers(0, 3))
        lines[index] = lines[index][:position] + piece + lines[index][position + cut_out :]
    return "".join(lines)


@st.composite
def raw_company_files(draw) -> str:
    return mutated(draw)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=raw_company_files())
def test_any_raw_text_gives_a_model_or_problems_with_lines(tmp_path, text):
    folder = tmp_path / "input"
    if not (folder / "logo.svg").exists():
        write_company(folder, "")
    try:
        read_company_bytes(folder / "company.yml", text.encode("utf-8", "surrogatepass"))
    except CompanyFileError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.line is not None or problem.path == "", problem
        assert "\x1b" not in str(error) and "\x00" not in str(error)


@pytest.mark.slow
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=raw_company_files())
def test_any_raw_text_builds_or_keeps_the_old_site(tmp_path_factory, text):
    base = tmp_path_factory.mktemp("raw")
    file = write_company(base / "input", text)
    site = run_build(old_site(base / "site"), file)
    assert_friendly(site.log)
    if site.returncode == 0:
        assert not (site.dir / "OLD-SITE-MARKER").exists()
        assert "Traceback" not in (site.dir / "index.html").read_text(encoding="utf-8")
    else:
        assert re.search(r"has \d+ problems?\.", site.log), site.log[-2000:]
        assert_kept(site.dir)


# --- F17, F25: the publishing workflow has least privilege ------------------------------------------------------


def test_workflow_least_privilege_and_pinned_actions():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    for job in jobs.values():
        assert 0 < job["timeout-minutes"] <= 30
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w./-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False
    assert any("pip_audit" in step.get("run", "") for step in jobs["build"]["steps"])
    text = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert all(re.search(rf"{re.escape(s['uses'])}\s+# v\d", text) for j in jobs.values() for s in j["steps"] if "uses" in s)
