"""The contact page: everything the front door knows about one contact, and what to do next.

Opening it is audited (once per linked child, through `services.open_contact`). Each action on
it posts to its own small view in `staff_triage_views`, which comes back here with a banner.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from continuum.access import audit, policy
from continuum.access.audit import Action
from continuum.access.models import User
from continuum.access.policy import Permission
from continuum.people import matching
from continuum.people.models import Person
from continuum.web.guards import actor, requires, user_of

from . import clocks, history, services
from .catalogue import ScreeningView
from .clocks import Clock
from .models import Contact, ContactChild, Decision, PartnerCheck, Screening, SentBackDecision
from .staff_common import contact_or_404, open_contact
from .staff_forms import AllocateForm, AskCheckForm, SchoolForm, ScreeningForm

# Possible matches beyond this many are noise on a contact page; the person search finds more.
POSSIBLE_MATCHES_SHOWN = 5


@dataclass(frozen=True)
class MatchRow:
    match: matching.Match
    likely: bool
    postcode: str


@dataclass(frozen=True)
class ChildPanel:
    """One child on the contact: who they may be, what is known of them, and their decision."""

    child: ContactChild
    matches: list[MatchRow]
    history: history.ChildHistory | None
    decision: Decision | None
    school_form: SchoolForm


@dataclass(frozen=True)
class ScreeningHalf:
    view: str
    label: str
    screening: Screening | None


@dataclass(frozen=True)
class CheckRow:
    check: PartnerCheck
    clock: Clock | None


@requires(Permission.WORK_FRONT_DOOR, "You cannot open this contact")
def contact_page(request: HttpRequest, reference: str) -> HttpResponse:
    contact = contact_or_404(reference)
    open_contact(request, contact, "screening the contact")
    user = user_of(request)
    children = _children(contact)
    panels = [_child_panel(request, user, contact, child) for child in children]
    return render(
        request, "frontdoor/staff/contact.html", {**contact_context(user, contact), "panels": panels}
    )


def contact_context(user: User, contact: Contact) -> dict[str, Any]:
    """What the contact page shows above and below the children."""
    now = timezone.now()
    can_decide = policy.decide_contact(user, Permission.DECIDE_CONTACT, contact).allowed
    checks = contact.checks.select_related("agency", "asked_by", "answered_by").order_by("asked_at", "pk")
    return {
        "contact": contact,
        "clock": _contact_clock(contact, now),
        "due_day": clocks.due_day(contact.due_at) if contact.due_at else None,
        "household": list(contact.household.all()),
        "checks": [CheckRow(check, _check_clock(check, now)) for check in checks],
        "can_decide": can_decide,
        "allocate_form": AllocateForm(initial={"worker": contact.allocated_to_id}),
        "check_form": AskCheckForm(),
        **_screening_context(user, contact),
    }


def _children(contact: Contact) -> list[ContactChild]:
    decisions = Decision.objects.select_related("level", "decided_by", "signed_off_by")
    return list(
        contact.children.select_related("person", "school")
        .prefetch_related(
            Prefetch("decision", queryset=decisions),
            Prefetch(
                "sent_back_decisions",
                queryset=SentBackDecision.objects.select_related("level", "decided_by", "sent_back_by"),
            ),
        )
        .order_by("pk")
    )


def _child_panel(request: HttpRequest, user: User, contact: Contact, child: ContactChild) -> ChildPanel:
    matches = _matches(request, user, contact, child) if child.person_id is None and contact.is_open else []
    return ChildPanel(
        child=child,
        matches=matches,
        history=history.history_of(child),
        decision=getattr(child, "decision", None),
        school_form=SchoolForm(prefix=f"child-{child.pk}", initial={"school": child.school_id}),
    )


def _matches(request: HttpRequest, user: User, contact: Contact, child: ContactChild) -> list[MatchRow]:
    proposal = matching.find_or_propose(
        policy.searchable_people(user),
        given_name=child.given_name,
        family_name=child.family_name,
        date_of_birth=child.date_of_birth,
        postcode=child.postcode,
        nhs_number=child.nhs_number,
        expected_date_of_delivery=child.expected_date_of_delivery,
    )
    rows = [MatchRow(match, True, _current_postcode(match.person)) for match in proposal.likely]
    rows += [
        MatchRow(match, False, _current_postcode(match.person))
        for match in proposal.possible[:POSSIBLE_MATCHES_SHOWN]
    ]
    # Showing who may match is a search of the people index, and is audited as one.
    audit.record(
        actor(request),
        Action.SEARCH,
        child,
        purpose=f"matched a child on contact {contact.reference}",
        details={"results": len(rows)},
    )
    return rows


def _contact_clock(contact: Contact, now: Any) -> Clock | None:
    if contact.due_at is None:
        return None
    return clocks.clock(contact.due_at, now, finished_at=None if contact.is_open else contact.decided_at)


def _check_clock(check: PartnerCheck, now: Any) -> Clock | None:
    return clocks.clock(check.due_at, now, finished_at=check.answered_at) if check.due_at else None


def _screening_context(user: User, contact: Contact) -> dict[str, Any]:
    if not contact.is_domestic_abuse_notification:
        return {"screening_halves": [], "can_screen": False}
    recorded = {screening.view: screening for screening in contact.screenings.select_related("screened_by")}
    view = services.screening_view_for(user)
    halves = [ScreeningHalf(value, label, recorded.get(value)) for value, label in ScreeningView.choices]
    return {
        "screening_halves": halves,
        "can_screen": contact.is_open and view not in recorded,
        "screening_label": ScreeningView(view).label.lower(),
        "screening_form": ScreeningForm(),
    }


def _current_postcode(person: Person) -> str:
    current = [residence for residence in person.residences.all() if residence.is_current]  # prefetched
    return current[0].address.postcode if current else ""
