"""Adopting the policy: the facts the adoption page computes from company.yml (head count, dates)."""

from __future__ import annotations

import calendar
import datetime as dt

from macros.company.schema import CompanyFile

# France: the work rules (règlement intérieur) are compulsory from this head count (Code du travail L1311-2).
FRANCE_WORK_RULES_FROM = 50


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day some months earlier (the last day of that month when it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class Adoption:
    """The `adoption` page variable."""

    def __init__(self, model: CompanyFile) -> None:
        self.model = model

    @property
    def employees(self) -> int | None:
        return self.model.company.employees

    @property
    def france_work_rules_required(self) -> bool | None:
        """True from 50 employees, False below, None when company.employees is not given."""
        if self.employees is None:
            return None
        return self.employees >= FRANCE_WORK_RULES_FROM

    @property
    def france_threshold(self) -> int:
        return FRANCE_WORK_RULES_FROM

    @property
    def formalities_by(self) -> dt.date:
        """In France the rules take effect one month after the last filing and display formality
        (Code du travail L1321-4): for policy.effective_date, those must be done by this date."""
        return months_before(self.model.policy.effective_date, 1)
