"""Forms for finding and recording people, with GOV.UK error messages.

Identifier and date rules live in `validators.py` and on the model; these forms turn what was
typed into clean values (spaces out of NHS numbers, postcodes upper-cased) and say which field
is wrong and how to fix it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from continuum.statutory import codes
from continuum.statutory.code_set import CodeSet
from continuum.web.forms import GovukForm, GovukModelForm

from . import validators
from .models import NameKind, Person, PersonKind

_MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_DATE_PARTS = ("day", "month", "year")


class GovukDateInput(forms.MultiWidget):
    """The GOV.UK date input: day, month and year as three labelled text inputs."""

    template_name = "people/widgets/date_input.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        def part(width: int) -> forms.TextInput:
            css = f"govuk-input govuk-date-input__input govuk-input--width-{width}"
            return forms.TextInput(attrs={"class": css, "inputmode": "numeric"})

        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            "day": part(2),
            "month": part(2),
            "year": part(4),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def id_for_label(self, id_: str) -> str:
        # The error summary links to the first input of the date (the day).
        return f"{id_}_0" if id_ else ""

    def mark_error(self) -> None:
        for widget in self.widgets:
            widget.attrs["class"] = f"{widget.attrs['class']} govuk-input--error"


class GovukDateField(forms.MultiValueField):
    """A date typed as day, month and year, with the GOV.UK date error messages.

    `past_only` rejects dates after today (dates of birth and death).
    """

    widget = GovukDateInput

    def __init__(self, *, past_only: bool = False, **kwargs: Any) -> None:
        self.past_only = past_only
        parts = (
            forms.CharField(required=False),
            forms.CharField(required=False),
            forms.CharField(required=False),
        )
        kwargs.setdefault("template_name", "people/widgets/date_field.html")
        super().__init__(parts, require_all_fields=False, **kwargs)

    def clean(self, value: Any) -> date | None:
        day, month, year = (str(part or "").strip() for part in (value or ("", "", "")))
        subject = str(self.label or "Date")
        if not (day or month or year):
            if self.required:
                raise ValidationError(f"Enter {subject[0].lower()}{subject[1:]}", code="required")
            return None
        missing = [name for name, part in zip(_DATE_PARTS, (day, month, year), strict=True) if not part]
        if missing:
            raise ValidationError(f"{subject} must include a {' and '.join(missing)}", code="incomplete")
        result = _real_date(day, month, year, subject)
        if self.past_only and result > timezone.localdate():
            raise ValidationError(f"{subject} must be today or in the past", code="date_in_future")
        return result

    def compress(self, data_list: list[Any]) -> date | None:  # clean() does the work
        return None


def _real_date(day: str, month: str, year: str, subject: str) -> date:
    month_number = _MONTH_NAMES.get(month.lower()) or (int(month) if month.isdigit() else None)
    if not (day.isdigit() and year.isdigit()) or month_number is None:
        raise ValidationError(f"{subject} must be a real date", code="invalid_date")
    if len(year) != 4:
        raise ValidationError("Year must include 4 numbers", code="year_length")
    try:
        return date(int(year), month_number, int(day))
    except ValueError:
        raise ValidationError(f"{subject} must be a real date", code="invalid_date") from None


class CodeChoiceField(forms.ChoiceField):
    """A choice from a statutory code set, rejecting unknown codes with the code set's message."""

    def __init__(self, code_set: CodeSet, **kwargs: Any) -> None:
        self.code_set = code_set
        super().__init__(choices=[("", "Not known"), *code_set.choices()], **kwargs)

    def validate(self, value: Any) -> None:
        if value in self.empty_values:
            super().validate(value)
            return
        self.code_set.validate(value)  # a specific message: unknown, or retired and replaced by ...
        super().validate(value)


class PeopleFormMixin:
    """Marks the inputs of date fields that have errors (the GOV.UK error style)."""

    fields: dict[str, forms.Field]
    errors: Any

    def mark_date_errors(self) -> None:
        for name in self.errors:
            widget = self.fields[name].widget if name in self.fields else None
            if isinstance(widget, GovukDateInput):
                widget.mark_error()


class SearchForm(PeopleFormMixin, GovukForm):
    name = forms.CharField(
        label="Name", required=False, max_length=200, help_text="First and last name, in any order"
    )
    date_of_birth = GovukDateField(
        label="Date of birth", required=False, past_only=True, help_text="For example, 27 3 2015"
    )
    nhs_number = forms.CharField(
        label="NHS number", required=False, max_length=14, help_text="For example, 943 476 5919"
    )
    postcode = forms.CharField(
        label="Postcode", required=False, max_length=10, help_text="A current or previous postcode"
    )

    def full_clean(self) -> None:
        super().full_clean()
        self.mark_date_errors()

    def clean_nhs_number(self) -> str:
        return _clean_nhs_number(self.cleaned_data["nhs_number"])

    def clean_postcode(self) -> str:
        return _clean_postcode(self.cleaned_data["postcode"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        searched = [cleaned.get(name) for name in self.fields]
        if not self.errors and not any(searched):
            self.add_error("name", "Enter a name, date of birth, NHS number or postcode to search for")
        return cleaned

    def search_terms(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields}


class PersonForm(PeopleFormMixin, GovukModelForm):
    """Add or edit a person's details. Errors come from the model's validators and rules."""

    kind = forms.ChoiceField(
        label="Who are you recording?", choices=PersonKind.choices, widget=forms.RadioSelect
    )
    date_of_birth = GovukDateField(
        label="Date of birth", required=False, past_only=True, help_text="For example, 27 3 2015"
    )
    expected_date_of_delivery = GovukDateField(
        label="Expected date of delivery",
        required=False,
        help_text="Only for an unborn child. For example, 14 9 2026",
    )
    sex = CodeChoiceField(codes.SEX, label="Sex", required=False)
    ethnicity = CodeChoiceField(codes.ETHNICITY, label="Ethnicity", required=False)
    disabilities = forms.MultipleChoiceField(
        label="Disability",
        choices=codes.DISABILITY.choices(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text='Tick each disability the child has, or "No disability". Leave it blank if not known.',
    )
    nhs_number = forms.CharField(
        label="NHS number", required=False, max_length=14, help_text="For example, 943 476 5919"
    )
    upn = forms.CharField(
        label="Unique pupil number (UPN)",
        required=False,
        max_length=16,
        help_text="13 characters, for example A123456789012",
    )
    # The version the form was opened at, so a save after someone else's is refused, not silent.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Person
        fields = [
            "kind",
            "given_name",
            "middle_names",
            "family_name",
            "date_of_birth",
            "expected_date_of_delivery",
            "sex",
            "ethnicity",
            "disabilities",
            "nhs_number",
            "upn",
        ]
        labels = {"given_name": "First name", "middle_names": "Middle names", "family_name": "Last name"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def full_clean(self) -> None:
        super().full_clean()
        self.mark_date_errors()

    def clean_nhs_number(self) -> str:
        nhs_number = _clean_nhs_number(self.cleaned_data["nhs_number"])
        if nhs_number and Person.objects.filter(nhs_number=nhs_number).exclude(pk=self.instance.pk).exists():
            raise ValidationError(
                "Another record already has this NHS number. "
                "Search by NHS number to find it instead of adding a new one",
                code="nhs_number_taken",
            )
        return nhs_number

    def clean_upn(self) -> str:
        upn = re.sub(r"\s", "", self.cleaned_data["upn"]).upper()
        if upn:
            validators.validate_upn(upn)
        return upn

    def person_details(self) -> dict[str, Any]:
        """The cleaned details, named as the services take them."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class AddressForm(PeopleFormMixin, GovukForm):
    line_1 = forms.CharField(
        label="Address line 1",
        max_length=200,
        error_messages={"required": "Enter address line 1, typically the building and street"},
    )
    line_2 = forms.CharField(label="Address line 2 (optional)", max_length=200, required=False)
    town = forms.CharField(
        label="Town or city", max_length=100, error_messages={"required": "Enter town or city"}
    )
    postcode = forms.CharField(label="Postcode", max_length=10, error_messages={"required": "Enter postcode"})
    moved_in = GovukDateField(
        label="Date they moved in",
        required=False,
        past_only=True,
        help_text="Leave blank if not known. For example, 1 9 2024",
    )

    def full_clean(self) -> None:
        super().full_clean()
        self.mark_date_errors()

    def clean_postcode(self) -> str:
        return _clean_postcode(self.cleaned_data["postcode"])


class OtherNameForm(GovukForm):
    kind = forms.ChoiceField(
        label="What kind of name is it?", choices=NameKind.choices, widget=forms.RadioSelect
    )
    given_name = forms.CharField(label="First name", max_length=100, required=False)
    family_name = forms.CharField(label="Last name", max_length=100, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not (cleaned.get("given_name") or cleaned.get("family_name")):
            self.add_error("given_name", "Enter a first name or last name")
        return cleaned


class BreakGlassForm(GovukForm):
    reason = forms.CharField(
        label="Why do you need to see this record now?",
        help_text="Your manager will be told, and your reason is kept in the audit trail",
        widget=forms.Textarea(attrs={"rows": 4}),
        min_length=10,
        max_length=2000,
        error_messages={
            "required": "Enter why you need to see this record now",
            "min_length": "Explain why you need access now, in at least 10 characters",
        },
    )


def _clean_nhs_number(value: str) -> str:
    digits = re.sub(r"[\s-]", "", value)
    if digits:
        validators.validate_nhs_number(digits)
    return digits


def _clean_postcode(value: str) -> str:
    if not value.strip():
        return ""
    validators.validate_postcode(value)
    return validators.normalise_postcode(value)
