"""What analysts enter: a year's child population, a comparator, a section of the report's words."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from continuum.access.models import User
from continuum.web.forms import GovukForm

from .indicators import Indicator, Unit
from .models import FIRST_YEAR, LAST_YEAR, ChildPopulation, Comparator, ComparatorGroup, NarrativeEntry

YEAR_HELP = "The year the financial year starts in: 2019 for April 2019 to March 2020"


def _year_field() -> forms.IntegerField:
    return forms.IntegerField(
        label="Year",
        help_text=YEAR_HELP,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={
            "required": "Enter the year, for example 2019",
            "invalid": "Year must be a number, for example 2019",
            "min_value": f"Year must be {FIRST_YEAR} or later",
            "max_value": f"Year must be {LAST_YEAR} or earlier",
        },
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-4", "inputmode": "numeric"}),
    )


class PopulationForm(GovukForm):
    year = _year_field()
    children = forms.IntegerField(
        label="Children aged 0 to 17",
        help_text="The ONS mid-year estimate for the area, for example 141000",
        min_value=1,
        error_messages={
            "required": "Enter the number of children aged 0 to 17",
            "invalid": "Number of children must be a whole number, for example 141000",
            "min_value": "Number of children must be 1 or more",
        },
        widget=forms.NumberInput(
            attrs={"class": "govuk-input govuk-input--width-10", "inputmode": "numeric"}
        ),
    )
    source = forms.CharField(
        label="Source", required=False, max_length=200, help_text="For example, ONS mid-2019 estimate"
    )

    def save(self, user: User) -> ChildPopulation:
        return ChildPopulation.objects.create(entered_by=user, **self.cleaned_data)


class ComparatorForm(GovukForm):
    year = _year_field()
    group = forms.ChoiceField(
        label="Compared with",
        choices=ComparatorGroup.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who the figure is for"},
    )
    value = forms.DecimalField(
        label="Their figure",
        help_text="As published, for example 705.1 (a rate) or 21.3 (a percentage)",
        max_digits=12,
        decimal_places=2,
        min_value=Decimal(0),
        error_messages={
            "required": "Enter their figure",
            "invalid": "Their figure must be a number, for example 21.3",
            "min_value": "Their figure must be 0 or more",
            "max_digits": "Their figure must be smaller than 10,000,000,000",
            "max_decimal_places": "Their figure can have up to 2 decimal places",
        },
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10", "inputmode": "decimal"}),
    )

    def __init__(self, *args: Any, indicator: Indicator | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator

    def clean_value(self) -> Decimal:
        value: Decimal = self.cleaned_data["value"]
        if self.indicator is not None and self.indicator.unit == Unit.PERCENT and value > 100:
            raise forms.ValidationError("A percentage must be 100 or less")
        return value

    def save(self, indicator: Indicator, user: User) -> Comparator:
        return Comparator.objects.create(indicator=indicator.id, entered_by=user, **self.cleaned_data)


class NarrativeForm(GovukForm):
    text = forms.CharField(
        label="The partnership's words for this section",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="What the figures mean for children, what the partnership did and what it will do next.",
    )

    def save(self, year: int, section: str, user: User) -> NarrativeEntry:
        return NarrativeEntry.objects.create(year=year, section=section, entered_by=user, **self.cleaned_data)
