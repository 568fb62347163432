"""The MARF's pages as forms: they turn what was typed into the draft's values.

The forms only check that each answer is well formed (a real date, a valid NHS number), so that
every well-formed answer is saved to the draft even when another on the page is not. Whether the
referral is complete is decided once, in `marf.section_problems` (through `consent.py` and
`steps.submission_problems`); a form is told those problems and shows each against its field.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from continuum.access.models import Agency
from continuum.access.roles import AgencyType
from continuum.people import validators
from continuum.people.forms import GovukDateField, PeopleFormMixin
from continuum.statutory import codes
from continuum.statutory.models import NeedLevel
from continuum.web.forms import GovukForm, mark_errors

from . import services
from .catalogue import Consent, Request, Worry
from .models import Contact, ContactChild, HouseholdMember
from .steps import CONTACT_FIELDS

YES_NO = [("yes", "Yes"), ("no", "No")]


def _text(label: str, *, hint: str = "", max_length: int = 200, width: int = 0) -> forms.CharField:
    widget = forms.TextInput(attrs={"class": f"govuk-input govuk-input--width-{width}"} if width else None)
    return forms.CharField(label=label, help_text=hint, max_length=max_length, required=False, widget=widget)


def _long_text(label: str, *, hint: str = "", rows: int = 6) -> forms.CharField:
    return forms.CharField(
        label=label, help_text=hint, required=False, widget=forms.Textarea(attrs={"rows": rows})
    )


def _yes_no(label: str, *, hint: str = "", required: bool = False, message: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        help_text=hint,
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=required,
        error_messages={"required": message} if message else None,
    )


def _as_yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


class MarfForm(PeopleFormMixin, GovukForm):
    """A page of the MARF: a GOV.UK form that also marks the inputs of dates that have errors."""

    def full_clean(self) -> None:
        super().full_clean()
        self._mark_errors()

    def _mark_errors(self) -> None:
        self.mark_date_errors()
        for name in self.errors:
            widget = self.fields[name].widget if name in self.fields else None
            css = widget.attrs.get("class", "") if widget else ""
            # Inputs narrowed with a width class are not marked by the shared renderer.
            if widget and css.startswith("govuk-input ") and "govuk-input--error" not in css:
                widget.attrs["class"] = f"{css} govuk-input--error"

    def add_step_errors(self, error: ValidationError) -> None:
        """A service's refusal of answers the form found well formed, shown against the fields."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
        else:
            for name, messages in error.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
        mark_errors(self)
        self._mark_errors()

    def anchor_for(self, problem: str) -> str:
        """The id of the input a link to this problem should go to (GOV.UK error summary)."""
        name = self.field_for(problem)
        if name is None:
            return ""
        bound = self[name]
        return bound.id_for_label or f"{bound.auto_id}_0"

    def field_for(self, problem: str) -> str | None:
        return problem if problem in self.fields else None


class DraftForm(MarfForm):
    """A question page: filled from the draft, and showing the draft's problems against its fields."""

    def __init__(self, data: Any = None, *, contact: Contact, problems: dict[str, str] | None = None) -> None:
        self.contact = contact
        self.problems = problems or {}
        super().__init__(data, initial=self.initial_from(contact))

    def initial_from(self, contact: Contact) -> dict[str, Any]:
        return {name: getattr(contact, name) for name in self.base_fields if name in CONTACT_FIELDS}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for problem, message in self.problems.items():
            name = self.field_for(problem)
            if name is None or name not in self.errors:  # one message per field: the first
                self.add_error(name, message)
        return cleaned

    def draft_fields(self) -> dict[str, Any]:
        """The well-formed answers, named as the draft's fields (answers with errors are left out)."""
        return {name: value for name, value in self.cleaned_data.items() if name in CONTACT_FIELDS}


class AboutYouForm(DraftForm):
    referrer_name = _text("Your name")
    referrer_role = _text("Your job title or role")
    referrer_organisation = _text("Your organisation", hint="For example, the name of your school")
    referrer_email = forms.EmailField(
        label="E-mail address",
        help_text="We send the outcome of your referral to this address",
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an e-mail address in the right format, like name@example.org"},
    )
    referrer_phone = _text(
        "Phone number", hint="So that the front door can call you about this referral", max_length=30
    )


class WorryForm(DraftForm):
    worries = forms.MultipleChoiceField(
        label="What are you worried about?",
        help_text="Select all that apply",
        choices=Worry.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    worry_details = _long_text(
        "Tell us what has happened",
        hint="What you have seen or been told, when, and how it affects the child. "
        "Say what is happening now, not only what happened before.",
        rows=8,
    )
    already_tried = _long_text(
        "What has already been tried? (optional)",
        hint="Help your agency or others have given the family, and what difference it made",
    )

    def initial_from(self, contact: Contact) -> dict[str, Any]:
        return super().initial_from(contact) | {"worries": list(contact.worries)}


class VoiceForm(DraftForm):
    child_voice = _long_text(
        "What has the child said?",
        hint="Use the child's own words where you can. If you could not ask them, say why, "
        "for example because they are a baby.",
    )
    lived_experience = _long_text(
        "What is daily life like for the child? (optional)",
        hint="Their lived experience: what a day is like for them at home, at school and with friends",
    )


class LevelForm(DraftForm):
    referrer_level = forms.ModelChoiceField(
        label="What level of need do you think applies?",
        help_text="Use the Continuum of Need. The front door decides the level, but your view helps",
        queryset=NeedLevel.objects.none(),
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        levels = [level.pk for level in services.levels_in_force()]
        field = self.fields["referrer_level"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = NeedLevel.objects.filter(pk__in=levels).order_by("number")


class ConsentForm(DraftForm):
    """Consent, with the reason asked for when it was not given.

    One reason box sits under each "no" answer (GOV.UK conditional reveals); the reason is saved
    as why consent was not obtained or, at the child-protection level, why it is not needed.
    """

    consent = forms.ChoiceField(
        label="Has the family given informed consent to this referral?",
        help_text="Ask the parents or carers, and the child if they are old enough to understand",
        choices=Consent.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    consent_given_by = _text("Who gave consent?", hint="For example, Kelly Smith, the children's mother")
    consent_covers = _text(
        "Whom does the consent cover?", hint="For example, both children and their mother", max_length=300
    )
    refused_reason = _long_text("Why was consent not given?", rows=4)
    not_sought_reason = _long_text("Why did you not ask for consent?", rows=4)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.at_child_protection_level:
            hint = (
                "At this level you can refer without consent when asking would put the child at "
                "greater risk of significant harm. Say why that applies"
            )
            for name in ("refused_reason", "not_sought_reason"):
                self.fields[name].label = "Why is consent not needed?"
                self.fields[name].help_text = hint

    @property
    def at_child_protection_level(self) -> bool:
        level = self.contact.referrer_level
        return level is not None and level.is_child_protection

    @property
    def reason_field(self) -> str:
        """Where the reason is kept on the draft, by level of need."""
        if self.at_child_protection_level:
            return "consent_not_needed_reason"
        return "consent_not_obtained_reason"

    def initial_from(self, contact: Contact) -> dict[str, Any]:
        initial = super().initial_from(contact)
        reason = contact.consent_not_needed_reason or contact.consent_not_obtained_reason
        if contact.consent in (Consent.REFUSED, Consent.NOT_SOUGHT):
            initial[f"{contact.consent}_reason"] = reason
        return initial

    def field_for(self, problem: str) -> str | None:
        if problem in ("consent_not_obtained_reason", "consent_not_needed_reason"):
            return f"{self.contact.consent}_reason" if self.contact.consent else "consent"
        return super().field_for(problem)

    def draft_fields(self) -> dict[str, Any]:
        """Only the answers that go with the consent chosen: the rest are cleared."""
        cleaned = self.cleaned_data
        if "consent" not in cleaned:
            return {}
        consent = cleaned["consent"]
        obtained = consent == Consent.OBTAINED
        # Until a choice is made, keep whatever was typed about who gave consent.
        fields: dict[str, Any] = {
            name: cleaned[name] if obtained or not consent else ""
            for name in ("consent_given_by", "consent_covers")
            if name in cleaned
        }
        fields["consent"] = consent
        if consent:
            fields |= {"consent_not_obtained_reason": "", "consent_not_needed_reason": ""}
        if consent and not obtained:
            fields[self.reason_field] = cleaned.get(f"{consent}_reason", "")
        return fields


_TIME = re.compile(r"^(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?(?P<half>am|pm)?$")


def parse_time(text: str) -> time:
    """A time of day as people type it: 14:30, 2.30pm, 9am."""
    match = _TIME.match(re.sub(r"\s+", "", text).lower())
    if match is None:
        raise ValidationError("Enter the time in the right format, for example 14:30", code="invalid_time")
    hour, minute, half = int(match["hour"]), int(match["minute"] or 0), match["half"]
    if half:
        if not 1 <= hour <= 12:
            raise ValidationError("Enter a real time, for example 2:30pm", code="invalid_time")
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif match["minute"] is None:
        raise ValidationError("Enter the time in the right format, for example 14:30", code="invalid_time")
    if hour > 23 or minute > 59:
        raise ValidationError("Enter a real time, for example 14:30", code="invalid_time")
    return time(hour, minute)


class FollowUpForm(DraftForm):
    follows_phone_call = _yes_no("Does this referral follow a phone call to the front door?")
    phone_call_date = GovukDateField(
        label="Date of the call", required=False, past_only=True, help_text="For example, 27 3 2026"
    )
    phone_call_time = forms.CharField(
        label="Time of the call",
        help_text="For example, 14:30 or 2:30pm",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-5"}),
    )
    request = forms.ChoiceField(
        label="Are you asking for either of these?",
        choices=[
            (Request.SAFETY_AND_WELLBEING, Request.SAFETY_AND_WELLBEING.label),
            (Request.COMPLEX_NEEDS_ASSESSMENT, Request.COMPLEX_NEEDS_ASSESSMENT.label),
            (Request.NONE, Request.NONE.label),
        ],
        widget=forms.RadioSelect,
        required=False,
    )

    def initial_from(self, contact: Contact) -> dict[str, Any]:
        called_at = timezone.localtime(contact.phone_call_at) if contact.phone_call_at else None
        return {
            "follows_phone_call": _as_yes_no(contact.follows_phone_call),
            "phone_call_date": called_at.date() if called_at else None,
            "phone_call_time": called_at.strftime("%H:%M") if called_at else "",
            "request": contact.request or Request.NONE,
        }

    def clean_phone_call_time(self) -> time | None:
        text = self.cleaned_data["phone_call_time"]
        return parse_time(text) if text.strip() else None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("follows_phone_call") == "yes":
            day, at = cleaned.get("phone_call_date"), cleaned.get("phone_call_time")
            if day and at is None and "phone_call_time" not in self.errors:
                self.add_error("phone_call_time", "Enter the time you phoned the front door")
            elif at and day is None and "phone_call_date" not in self.errors:
                self.add_error("phone_call_date", "Enter the date you phoned the front door")
            elif day and at and self.called_at(day, at) > timezone.now():
                self.add_error("phone_call_time", "The time of the call must be in the past")
        return cleaned

    @staticmethod
    def called_at(day: date, at: time) -> datetime:
        return timezone.make_aware(datetime.combine(day, at))

    def field_for(self, problem: str) -> str | None:
        return "phone_call_date" if problem == "phone_call_at" else super().field_for(problem)

    def draft_fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        if self.cleaned_data.get("request"):
            fields["request"] = self.cleaned_data["request"]
        answer = self.cleaned_data.get("follows_phone_call")
        if answer in ("yes", "no"):
            fields["follows_phone_call"] = answer == "yes"
            fields["phone_call_at"] = None
        day, at = self.cleaned_data.get("phone_call_date"), self.cleaned_data.get("phone_call_time")
        if answer == "yes" and day and at:
            fields["phone_call_at"] = self.called_at(day, at)
        return fields


# --- Children and household members -------------------------------------------------------------


_CHILD_DETAILS = ("given_name", "family_name", "sex", "nhs_number", "address", "postcode", "school")


class ChildForm(MarfForm):
    born = forms.ChoiceField(
        label="Has the child been born?",
        choices=[("yes", "Yes"), ("no", "No, this is an unborn baby")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the child has been born"},
    )
    date_of_birth = GovukDateField(
        label="Date of birth",
        required=False,
        past_only=True,
        help_text="For example, 27 3 2015. Leave it blank if you do not know it",
    )
    expected_date_of_delivery = GovukDateField(
        label="Expected due date", required=False, help_text="For example, 14 9 2026"
    )
    given_name = _text(
        "First name", hint="Leave it blank if an unborn baby has not been named", max_length=100
    )
    family_name = _text("Last name", max_length=100)
    sex = forms.ChoiceField(
        label="Sex",
        help_text="For an unborn baby, select 'Unknown or unborn'",
        choices=codes.SEX.choices(),
        widget=forms.RadioSelect,
        required=False,
    )
    nhs_number = _text("NHS number (optional)", hint="For example, 943 476 5919", max_length=14, width=10)
    address = _long_text("Address", hint="Where the child lives now", rows=3)
    postcode = _text("Postcode", max_length=10, width=10)
    school = forms.ModelChoiceField(
        label="School (optional)",
        queryset=Agency.objects.filter(agency_type=AgencyType.SCHOOL, is_active=True).order_by("name"),
        required=False,
        empty_label="Not known, or not at school",
    )

    def __init__(self, data: Any = None, *, child: ContactChild | None = None) -> None:
        super().__init__(data, initial=self.initial_from(child) if child else None)

    @staticmethod
    def initial_from(child: ContactChild) -> dict[str, Any]:
        return {
            "born": "no" if child.is_unborn else "yes",
            "date_of_birth": child.date_of_birth,
            "expected_date_of_delivery": child.expected_date_of_delivery,
            "given_name": child.given_name,
            "family_name": child.family_name,
            "sex": child.sex,
            "nhs_number": child.nhs_number,
            "address": child.address,
            "postcode": child.postcode,
            "school": child.school,
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # A date under the answer not chosen is not used, so a mistake in it does not matter.
        unused = {"yes": "expected_date_of_delivery", "no": "date_of_birth"}.get(cleaned.get("born", ""))
        if unused and unused in self.errors:
            del self.errors[unused]
        return cleaned

    def clean_nhs_number(self) -> str:
        digits = re.sub(r"[\s-]", "", self.cleaned_data["nhs_number"])
        if digits:
            validators.validate_nhs_number(digits)
        return digits

    def clean_postcode(self) -> str:
        postcode = self.cleaned_data["postcode"]
        if not postcode.strip():
            return ""
        validators.validate_postcode(postcode)
        return validators.normalise_postcode(postcode)

    def child_fields(self) -> dict[str, Any]:
        """The child's details, named as `marf.save_child` takes them."""
        cleaned = self.cleaned_data
        unborn = cleaned["born"] == "no"
        return {
            "is_unborn": unborn,
            "date_of_birth": None if unborn else cleaned["date_of_birth"],
            "expected_date_of_delivery": cleaned["expected_date_of_delivery"] if unborn else None,
            **{
                name: cleaned[name]
                for name in (
                    "given_name",
                    "family_name",
                    "sex",
                    "nhs_number",
                    "address",
                    "postcode",
                    "school",
                )
            },
        }


class HouseholdMemberForm(MarfForm):
    name = forms.CharField(
        label="Full name", max_length=200, error_messages={"required": "Enter the person's name"}
    )
    relationship = forms.CharField(
        label="Relationship to the children",
        help_text="For example, mother, stepfather, older brother, lodger",
        max_length=100,
        error_messages={"required": "Enter how the person is related to the children"},
    )
    date_of_birth = GovukDateField(
        label="Date of birth",
        required=False,
        past_only=True,
        help_text="For example, 27 3 1990. Leave it blank if you do not know it",
    )
    has_parental_responsibility = _yes_no(
        "Do they have parental responsibility for any of the children?",
        hint="Birth mothers always do; fathers usually do if they were married to the mother or are "
        "named on the birth certificate",
        required=True,
        message="Select whether the person has parental responsibility",
    )
    lives_with_children = _yes_no(
        "Do they live with the children?",
        required=True,
        message="Select whether the person lives with the children",
    )

    def __init__(self, data: Any = None, *, member: HouseholdMember | None = None) -> None:
        super().__init__(data, initial=self.initial_from(member) if member else None)

    @staticmethod
    def initial_from(member: HouseholdMember) -> dict[str, Any]:
        return {
            "name": member.name,
            "relationship": member.relationship,
            "date_of_birth": member.date_of_birth,
            "has_parental_responsibility": _as_yes_no(member.has_parental_responsibility),
            "lives_with_children": _as_yes_no(member.lives_with_children),
        }

    def member_fields(self) -> dict[str, Any]:
        """The person's details, named as `marf.save_household_member` takes them."""
        cleaned = self.cleaned_data
        return {
            "name": cleaned["name"].strip(),
            "relationship": cleaned["relationship"].strip(),
            "date_of_birth": cleaned["date_of_birth"],
            "has_parental_responsibility": cleaned["has_parental_responsibility"] == "yes",
            "lives_with_children": cleaned["lives_with_children"] == "yes",
        }


# The question pages of the MARF, by the part of the form they ask.
QUESTION_FORMS: dict[str, type[DraftForm]] = {
    "about-you": AboutYouForm,
    "worry": WorryForm,
    "voice": VoiceForm,
    "level": LevelForm,
    "consent": ConsentForm,
    "follow-up": FollowUpForm,
}
