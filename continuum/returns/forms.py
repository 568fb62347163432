"""The date Ofsted's Annex A lists are drawn up to."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone

from continuum.web.forms import GovukForm

# The ways people write a date in a box: 31/3/2026, 31 3 2026, 31-3-2026, 2026-03-31.
DATE_FORMATS = ["%d/%m/%Y", "%d %m %Y", "%d-%m-%Y", "%Y-%m-%d"]


class AnnexAForm(GovukForm):
    on = forms.DateField(
        label="Lists up to",
        input_formats=DATE_FORMATS,
        help_text="The day before the inspection, usually. For example, 31/3/2026",
        error_messages={
            "required": "Enter the date the lists go up to",
            "invalid": "The date must be a real date, like 31/3/2026",
        },
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10"}),
    )

    def clean_on(self) -> date:
        on: date = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise forms.ValidationError("The date must be today or in the past")
        return on
