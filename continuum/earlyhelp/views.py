"""Early help registration pages: the partner registers and follows the outcome; early help takes it.

Thin on purpose: each view checks the general permission, parses, calls `registration` (which
checks the access policy again and audits) and renders. Registrations are named in addresses by
their public id, never their row number.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import zip_longest
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from continuum.access import policy
from continuum.access.audit import Actor
from continuum.access.policy import Permission
from continuum.people import matching
from continuum.people.models import Person
from continuum.web.guards import actor, posted, requires, user_of
from continuum.web.pagination import paginate

from . import registration as steps
from .forms import AcceptForm, DeclineForm, RegistrationForm, add_step_errors
from .models import EarlyHelpRegistration, RegistrationStatus

PER_PAGE = 20
RECENTLY_DECIDED_SHOWN = 10
# Possible matches beyond this many are noise; the person search finds more.
POSSIBLE_MATCHES_SHOWN = 5

# GOV.UK tag colours for a registration's status.
STATUS_COLOURS: dict[str, str] = {
    RegistrationStatus.WAITING: "blue",
    RegistrationStatus.ACCEPTED: "green",
    RegistrationStatus.DECLINED: "red",
}

# --- The partner ---------------------------------------------------------------------------------


@requires(Permission.REGISTER_EARLY_HELP, "You cannot register early help")
def register(request: HttpRequest) -> HttpResponse:
    form = RegistrationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            registered = steps.register(actor(request), **form.details())
        except ValidationError as error:
            add_step_errors(form, error)
        else:
            return redirect("earlyhelp:registered", registered.public_id)
    return render(request, "earlyhelp/partner/register.html", {"form": form})


@requires(Permission.REGISTER_EARLY_HELP, "You cannot open this registration")
def registered(request: HttpRequest, public_id: UUID) -> HttpResponse:
    mine = get_object_or_404(policy.early_help_registrations_by(user_of(request)), public_id=public_id)
    return render(request, "earlyhelp/partner/registered.html", {"registration": mine})


@dataclass(frozen=True)
class PartnerRow:
    registration: EarlyHelpRegistration
    colour: str


@requires(Permission.REGISTER_EARLY_HELP, "You cannot register early help")
def my_registrations(request: HttpRequest) -> HttpResponse:
    mine = policy.early_help_registrations_by(user_of(request)).select_related("decided_by")
    pages = paginate(mine, PER_PAGE, request.GET.get("page"))
    listed = list(pages["page"])
    steps.read_own(actor(request), listed)
    rows = [PartnerRow(registration, STATUS_COLOURS[registration.status]) for registration in listed]
    return render(request, "earlyhelp/partner/my_registrations.html", {**pages, "rows": rows})


# --- Early help practitioners --------------------------------------------------------------------


@requires(Permission.PROCESS_EARLY_HELP, "You cannot take early help registrations")
def queue(request: HttpRequest) -> HttpResponse:
    waiting = policy.early_help_registrations_waiting(user_of(request)).select_related(
        "registered_by__agency"
    )
    pages = paginate(waiting, PER_PAGE, request.GET.get("page"))
    decided = EarlyHelpRegistration.objects.decided().select_related("decided_by")[:RECENTLY_DECIDED_SHOWN]
    return render(request, "earlyhelp/staff/queue.html", {**pages, "decided": list(decided)})


@dataclass(frozen=True)
class Candidate:
    match: matching.Match
    likely: bool
    postcode: str


@requires(Permission.PROCESS_EARLY_HELP, "You cannot take early help registrations")
def registration_page(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The registration, who the child may be in the index, and accepting it for one of them."""
    who = actor(request)
    registration = _registration_or_404(public_id)
    purpose = (
        "deciding on an early help registration"
        if registration.is_waiting
        else "looked back at a decided registration"
    )
    steps.open_registration(who, registration, purpose)
    if not registration.is_waiting:
        return render(request, "earlyhelp/staff/registration.html", {"registration": registration})
    candidates = _candidates(who, registration)
    form = AcceptForm(
        posted(request),
        person_ids=[candidate.match.person.pk for candidate in candidates],
        child_name=registration.child_name,
    )
    if request.method == "POST" and form.is_valid():
        try:
            accepted = _accept(request, who, registration, form.chosen_person_id())
        except ValidationError as error:
            add_step_errors(form, error)
        else:
            return redirect("socialcare:journey", accepted.person_id)
    # Each radio with the candidate it names; the last radio (add a new person) names nobody.
    choices = list(zip_longest(form["person"], candidates))
    context = {"registration": registration, "candidates": candidates, "form": form, "choices": choices}
    return render(request, "earlyhelp/staff/registration.html", context)


@requires(Permission.PROCESS_EARLY_HELP, "You cannot take early help registrations")
def decline(request: HttpRequest, public_id: UUID) -> HttpResponse:
    who = actor(request)
    registration = _registration_or_404(public_id)
    if not registration.is_waiting:
        return redirect("earlyhelp:registration", registration.public_id)
    steps.open_registration(who, registration, "declining an early help registration")
    form = DeclineForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            steps.decline(who, registration, form.cleaned_data["reason"])
        except ValidationError as error:
            add_step_errors(form, error)
        else:
            messages.success(
                request,
                f"Registration {registration.reference} is declined. We have told the lead practitioner",
            )
            return redirect("earlyhelp:queue")
    return render(request, "earlyhelp/staff/decline.html", {"registration": registration, "form": form})


# --- Helpers -------------------------------------------------------------------------------------


def _accept(
    request: HttpRequest, actor: Actor, registration: EarlyHelpRegistration, person_id: int | None
) -> EarlyHelpRegistration:
    if person_id is None:
        accepted = steps.add_child_and_accept(actor, registration)
    else:
        person = get_object_or_404(policy.searchable_people(user_of(request)), pk=person_id)
        accepted = steps.accept(actor, registration, person)
    lead = registration.registered_by.display_name
    messages.success(
        request,
        f"Early help is open for {registration.child_name}, led by {lead}. "
        "The child is allocated to you and your team for early help",
    )
    return accepted


def _candidates(actor: Actor, registration: EarlyHelpRegistration) -> list[Candidate]:
    proposal = steps.candidates(actor, registration)
    rows = [Candidate(match, True, _current_postcode(match.person)) for match in proposal.likely]
    rows += [
        Candidate(match, False, _current_postcode(match.person))
        for match in proposal.possible[:POSSIBLE_MATCHES_SHOWN]
    ]
    return rows


def _current_postcode(person: Person) -> str:
    current = [residence for residence in person.residences.all() if residence.is_current]  # prefetched
    return current[0].address.postcode if current else ""


def _registration_or_404(public_id: UUID) -> EarlyHelpRegistration:
    return get_object_or_404(
        EarlyHelpRegistration.objects.select_related("registered_by__agency", "decided_by", "person"),
        public_id=public_id,
    )
