"""Adopting the policy: the facts the adoption page computes from company.yml (head count, dates) and the
jurisdiction file's `adoption:` numbers (macros/law/jurisdictions/<code>.yml)."""

from __future__ import annotations

import calendar
import datetime as dt

from macros.company.schema import CompanyFile
from macros.law.jurisdiction import jurisdiction_data


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day some months earlier (the last day of that month when it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class Adoption:
    """The `adoption` page variable."""

    def __init__(self, model: CompanyFile) -> None:
        self.model = model
        self.facts = jurisdiction_data(model.jurisdiction.value).adoption

    @property
    def employees(self) -> int | None:
        return self.model.company.employees

    @property
    def work_rules_from(self) -> int | None:
        """The head count from which written work rules are compulsory here (France: 50); None where none are."""
        return self.facts.work_rules_from

    @property
    def work_rules_required(self) -> bool | None:
        """True from that head count, False below, None when company.employees is not given (or no such rule)."""
        if self.employees is None or self.work_rules_from is None:
            return None
        return self.employees >= self.work_rules_from

    @property
    def formalities_by(self) -> dt.date | None:
        """Where the rules take effect some months after the last filing and display formality (France: one
        month, Code du travail L1321-4): for policy.effective_date, the day those must be done by."""
        if self.facts.in_force_months is None:
            return None
        return months_before(self.model.policy.effective_date, self.facts.in_force_months)
