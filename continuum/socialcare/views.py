"""Pages of the child's journey: the journey summary, and recording or changing each step.

Every page opens the child's record through `access.services.open_person`, so the policy decides
and the audit trail records each look; recording needs RECORD_WORK (the child's practitioners).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm, ModelChoiceField
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from continuum.access import policy
from continuum.access.audit import Actor
from continuum.access.policy import Permission
from continuum.access.services import AccessRefused, open_person
from continuum.earlyhelp.models import EarlyHelpEpisode
from continuum.journey.clocks import DueState, due_for
from continuum.people.models import Person, Service
from continuum.web.guards import actor, posted, refused

from . import journey, services
from .catalogue import INITIAL_OUTCOMES, REVIEW_OUTCOMES, ConferenceKind
from .forms import (
    AllocateForm,
    CeaseForm,
    CloseForm,
    LegalStatusChangeForm,
    PlacementChangeForm,
    practitioners,
)
from .models import Referral
from .models.care import LEGAL_STATUS_ONLY
from .steps import CHILD, STEPS, Step

RECORD_REFUSED = "You cannot open this record"


def _back(person: Person, anchor: str = "") -> HttpResponse:
    return redirect(reverse("socialcare:journey", args=[person.pk]) + (f"#{anchor}" if anchor else ""))


def _add_errors(form: BaseForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, problems in error.error_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(None, error)


def journey_page(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_object_or_404(Person, pk=person_id)
    try:
        decision = open_person(actor(request), person, "opened the child's journey")
    except AccessRefused as refusal:
        return refused(request, refusal.reason, RECORD_REFUSED)
    can_record = bool(policy.decide(request.user, Permission.RECORD_WORK, person))  # type: ignore[arg-type]
    context = {
        "person": person,
        "basis": decision.reason,
        "can_record": can_record,
        "due": _due_rows(person),
        **journey.summary(person),
    }
    return render(request, "socialcare/journey.html", context)


_STATE_TAGS = {
    DueState.OVERDUE: ("Overdue", "govuk-tag--red"),
    DueState.TODAY: ("Due today", "govuk-tag--orange"),
    DueState.SOON: ("Due this week", "govuk-tag--yellow"),
    DueState.LATER: ("Not yet due", "govuk-tag--grey"),
}


def _due_rows(person: Person) -> list[dict[str, Any]]:
    """What is due for this child, as the journey page shows it: the same clocks as My work."""
    today, now = timezone.localdate(), timezone.now()
    rows = []
    for item in due_for([person.pk], today):
        label, tag = _STATE_TAGS[item.state(today, now)]
        rows.append(
            {
                "what": item.what,
                "due": item.due,
                "has_time": item.has_time,
                "state_label": label,
                "tag_class": tag,
                "rule": item.rule,
            }
        )
    return rows


def step(request: HttpRequest, person_id: int, slug: str, record_id: int | None = None) -> HttpResponse:
    """Record a new step of the journey, or change one already recorded."""
    kind = STEPS.get(slug)
    if kind is None or (record_id is None and not kind.new):
        raise Http404("No such step")
    person = get_object_or_404(Person, pk=person_id)
    try:
        open_person(actor(request), person, f"recording {kind.noun}", permission=Permission.RECORD_WORK)
    except AccessRefused as refusal:
        return refused(request, refusal.reason, RECORD_REFUSED)
    instance = _instance(kind, person, request, record_id)
    form = kind.form_class()(posted(request), instance=instance)
    _limit_choices(form, kind, person)
    if form.is_bound and form.is_valid():
        try:
            _save(request, kind, form, record_id)
        except ValidationError as error:
            _add_errors(form, error)
        except services.EditConflict as conflict:
            form.add_error(None, f"{conflict}. Your changes were not saved: reload the page to see theirs")
        else:
            messages.success(request, f"{kind.noun[0].upper()}{kind.noun[1:]} saved")
            return _back(person, slug)
    context = {
        "person": person,
        "step": kind,
        "form": form,
        "is_new": record_id is None,
        "parent_id": getattr(instance, f"{kind.parent.field}_id", ""),
        "opened_at": instance.updated_at.isoformat() if record_id else "",
    }
    return render(request, "socialcare/step.html", context)


def _instance(kind: Step, person: Person, request: HttpRequest, record_id: int | None) -> Any:
    if record_id is not None:
        instance = get_object_or_404(kind.model, pk=record_id)
        if services.person_id_of(instance) != person.pk:
            raise Http404("That record is not about this child")
        return instance
    preset = kind.preset or {}
    if kind.parent is CHILD:
        return kind.model(**{"person": person, **preset})
    parent_id = request.GET.get(kind.parent.field) or request.POST.get(kind.parent.field)
    parent = get_object_or_404(kind.parent.for_person(person), pk=parent_id or 0)
    return kind.model(**{kind.parent.field: parent}, **preset)


def _limit_choices(form: BaseForm, kind: Step, person: Person) -> None:
    """Lists of the child's own records: a section 47 chooses from this referral's discussions."""
    instance = form.instance  # type: ignore[attr-defined]
    if "strategy_discussion" in form.fields:
        form.fields["strategy_discussion"].queryset = instance.referral.strategy_discussions.all()  # type: ignore[attr-defined]
    if "outcome" in form.fields and getattr(instance, "kind", "") in (
        ConferenceKind.INITIAL,
        ConferenceKind.REVIEW,
    ):
        allowed = INITIAL_OUTCOMES if instance.kind == ConferenceKind.INITIAL else REVIEW_OUTCOMES
        outcome = form.fields["outcome"]
        outcome.choices = [c for c in outcome.choices if c[0] in allowed]  # type: ignore[attr-defined]
        outcome.widget.choices = outcome.choices  # type: ignore[attr-defined]
    for name in ("personal_adviser", "lead_practitioner"):
        if name in form.fields:
            staff = form.fields[name]
            assert isinstance(staff, ModelChoiceField)
            staff.queryset = practitioners()
            staff.label_from_instance = _named  # type: ignore[method-assign,assignment]
    if "section_47" in form.fields:
        form.fields["section_47"].queryset = instance.referral.section_47_enquiries.all()  # type: ignore[attr-defined]


def _named(user: Any) -> str:
    return f"{user.display_name}, {user.job_title or 'practitioner'}"


def _save(request: HttpRequest, kind: Step, form: Any, record_id: int | None) -> Any:
    who = actor(request)
    instance = form.save(commit=False)
    if record_id is not None:
        opened_at = parse_datetime(request.POST.get("opened_at", ""))
        saved = services.amend(who, instance, opened_at, f"changed {kind.noun}")
        form.save_m2m()
        return saved
    if kind.save is not None:
        return kind.save(who, instance, form)
    saved = services.record(who, instance, f"recorded {kind.noun}")
    form.save_m2m()
    return saved


# --- Steps that change several records ------------------------------------------------------------


def _action(
    request: HttpRequest, person_id: int, purpose: str, form_class: type[BaseForm], title: str, act: Any
) -> HttpResponse:
    person = get_object_or_404(Person, pk=person_id)
    try:
        open_person(actor(request), person, purpose, permission=Permission.RECORD_WORK)
    except AccessRefused as refusal:
        return refused(request, refusal.reason, RECORD_REFUSED)
    form = form_class(posted(request))
    if form.is_bound and form.is_valid():
        try:
            act(actor(request), person, form)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"{title}: saved")
            return _back(person)
    return render(request, "socialcare/action.html", {"person": person, "form": form, "title": title})


def allocate(request: HttpRequest, person_id: int, service: str) -> HttpResponse:
    if service not in Service.values:
        raise Http404("No such service")

    def act(actor: Actor, person: Person, form: Any) -> None:
        data = form.cleaned_data
        services.allocate(actor, person, service, data["worker"], data["team"], data["started"])

    label = Service(service).label
    return _action(
        request, person_id, "allocating the child", AllocateForm, f"Allocate for {label.lower()}", act
    )


def close_referral(request: HttpRequest, person_id: int) -> HttpResponse:
    def act(actor: Actor, person: Person, form: Any) -> None:
        referral = Referral.objects.filter(person=person, closed__isnull=True).first()
        if referral is None:
            raise ValidationError("The child has no open referral to close")
        services.close_referral(
            actor, referral, form.cleaned_data["closed"], form.cleaned_data["closure_reason"]
        )

    return _action(request, person_id, "closing the case", CloseForm, "Close the case", act)


def change_placement(request: HttpRequest, person_id: int) -> HttpResponse:
    def act(actor: Actor, person: Person, form: Any) -> None:
        data = form.cleaned_data
        services.change_episode(actor, person, data["started"], data["reason_new_episode"], **form.changes())

    return _action(
        request, person_id, "recording a placement move", PlacementChangeForm, "Change of placement", act
    )


def change_legal_status(request: HttpRequest, person_id: int) -> HttpResponse:
    def act(actor: Actor, person: Person, form: Any) -> None:
        data = form.cleaned_data
        services.change_episode(
            actor, person, data["started"], LEGAL_STATUS_ONLY, legal_status=data["legal_status"]
        )

    return _action(
        request,
        person_id,
        "recording a change of legal status",
        LegalStatusChangeForm,
        "Change of legal status",
        act,
    )


def cease_looked_after(request: HttpRequest, person_id: int) -> HttpResponse:
    def act(actor: Actor, person: Person, form: Any) -> None:
        data = form.cleaned_data
        services.cease_looked_after(actor, person, data["ended"], data["reason_ended"])

    return _action(request, person_id, "recording the end of care", CeaseForm, "Stop being looked after", act)


def step_up(request: HttpRequest, person_id: int) -> HttpResponse:
    """Close early help and refer the child to children's social care the same day."""

    def act(who: Actor, person: Person) -> None:
        episode = get_object_or_404(EarlyHelpEpisode, person=person, ended__isnull=True)
        services.step_up(who, episode, timezone.localdate())

    done = "Early help closed and the child referred to children's social care"
    return _button(request, person_id, "stepping up to social care", act, done)


def step_down(request: HttpRequest, person_id: int) -> HttpResponse:
    """Close the case (DfE reason RC9) and open early help the same day."""

    def act(who: Actor, person: Person) -> None:
        referral = get_object_or_404(Referral, person=person, closed__isnull=True)
        services.step_down(who, referral, timezone.localdate())

    return _button(
        request, person_id, "stepping down to early help", act, "The case closed and early help opened"
    )


def _button(request: HttpRequest, person_id: int, purpose: str, act: Any, done: str) -> HttpResponse:
    """A one-press step from the journey page: it acts on POST and says how it went."""
    person = get_object_or_404(Person, pk=person_id)
    try:
        open_person(actor(request), person, purpose, permission=Permission.RECORD_WORK)
    except AccessRefused as refusal:
        return refused(request, refusal.reason, RECORD_REFUSED)
    if request.method == "POST":
        try:
            act(actor(request), person)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
    return _back(person)
