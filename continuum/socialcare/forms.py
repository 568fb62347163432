"""Forms for recording the child's journey, built from the records' own fields.

A form checks that each answer is well formed; the entry rules live in the records' `clean()`
(a model form runs it), so the same rules apply to the API and imports. Dates use the GOV.UK
date input; codes come from the statutory catalogues through the models' choices.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models

from continuum.access import policy
from continuum.access.models import Agency, Team, User
from continuum.access.policy import Permission
from continuum.access.roles import AgencyType
from continuum.people.forms import GovukDateField, PeopleFormMixin
from continuum.statutory import codes
from continuum.web.forms import GovukForm, GovukModelForm

from .models.care import NEW_EPISODE_SAME_DAY, NEW_PLACEMENT, STARTED_TO_BE_LOOKED_AFTER

# Schools and GP practices are many and rarely at a strategy discussion: they are left off the list.
_MEETING_AGENCY_TYPES = [t for t in AgencyType.values if t not in (AgencyType.SCHOOL, AgencyType.GP_PRACTICE)]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={"class": "govuk-input govuk-input--width-20", **(attrs or {})}, format="%Y-%m-%dT%H:%M"
        )


def journey_formfield(field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """Dates as GOV.UK date inputs, times as date-and-time inputs, codes as radios or selects."""
    if isinstance(field, models.DateTimeField):
        return forms.DateTimeField(
            label=field.verbose_name[0].upper() + field.verbose_name[1:],
            required=not field.blank,
            widget=DateTimeInput(),
            help_text=field.help_text or "For example, 27 3 2026 14:30",
            input_formats=["%Y-%m-%dT%H:%M"],
        )
    if isinstance(field, models.DateField):
        return GovukDateField(
            label=field.verbose_name[0].upper() + field.verbose_name[1:],
            required=not field.blank,
            help_text=field.help_text or "For example, 27 3 2026",
        )
    if isinstance(field, models.ManyToManyField):
        return forms.ModelMultipleChoiceField(
            queryset=Agency.objects.filter(is_active=True, agency_type__in=_MEETING_AGENCY_TYPES),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            label=field.verbose_name[0].upper() + field.verbose_name[1:],
            help_text=field.help_text,
        )
    formfield = field.formfield(**kwargs)
    if field.choices and formfield is not None and len(field.choices) <= 8:
        # A short list reads best as radios (GOV.UK: use radios for fewer than about 8 options).
        choices = [c for c in getattr(formfield, "choices", []) if c[0] != ""]
        formfield.widget = forms.RadioSelect(choices=choices)
    return formfield


class JourneyForm(PeopleFormMixin, GovukModelForm):
    """A model form for one step; the view sets the child and parent record before validation."""

    def full_clean(self) -> None:
        super().full_clean()
        self.mark_date_errors()


class AssessmentFactorsField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("choices", codes.ASSESSMENT_FACTOR.choices())
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "Factors identified")
        kwargs.setdefault("help_text", 'Tick every factor the assessment found, or "No factors identified".')
        super().__init__(**kwargs)


def practitioners() -> models.QuerySet[User]:
    """Staff who may hold a child's work: casework roles, active, by name."""
    return policy.users_who_may(Permission.SEE_OWN_WORK).order_by("first_name", "last_name")


class AllocateForm(GovukForm):
    worker = forms.ModelChoiceField(queryset=User.objects.none(), label="Worker")
    team = forms.ModelChoiceField(queryset=Team.objects.all(), label="Team")
    started = GovukDateField(label="Allocated from", help_text="For example, 27 3 2026")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = practitioners()  # type: ignore[attr-defined]


class CloseForm(PeopleFormMixin, GovukForm):
    closed = GovukDateField(label="Date the case closed", help_text="For example, 27 3 2026")
    closure_reason = forms.ChoiceField(
        label="Reason for closure", choices=codes.CLOSURE_REASON.choices(), widget=forms.RadioSelect
    )

    def full_clean(self) -> None:
        super().full_clean()
        self.mark_date_errors()


class PlacementChangeForm(PeopleFormMixin, GovukForm):
    """A move: the current episode ends and the next starts the same day (SSDA903)."""

    started = GovukDateField(label="Date of the move", help_text="For example, 27 3 2026")
    reason_new_episode = forms.ChoiceField(
        label="What changed",
        choices=[
            c
            for c in codes.REASON_NEW_EPISODE.choices()
            if c[0] in NEW_PLACEMENT - {STARTED_TO_BE_LOOKED_AFTER}
        ],
        widget=forms.RadioSelect,
    )
    placement_type = forms.ChoiceField(label="New placement type", choices=codes.PLACEMENT_TYPE.choices())
    placement_provider = forms.ChoiceField(
        label="Placement provider",
        choices=[("", "No provider (temporary or other placement)"), *codes.PLACEMENT_PROVIDER.choices()],
        required=False,
    )
    placement_postcode = forms.CharField(label="Postcode of the placement", max_length=8, required=False)
    reason_placement_changed = forms.ChoiceField(
        label="Why the placement changed", choices=codes.REASON_PLACE_CHANGE.choices()
    )
    legal_status = forms.ChoiceField(
        label="Legal status, if it changed too",
        choices=[("", "No change"), *codes.LEGAL_STATUS.choices()],
        required=False,
    )

    def full_clean(self) -> None:
        super().full_clean()
        self.mark_date_errors()

    def changes(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("started"), data.pop("reason_new_episode")
        if not data["legal_status"]:
            data.pop("legal_status")
        return data


class LegalStatusChangeForm(PeopleFormMixin, GovukForm):
    started = GovukDateField(label="Date the legal status changed", help_text="For example, 27 3 2026")
    legal_status = forms.ChoiceField(label="New legal status", choices=codes.LEGAL_STATUS.choices())

    def full_clean(self) -> None:
        super().full_clean()
        self.mark_date_errors()


class CeaseForm(PeopleFormMixin, GovukForm):
    ended = GovukDateField(
        label="Date the child stopped being looked after", help_text="For example, 27 3 2026"
    )
    reason_ended = forms.ChoiceField(
        label="Why the child stopped being looked after",
        choices=[c for c in codes.REASON_EPISODE_CEASED.choices() if c[0] != NEW_EPISODE_SAME_DAY],
    )

    def full_clean(self) -> None:
        super().full_clean()
        self.mark_date_errors()
