"""Site-wide settings that come from company.yml: which file, its validated model, and what the theme shows."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from babel.dates import format_date

from macros.company.labels import label
from macros.company.loader import company_file_path, logo_path, read_bytes, read_company_bytes
from macros.company.safety import logo_problem
from macros.company.schema import CompanyFile
from macros.language.text import mailto_uri

BABEL_LOCALES = {"fr": "fr_CA", "en": "en_CA"}

_cache: dict[Path, tuple[str, CompanyFile]] = {}


def project_dir(config: Any) -> Path:
    """The folder that holds mkdocs.yml."""
    return Path(config.config_file_path).resolve().parent


def load_company(config: Any) -> CompanyFile:
    """The validated company file for this build; checked again only when its content changes (a hash of the
    bytes, not the file's time and size: an edit can keep both, on a network share for instance)."""
    file = company_file_path(project_dir(config))
    data = read_bytes(file)
    digest = hashlib.sha256(data).hexdigest()
    cached = _cache.get(file)
    if cached and cached[0] == digest:
        logo = cached[1].company.logo  # checked again: the logo may change while the company file does not
        if logo is None or logo_problem(logo, file) is None:
            return cached[1]
    model = read_company_bytes(file, data)
    _cache[file] = (digest, model)
    return model


def logo_file(config: Any, model: CompanyFile) -> Path | None:
    """The logo image on disk, relative to the company file."""
    return logo_path(model, company_file_path(project_dir(config)))


def format_day(day: dt.date, locale: str) -> str:
    """A date as readers of this language write it (2 mars 2026, 1er février 2027, March 2, 2026)."""
    text = format_date(day, format="long", locale=BABEL_LOCALES[locale])
    if locale == "fr" and day.day == 1 and text.startswith("1 "):
        text = "1er " + text[2:]
    return text


# --- Colours --------------------------------------------------------------------------------


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two #RRGGBB colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _mix(a: str, b: str, share_of_b: float) -> str:
    return "#" + "".join(
        f"{round(int(a[i : i + 2], 16) * (1 - share_of_b) + int(b[i : i + 2], 16) * share_of_b):02x}" for i in (1, 3, 5)
    )


def readable_on(background: str, colour: str, towards: str) -> str:
    """The colour, moved towards white or black just enough to reach 4.5:1 on the background."""
    for step in range(0, 101, 5):
        candidate = _mix(colour, towards, step / 100)
        if contrast(candidate, background) >= 4.5:
            return candidate
    return towards


LIGHT_BACKGROUND = "#ffffff"
DARK_BACKGROUND = "#1e2129"  # Material's slate scheme


def theme_colours(brand: str) -> dict[str, str]:
    """Header and link colours from the brand colour, each readable in light and dark schemes."""
    brand = brand.lower()
    header_text = "#ffffff" if contrast(brand, "#ffffff") >= 4.5 else "#000000"
    return {
        "primary": brand,
        "primary_text": header_text,
        "link_light": readable_on(LIGHT_BACKGROUND, brand, "#000000"),
        "link_dark": readable_on(DARK_BACKGROUND, brand, "#ffffff"),
    }


def theme_data(model: CompanyFile, locale: str) -> dict[str, Any]:
    """What the theme templates (header, footer, print) show, in one language. Plain text: templates escape it."""
    policy, lead = model.policy, model.contacts.social_media
    return {
        "name": model.company.name,
        "colours": theme_colours(model.company.brand_color),
        "version": policy.version,
        "effective_date": format_day(policy.effective_date, locale),
        "contact_name": lead.name.get(locale),
        "contact_title": lead.title.get(locale),
        "contact_email": lead.email,
        "contact_mailto": mailto_uri(lead.email),
        "contact_phone": lead.phone,
        "labels": {
            key: label(key, locale) for key in ("policy_version", "effective", "questions", "guidance_not_advice")
        },
    }
