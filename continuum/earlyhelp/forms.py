"""Forms for registering early help and for accepting or declining a registration (GOV.UK patterns).

The entry rules live on `EarlyHelpRegistration.clean()`; these forms turn what was typed into
clean values and carry the same words when something is missing.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from continuum.people.forms import GovukDateField, PeopleFormMixin
from continuum.people.validators import normalise_postcode, validate_postcode
from continuum.web.forms import GovukForm, mark_errors

from .models import NO_CONSENT_COVERAGE, NO_CONSENT_GIVER, NO_DECLINE_REASON, NO_HELP_WANTED

NEW_PERSON = "new"


def add_step_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the fields it names, and the rest above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
    else:
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    mark_errors(form)


class RegistrationForm(PeopleFormMixin, GovukForm):
    given_name = forms.CharField(
        label="First name", max_length=100, error_messages={"required": "Enter the child's first name"}
    )
    family_name = forms.CharField(
        label="Last name", max_length=100, error_messages={"required": "Enter the child's last name"}
    )
    date_of_birth = GovukDateField(label="Date of birth", past_only=True, help_text="For example, 27 3 2015")
    postcode = forms.CharField(
        label="Postcode (optional)", required=False, max_length=10, help_text="Where the child lives"
    )
    consent_given_by = forms.CharField(
        label="Who gave consent?",
        max_length=200,
        help_text="Their name and how they are related to the child, for example Kelly Smith, mother",
        error_messages={"required": NO_CONSENT_GIVER},
    )
    consent_covers = forms.CharField(
        label="What does the consent cover?",
        max_length=500,
        help_text="The help, and sharing information with which people and agencies",
        error_messages={"required": NO_CONSENT_COVERAGE},
    )
    help_wanted = forms.CharField(
        label="What does the family want help with?",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="In the family's own words if you can",
        error_messages={"required": NO_HELP_WANTED},
    )
    assessment_started = GovukDateField(
        label="Date the early help assessment started",
        required=False,
        past_only=True,
        help_text="Leave this blank if you have not started the assessment yet. For example, 3 9 2026",
    )

    def full_clean(self) -> None:
        super().full_clean()
        self.mark_date_errors()

    def clean_postcode(self) -> str:
        postcode: str = self.cleaned_data["postcode"].strip()
        if not postcode:
            return ""
        validate_postcode(postcode)
        return normalise_postcode(postcode)

    def details(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields}


class AcceptForm(GovukForm):
    """Which record in the people index is the child: one of the candidates, or a new one."""

    person = forms.ChoiceField(
        label="Which record is the child?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the child's record, or choose to add them as a new person",
            "invalid_choice": "Choose one of the records listed, or choose to add the child as a new person",
        },
    )

    def __init__(self, *args: Any, person_ids: list[int], child_name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(person_id), str(person_id)) for person_id in person_ids]
        field = self.fields["person"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [*choices, (NEW_PERSON, f"None of these: add {child_name} as a new person")]

    def chosen_person_id(self) -> int | None:
        """The record chosen, or None to add the child as a new person."""
        value: str = self.cleaned_data["person"]
        return None if value == NEW_PERSON else int(value)


class DeclineForm(GovukForm):
    reason = forms.CharField(
        label="Why can early help not take this on?",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=(
            "The lead practitioner will read this. Say what they could do instead. "
            "Do not include anything from the child's record that they do not already know"
        ),
        error_messages={"required": NO_DECLINE_REASON},
    )
