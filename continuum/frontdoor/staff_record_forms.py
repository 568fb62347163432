"""Forms for recording a contact that came by phone, e-mail, or a self or anonymous referral.

Also the contact page's own forms for adding a child and recording consent later, which ask the
same questions. The rules about what consent a level needs are the steps' (`consent.py`).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from continuum.access.models import Agency
from continuum.people.forms import GovukDateField
from continuum.people.validators import normalise_postcode, validate_postcode
from continuum.statutory import codes
from continuum.statutory.models import NeedLevel
from continuum.statutory.timescales import ENGLAND

from .catalogue import RECORDED_ROUTES, Consent, Route, Worry
from .staff_forms import (
    LevelChoiceField,
    StaffForm,
    levels_queryset,
    set_queryset,
    text_field,
    textarea_field,
)

BORN = "born"
UNBORN = "unborn"


class ChildFieldsForm(StaffForm):
    """One child or unborn baby, as the referrer described them."""

    given_name = text_field("First name", required=False, max_length=100)
    family_name = text_field("Last name", required=False, max_length=100)
    born = forms.ChoiceField(
        label="Has the child been born?",
        choices=[(BORN, "Yes"), (UNBORN, "No, this is an unborn baby")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the child has been born"},
    )
    date_of_birth = GovukDateField(
        label="Date of birth", required=False, past_only=True, help_text="For example, 27 3 2015"
    )
    expected_date_of_delivery = GovukDateField(
        label="Expected due date", required=False, help_text="For example, 14 9 2026"
    )
    nhs_number = text_field(
        "NHS number (optional)", required=False, max_length=14, help_text="For example, 943 476 5919"
    )
    postcode = text_field("Postcode (optional)", required=False, max_length=10)

    reveals = {"born": {BORN: ["date_of_birth"], UNBORN: ["expected_date_of_delivery"]}}
    widths = {"nhs_number": 10, "postcode": 10}

    def clean_nhs_number(self) -> str:
        return re.sub(r"[\s-]", "", self.cleaned_data["nhs_number"])

    def clean_postcode(self) -> str:
        postcode: str = self.cleaned_data["postcode"]
        if not postcode.strip():
            return ""
        validate_postcode(postcode)
        return normalise_postcode(postcode)

    def child_details(self) -> dict[str, Any]:
        data = self.cleaned_data
        unborn = data["born"] == UNBORN
        return {
            "given_name": data["given_name"].strip(),
            "family_name": data["family_name"].strip(),
            "is_unborn": unborn,
            "date_of_birth": None if unborn else data["date_of_birth"],
            "expected_date_of_delivery": data["expected_date_of_delivery"] if unborn else None,
            "nhs_number": data["nhs_number"],
            "postcode": data["postcode"],
        }


class ConsentFieldsForm(StaffForm):
    consent = forms.ChoiceField(
        label="Did the family give informed consent to this referral?",
        choices=Consent.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    consent_given_by = text_field(
        "If yes, who gave consent?",
        required=False,
        max_length=200,
        help_text="For example, the child's mother",
    )
    consent_covers = text_field(
        "If yes, whom does it cover?",
        required=False,
        max_length=300,
        help_text="For example, both children and their mother",
    )
    consent_not_obtained_reason = textarea_field(
        "If not, why was consent not obtained?",
        required=False,
        rows=3,
        help_text="Below level 4: for example, the referrer could not reach the family",
    )
    consent_not_needed_reason = textarea_field(
        "If not, why is consent not needed?",
        required=False,
        rows=3,
        help_text="Only at level 4: for example, asking would put the child at greater risk of harm",
    )

    consent_reveals = {"consent": {Consent.OBTAINED.value: ["consent_given_by", "consent_covers"]}}

    def consent_details(self) -> dict[str, Any]:
        data = self.cleaned_data
        obtained = data["consent"] == Consent.OBTAINED
        return {
            "consent": data["consent"],
            "consent_given_by": data["consent_given_by"].strip() if obtained else "",
            "consent_covers": data["consent_covers"].strip() if obtained else "",
            "consent_not_obtained_reason": "" if obtained else data["consent_not_obtained_reason"].strip(),
            "consent_not_needed_reason": "" if obtained else data["consent_not_needed_reason"].strip(),
        }


class ConsentForm(ConsentFieldsForm):
    reveals = ConsentFieldsForm.consent_reveals

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].required = True
        self.fields["consent"].error_messages["required"] = "Select whether the family gave informed consent"


class RecordContactForm(ConsentFieldsForm, ChildFieldsForm):
    route = forms.ChoiceField(
        label="How did the contact come in?",
        choices=[(route.value, route.label) for route in RECORDED_ROUTES],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the contact came in"},
    )
    received_on = GovukDateField(label="Date received", required=True, past_only=True)
    received_time = text_field(
        "Time received",
        max_length=5,
        help_text="Use the 24-hour clock, for example 14:30",
        error_messages={"required": "Enter the time the contact was received"},
    )
    referrer_name = text_field("Referrer's name", required=False, max_length=200)
    referrer_role = text_field("Job title or role (optional)", required=False, max_length=200)
    referrer_organisation = text_field("Organisation (optional)", required=False, max_length=200)
    referrer_agency = forms.ModelChoiceField(
        label="Partner agency (optional)",
        help_text="If the referrer works for an agency in the partnership",
        queryset=Agency.objects.filter(is_active=True).order_by("name"),
        required=False,
        empty_label="Not a partner agency",
    )
    referral_source = forms.ChoiceField(
        label="Referral source (optional)",
        help_text="Who the referrer is, in the DfE's terms. Leave it to be worked out from how the contact "
        "came in and the referrer's agency",
        choices=[("", "Work it out for me"), *codes.REFERRAL_SOURCE.choices()],
        required=False,
    )
    referrer_phone = text_field("Phone number", required=False, max_length=30)
    referrer_email = forms.EmailField(
        label="E-mail address",
        required=False,
        help_text="The outcome is sent here",
        error_messages={"invalid": "Enter an e-mail address in the correct format, like name@example.com"},
    )
    worries = forms.MultipleChoiceField(
        label="What is the referrer worried about?",
        help_text="Select all that apply",
        choices=Worry.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    worry_details = textarea_field("What happened?", required=False, rows=6)
    child_voice = textarea_field(
        "What has the child said? (optional)",
        required=False,
        help_text="In their own words, if the referrer knows them",
    )
    referrer_level = LevelChoiceField(
        label="Which level of need does the referrer believe applies? (optional)",
        queryset=NeedLevel.objects.none(),
        widget=forms.RadioSelect,
        required=False,
        empty_label=None,
    )

    reveals = {**ChildFieldsForm.reveals, **ConsentFieldsForm.consent_reveals}
    widths = {**ChildFieldsForm.widths, "received_time": 5, "referrer_phone": 20}
    field_order = [
        "route",
        "received_on",
        "received_time",
        "referrer_name",
        "referrer_role",
        "referrer_organisation",
        "referrer_agency",
        "referral_source",
        "referrer_phone",
        "referrer_email",
        "given_name",
        "family_name",
        "born",
        "date_of_birth",
        "expected_date_of_delivery",
        "nhs_number",
        "postcode",
        "worries",
        "worry_details",
        "child_voice",
        "referrer_level",
        "consent",
        "consent_given_by",
        "consent_covers",
        "consent_not_obtained_reason",
        "consent_not_needed_reason",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self.fields["referrer_level"], levels_queryset())
        now = timezone.localtime(timezone.now(), ENGLAND)
        self.fields["received_on"].initial = now.date()
        self.fields["received_time"].initial = now.strftime("%H:%M")
        self.fields["born"].initial = BORN

    def clean_received_time(self) -> time:
        typed = self.cleaned_data["received_time"].strip().replace(".", ":")
        match = re.fullmatch(r"(\d{1,2}):?(\d{2})", typed)
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            raise ValidationError("Enter the time received using the 24-hour clock, like 14:30")
        return time(int(match[1]), int(match[2]))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("route") and cleaned["route"] != Route.ANONYMOUS and not cleaned.get("referrer_name"):
            self.add_error("referrer_name", "Enter the referrer's name, or choose anonymous")
        return cleaned

    def received_at(self) -> datetime:
        received_on: date = self.cleaned_data["received_on"]
        return datetime.combine(received_on, self.cleaned_data["received_time"], tzinfo=ENGLAND)

    def contact_details(self) -> dict[str, Any]:
        """What `services.record_contact` takes, by name."""
        data = self.cleaned_data
        details: dict[str, Any] = {
            "route": data["route"],
            "received_at": self.received_at(),
            "children": [self.child_details()],
            "referrer_agency": data["referrer_agency"],
            "worries": data["worries"],
            "referrer_level": data["referrer_level"],
        }
        if data["referral_source"]:
            details["referral_source"] = data["referral_source"]
        for name in (
            "referrer_name",
            "referrer_role",
            "referrer_organisation",
            "referrer_phone",
            "referrer_email",
            "worry_details",
            "child_voice",
        ):
            details[name] = data[name].strip()
        details.update(self.consent_details())
        return details


class AddChildForm(ChildFieldsForm):
    pass
