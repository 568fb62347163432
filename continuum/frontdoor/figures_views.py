"""The front door's figures page: counts and percentages for a period, never a child's details.

For managers, analysts and the board (`Permission.SEE_FIGURES`). The period is chosen with GET
parameters so that a page of figures can be bookmarked and shared: a financial year, or two
dates. Without them the page shows the current financial year to date.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from continuum.access import policy
from continuum.access.models import User
from continuum.access.policy import Permission
from continuum.people.forms import GovukDateField, PeopleFormMixin
from continuum.web.forms import GovukForm

from . import figures
from .figures import Period

CUSTOM = "custom"
YEARS_OFFERED = 5


class PeriodForm(PeopleFormMixin, GovukForm):
    period = forms.ChoiceField(
        label="Period",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select a financial year, or choose the dates",
            "invalid_choice": "Select a financial year, or choose the dates",
        },
    )
    start = GovukDateField(label="Start date", required=False, help_text="For example, 1 4 2025")
    end = GovukDateField(label="End date", required=False, help_text="For example, 31 3 2026")

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        period = self.fields["period"]
        assert isinstance(period, forms.ChoiceField)
        period.choices = [*financial_year_choices(today), (CUSTOM, "Choose the dates")]

    def full_clean(self) -> None:
        super().full_clean()
        self.mark_date_errors()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("period") != CUSTOM or self.errors:
            return cleaned
        start, end = cleaned.get("start"), cleaned.get("end")
        if start is None:
            self.add_error("start", "Enter the start date")
        if end is None:
            self.add_error("end", "Enter the end date")
        elif end > self.today:
            self.add_error("end", "End date must be today or in the past")
        elif start is not None and end < start:
            self.add_error("end", "End date must be the same as or after the start date")
        return cleaned

    def chosen_period(self) -> Period:
        choice = self.cleaned_data["period"]
        if choice == CUSTOM:
            return Period(self.cleaned_data["start"], self.cleaned_data["end"])
        return Period.financial_year(int(choice), today=self.today)


def financial_year_choices(today: date) -> list[tuple[str, str]]:
    """This financial year (to date) and the four before it, newest first."""
    this_year = figures.financial_year_of(today)
    choices = [(str(this_year), f"1 April {this_year} to today")]
    choices += [
        (str(year), f"April {year} to March {year + 1}")
        for year in range(this_year - 1, this_year - YEARS_OFFERED, -1)
    ]
    return choices


def figures_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    allowed = policy.can(user, Permission.SEE_FIGURES)
    if not allowed:
        context = {"title": "You cannot see the front door figures", "reason": allowed.reason}
        return render(request, "frontdoor/figures/refused.html", context, status=403)
    today = timezone.localdate()
    form = PeriodForm(request.GET or {"period": str(figures.financial_year_of(today))}, today=today)
    results = figures.front_door_figures(form.chosen_period()) if form.is_valid() else None
    return render(
        request,
        "frontdoor/figures/figures.html",
        {"form": form, "figures": results, "custom": form.data.get("period") == CUSTOM},
    )
