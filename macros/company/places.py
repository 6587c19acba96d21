"""Where a company can be: the US states and Canadian provinces that `company.region` names (places.yml)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from macros.company.kitfile import load_kit_file
from macros.company.types import Localized

PLACES_FILE = Path(__file__).parent / "places.yml"


class Places(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    us: dict[str, str | Localized]  # one name, or a pair where French says it otherwise (Californie)
    ca: dict[str, Localized]

    def name(self, code: str, locale: str) -> str:
        if code in self.us:
            name = self.us[code]
            return name if isinstance(name, str) else name.get(locale)
        return self.ca[code].get(locale)

    def country(self, code: str) -> Literal["us", "ca"] | None:
        return "us" if code in self.us else "ca" if code in self.ca else None


@functools.lru_cache(maxsize=None)
def places() -> Places:
    """The states and provinces, through the kit file reader and checks (kit data: read once per process)."""
    return load_kit_file(PLACES_FILE, Places)
