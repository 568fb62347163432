"""Forms for the front-door team's pages: they turn what was typed into values the steps take.

The rules (what consent a level needs, when an outcome is allowed) live in the steps; a form
only checks that each answer is there and well formed, and shows the steps' errors against the
right fields (`add_service_errors`). Recording a contact has its own module, `staff_record_forms`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from continuum.access.models import Agency, User
from continuum.access.roles import AgencyType
from continuum.people.forms import PeopleFormMixin
from continuum.statutory import codes
from continuum.statutory.models import NeedLevel
from continuum.web.forms import GovukForm, mark_errors

from . import queue, services
from .catalogue import NoFurtherActionReason, Outcome

AGREE = "agree"
SEND_BACK = "send_back"


@dataclass(frozen=True)
class RadioOption:
    """One radio as the template draws it: the input, its label and hint, and the questions under it."""

    option: forms.BoundField | Any
    value: str
    hint: str = ""
    revealed: list[forms.BoundField] = field(default_factory=list)


class StaffForm(PeopleFormMixin, GovukForm):
    """A GOV.UK form that lays out radios with questions under an answer, and takes the steps' errors."""

    # The questions that belong to one answer, shown indented under it: {radio field: {option
    # value: [field names]}}. They are always shown, not revealed by script: GOV.UK Frontend's
    # reveal sets aria-expanded on radios, which ARIA does not allow (docs/decisions/0003).
    reveals: dict[str, dict[str, list[str]]] = {}
    # GOV.UK fixed-width inputs, by field name: a time is 5 characters wide, a postcode 10.
    widths: dict[str, int] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, width in self.widths.items():
            if name in self.fields:
                self.fields[name].widget.attrs["class"] = f"govuk-input govuk-input--width-{width}"

    def full_clean(self) -> None:
        super().full_clean()
        self.mark_all_errors()

    def mark_all_errors(self) -> None:
        """The GOV.UK error styles, also on fixed-width inputs (which `mark_errors` does not know)."""
        mark_errors(self)
        self.mark_date_errors()
        for name in self.errors:
            if name in self.widths and name in self.fields:
                attrs = self.fields[name].widget.attrs
                if "govuk-input--error" not in attrs["class"]:
                    attrs["class"] += " govuk-input--error"

    def radio_options(self, name: str, hints: dict[str, str] | None = None) -> list[RadioOption]:
        bound = self[name]
        revealing = self.reveals.get(name, {})
        options = []
        for option in bound:
            value = str(option.data["value"])
            hint = (hints or {}).get(value, "")
            if hint:
                attrs = option.data["attrs"]
                described = [attrs.get("aria-describedby", ""), f"{option.id_for_label}_hint"]
                option.data["attrs"] = {**attrs, "aria-describedby": " ".join(filter(None, described))}
            revealed = [self[field_name] for field_name in revealing.get(value, [])]
            options.append(RadioOption(option, value, hint, revealed))
        return options


def add_service_errors(
    form: StaffForm, error: ValidationError, aliases: dict[str, str] | None = None
) -> None:
    """Show a step's errors against the form's fields; any other problem goes in the summary."""
    aliases = aliases or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
    else:
        for key, messages in error.message_dict.items():
            name = aliases.get(key, re.sub(r"^children\[\d+\]\.", "", key))
            form.add_error(name if name in form.fields else None, messages)
    form.mark_all_errors()


def text_field(label: str, *, required: bool = True, help_text: str = "", **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, required=required, help_text=help_text, **kwargs)


def textarea_field(
    label: str, *, required: bool = True, help_text: str = "", rows: int = 4, **kwargs: Any
) -> Any:
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        max_length=10000,
        **kwargs,
    )


def levels_queryset() -> QuerySet[NeedLevel]:
    return NeedLevel.objects.filter(pk__in=[level.pk for level in services.levels_in_force()]).order_by(
        "number"
    )


class LevelChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"Level {obj.number}: {obj.name}"


def set_queryset(choice_field: forms.Field, queryset: QuerySet[Any]) -> None:
    assert isinstance(choice_field, forms.ModelChoiceField)
    choice_field.queryset = queryset


def level_hints(levels: QuerySet[NeedLevel]) -> dict[str, str]:
    return {str(level.pk): level.summary for level in levels}


# --- The queue ---------------------------------------------------------------------------------


class QueueFilterForm(StaffForm):
    overdue_only = forms.BooleanField(label="Overdue only", required=False)
    agency_type = forms.ChoiceField(
        label="Referring agency",
        required=False,
        choices=[("", "Any agency"), *AgencyType.choices],
    )
    referral_source = forms.ChoiceField(
        label="Referral source",
        required=False,
        choices=[("", "Any source"), *codes.REFERRAL_SOURCE.choices()],
    )
    level = forms.TypedChoiceField(
        label="Referrer's level of need", required=False, coerce=int, empty_value=None
    )
    allocated_to = forms.ChoiceField(label="Allocated to", required=False)
    sort = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, workers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        level_field, allocated_field = self.fields["level"], self.fields["allocated_to"]
        assert isinstance(level_field, forms.ChoiceField) and isinstance(allocated_field, forms.ChoiceField)
        level_field.choices = [
            ("", "Any level"),
            *((str(level.number), f"Level {level.number}: {level.name}") for level in levels_queryset()),
        ]
        allocated_field.choices = [
            (queue.ANYONE, "Anyone, or nobody"),
            (queue.ME, "Me"),
            (queue.UNALLOCATED, "Nobody yet"),
            *((str(worker.pk), worker.display_name) for worker in workers),
        ]

    def filters(self) -> queue.QueueFilters:
        if not self.is_bound or not self.is_valid():
            return queue.QueueFilters()
        data = self.cleaned_data
        return queue.QueueFilters(
            overdue_only=data["overdue_only"],
            agency_type=data["agency_type"],
            referral_source=data["referral_source"],
            level=data["level"],
            allocated_to=data["allocated_to"] or queue.ANYONE,
            sort=data["sort"] if data["sort"] in queue.SORTS else queue.DEFAULT_SORT,
        )


# --- The contact page's smaller forms ------------------------------------------------------------


class WorkerChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class AllocateForm(StaffForm):
    worker = WorkerChoiceField(
        label="Allocate to",
        queryset=User.objects.none(),
        empty_label="Choose a front door worker",
        error_messages={"required": "Choose who to allocate the contact to"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self.fields["worker"], queue.front_door_workers())


class SchoolForm(StaffForm):
    school = forms.ModelChoiceField(
        label="Which school does the child go to?",
        queryset=Agency.objects.none(),
        empty_label="Choose a school",
        error_messages={"required": "Choose the child's school"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        schools = Agency.objects.filter(agency_type=AgencyType.SCHOOL, is_active=True).order_by("name")
        set_queryset(self.fields["school"], schools)


class AskCheckForm(StaffForm):
    agency = forms.ModelChoiceField(
        label="Agency",
        queryset=Agency.objects.filter(is_active=True).order_by("name"),
        empty_label="Choose an agency",
        error_messages={"required": "Choose the agency to ask"},
    )
    question = textarea_field(
        "What do you want to know?",
        help_text="The agency sees the children's names and dates of birth and the household's names, "
        "not the referral itself",
        rows=3,
        error_messages={"required": "Enter what you want to know from the agency"},
    )


class ScreeningForm(StaffForm):
    notes = textarea_field(
        "What did your screening find?",
        rows=5,
        error_messages={"required": "Enter what your screening found"},
    )


class AnswerCheckForm(StaffForm):
    answer = textarea_field(
        "What does your agency know?",
        help_text="If your agency knows nothing about this family, say so",
        rows=6,
        error_messages={"required": "Enter what your agency knows, or that it knows nothing"},
    )


# --- Decisions and sign-off ----------------------------------------------------------------------


class DecisionForm(StaffForm):
    level = LevelChoiceField(
        label="Level of need",
        queryset=NeedLevel.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select the level of need"},
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome"},
    )
    no_further_action_reason = forms.ChoiceField(
        label="If no further action, why?",
        choices=[("", "Choose a reason"), *NoFurtherActionReason.choices],
        required=False,
    )
    rationale = textarea_field(
        "Reasons for the decision",
        help_text="What you found, what the child and family said, and why this response is right",
        rows=6,
        error_messages={"required": "Enter the reasons for the decision"},
    )

    reveals = {"outcome": {Outcome.NO_FURTHER_ACTION.value: ["no_further_action_reason"]}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self.fields["level"], levels_queryset())

    def decision_details(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "level": data["level"],
            "outcome": data["outcome"],
            "rationale": data["rationale"],
            "no_further_action_reason": data["no_further_action_reason"],
        }


class SignOffForm(StaffForm):
    verdict = forms.ChoiceField(
        label="Do you agree with this decision?",
        choices=[(AGREE, "Yes, sign it off"), (SEND_BACK, "No, send it back to be made again")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you agree with the decision"},
    )
    note = textarea_field(
        "Note",
        required=False,
        rows=3,
        help_text="Needed if you send the decision back: say what should change",
    )
