"""Pages for finding people and reading and changing their records.

Thin on purpose: each view parses the request, asks the access policy or calls a service, and
renders. Whether a user may do something is only ever decided by `continuum.access.policy`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from continuum.access import audit, policy
from continuum.access import services as access_services
from continuum.access.audit import Action, Actor
from continuum.access.models import AuditEntry, User
from continuum.access.policy import Permission
from continuum.access.services import AccessRefused
from continuum.web.pagination import paginate

from . import matching, services
from .forms import AddressForm, BreakGlassForm, OtherNameForm, PersonForm, SearchForm
from .models import Allocation, Person, Relationship, Residence

RESULTS_PER_PAGE = 20
SEARCH_LIMIT = 200
LOG_ENTRIES_PER_PAGE = 25

ACTION_LABELS: dict[str, str] = {
    Action.VIEW: "Viewed",
    Action.SEARCH: "Searched",
    Action.CREATE: "Added",
    Action.UPDATE: "Changed",
    Action.EXPORT: "Exported",
    Action.BREAK_GLASS: "Used emergency access",
    Action.ACCESS_REFUSED: "Was refused access",
}


@dataclass(frozen=True)
class SearchResult:
    match: matching.Match
    postcode: str


@dataclass(frozen=True)
class AccessLogRow:
    at: datetime
    who: str
    agency: str
    action: str
    purpose: str

    @classmethod
    def from_entry(cls, entry: AuditEntry) -> AccessLogRow:
        user = entry.user
        return cls(
            at=entry.at,
            # The username kept on the entry still says who if the account has since gone.
            who=user.display_name if user else (entry.username or "System"),
            agency=user.agency.name if user and user.agency else "",
            action=ACTION_LABELS.get(entry.action, entry.action),
            purpose=entry.purpose,
        )


def search(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    allowed = policy.can(user, Permission.SEARCH)
    if not allowed:
        return _refused(request, allowed.reason, title="You cannot search for people")
    form = SearchForm(request.GET if request.GET.get("searched") else None)
    context: dict[str, Any] = {"form": form, "page": None}
    if form.is_bound and form.is_valid():
        matches = matching.search_people(
            policy.searchable_people(user), limit=SEARCH_LIMIT, **form.search_terms()
        )
        # The terms are kept: auditors need to see what was looked for, not only that it was.
        terms = {name: str(value) for name, value in form.search_terms().items() if value}
        audit.record(
            Actor.from_request(request), Action.SEARCH, details={"terms": terms, "results": len(matches)}
        )
        pages = paginate(matches, RESULTS_PER_PAGE, request.GET.get("page"))
        context.update(pages, can_add=True)
        context["results"] = [SearchResult(match, _current_postcode(match.person)) for match in pages["page"]]
    return render(request, "people/search.html", context)


def person(request: HttpRequest, person_id: int) -> HttpResponse:
    record = get_object_or_404(Person.objects.all(), pk=person_id)
    user = _user(request)
    try:
        decision = access_services.open_person(Actor.from_request(request), record)
    except AccessRefused as refused:
        return _refused_record(request, record, refused.reason)
    record = _with_history(record)
    context = {
        "person": record,
        "basis": decision.reason,
        "residences": list(record.residences.all()),
        "relatives": _relatives(record),
        "allocations": list(record.allocations.all()),
        "nhs_number": format_nhs_number(record.nhs_number),
        "age": record.age_on(timezone.localdate()),
        "can_edit": policy.decide(user, Permission.EDIT, record).allowed,
        "can_view_access_log": policy.decide(user, Permission.VIEW_ACCESS_LOG, record).allowed,
    }
    return render(request, "people/person.html", context)


def access_log(request: HttpRequest, person_id: int) -> HttpResponse:
    record = get_object_or_404(Person.objects.all(), pk=person_id)
    # Looking at who has looked is itself a look at the record, so it is audited too.
    refused = _open(request, record, Permission.VIEW_ACCESS_LOG, "who has viewed this record")
    if refused:
        return refused
    entries = (
        AuditEntry.objects.filter(person_id=record.pk).select_related("user__agency").order_by("-at", "-id")
    )
    pages = paginate(entries, LOG_ENTRIES_PER_PAGE, request.GET.get("page"))
    context = {
        "person": record,
        **pages,
        "entries": [AccessLogRow.from_entry(entry) for entry in pages["page"]],
    }
    return render(request, "people/access_log.html", context)


def break_glass(request: HttpRequest, person_id: int) -> HttpResponse:
    record = get_object_or_404(Person.objects.all(), pk=person_id)
    user = _user(request)
    allowed = policy.decide(user, Permission.BREAK_GLASS, record)
    if not allowed:
        return _refused(request, allowed.reason, title="You cannot ask for emergency access")
    if policy.decide(user, Permission.VIEW, record):
        return redirect("people:person", person_id=record.pk)
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        grant = access_services.break_glass(Actor.from_request(request), record, form.cleaned_data["reason"])
        until = timezone.localtime(grant.expires_at).strftime("%H:%M")
        messages.success(
            request, f"You have emergency access to this record until {until}. Your manager has been told."
        )
        return redirect("people:person", person_id=record.pk)
    return render(request, "people/break_glass.html", {"form": form, "person_id": record.pk})


def person_new(request: HttpRequest) -> HttpResponse:
    allowed = policy.can(_user(request), Permission.SEARCH)
    if not allowed:
        return _refused(request, allowed.reason, title="You cannot add people")
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_person(Actor.from_request(request), **form.person_details())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{created.full_name} has been added")
            return redirect("people:person", person_id=created.pk)
    return render(request, "people/person_form.html", {"form": form, "title": "Add a person"})


def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    record = get_object_or_404(Person.objects.all(), pk=person_id)
    refused = _open(request, record, Permission.EDIT, "to change the details")
    if refused:
        return refused
    form = PersonForm(request.POST or None, instance=Person.objects.get(pk=record.pk))
    context: dict[str, Any] = {
        "form": form,
        "title": f"Change details for {record.full_name}",
        "person": record,
    }
    if request.method == "POST" and form.is_valid():
        opened_at = form.cleaned_data["version"] or record.version
        try:
            services.update_person(Actor.from_request(request), record, opened_at, **form.person_details())
        except services.EditConflict as conflict:
            return _edit_conflict(request, form, conflict, context)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The details have been saved")
            return redirect("people:person", person_id=record.pk)
    return render(request, "people/person_form.html", context)


def address_new(request: HttpRequest, person_id: int) -> HttpResponse:
    record = get_object_or_404(Person.objects.all(), pk=person_id)
    refused = _open(request, record, Permission.EDIT, "to add an address")
    if refused:
        return refused
    form = AddressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_address(Actor.from_request(request), record, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The new address has been added")
            return redirect("people:person", person_id=record.pk)
    return render(request, "people/address_form.html", {"form": form, "person": record})


def other_name_new(request: HttpRequest, person_id: int) -> HttpResponse:
    record = get_object_or_404(Person.objects.all(), pk=person_id)
    refused = _open(request, record, Permission.EDIT, "to add another name")
    if refused:
        return refused
    form = OtherNameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_other_name(Actor.from_request(request), record, **form.cleaned_data)
        messages.success(request, "The other name has been added")
        return redirect("people:person", person_id=record.pk)
    return render(request, "people/other_name_form.html", {"form": form, "person": record})


# Helpers ------------------------------------------------------------------------------------


def _user(request: HttpRequest) -> User:
    # The sign-in middleware has already turned away anyone not signed in.
    user = request.user
    assert isinstance(user, User)
    return user


def _open(request: HttpRequest, record: Person, permission: Permission, purpose: str) -> HttpResponse | None:
    """Open the record for `permission` through the audited access service; a 403 page if refused."""
    try:
        access_services.open_person(Actor.from_request(request), record, purpose, permission)
    except AccessRefused as refused:
        return _refused_record(request, record, refused.reason)
    return None


def _refused(request: HttpRequest, reason: str, *, title: str) -> HttpResponse:
    context = {"title": title, "reason": reason, "person_id": None, "can_break_glass": False}
    return render(request, "people/refused.html", context, status=403)


def _refused_record(request: HttpRequest, record: Person, reason: str) -> HttpResponse:
    """A 403 that says why, naming the record only by the number the user already had."""
    context = {
        "title": "You cannot open this record",
        "reason": reason,
        "person_id": record.pk,
        "can_break_glass": policy.decide(_user(request), Permission.BREAK_GLASS, record).allowed,
    }
    return render(request, "people/refused.html", context, status=403)


def _edit_conflict(
    request: HttpRequest, form: PersonForm, conflict: services.EditConflict, context: dict[str, Any]
) -> HttpResponse:
    # Keep what they typed, show what the record says now, and let a second save apply it
    # knowingly (the hidden version moves on to the one they have now seen).
    data = request.POST.copy()
    data["version"] = str(conflict.current.version)
    form = PersonForm(data, instance=Person.objects.get(pk=conflict.current.pk))
    form.is_valid()
    form.add_error(None, str(conflict))
    context.update(form=form, current=conflict.current)
    return render(request, "people/person_form.html", context, status=409)


def _with_history(record: Person) -> Person:
    """The record with everything its page shows, fetched in a fixed number of queries."""
    return (
        Person.objects.filter(pk=record.pk)
        .prefetch_related(
            "other_names",
            "external_identifiers__agency",
            Prefetch(
                "residences",
                queryset=Residence.objects.select_related("address").order_by("-moved_in", "-id"),
            ),
            Prefetch("relationships_from", queryset=Relationship.objects.select_related("relative")),
            Prefetch("relationships_to", queryset=Relationship.objects.select_related("person")),
            Prefetch(
                "allocations",
                queryset=Allocation.objects.select_related("worker", "team").order_by("-started"),
            ),
        )
        .get()
    )


@dataclass(frozen=True)
class Relative:
    other: Person
    description: str
    parental_responsibility: str
    started: date | None
    ended: date | None


def _relatives(record: Person) -> list[Relative]:
    """Relationships in both directions, each described from this person's side."""
    relatives = [
        Relative(
            link.person,
            link.get_kind_display(),
            _parental_responsibility(link, link.person),
            link.started,
            link.ended,
        )
        for link in record.relationships_to.all()
    ]
    relatives += [
        Relative(
            link.relative,
            f"{record.full_name} is their {link.get_kind_display().lower()}",
            _parental_responsibility(link, record),
            link.started,
            link.ended,
        )
        for link in record.relationships_from.all()
    ]
    return relatives


def _parental_responsibility(link: Relationship, holder: Person) -> str:
    return f"{holder.full_name} has parental responsibility" if link.has_parental_responsibility else "No"


def format_nhs_number(nhs_number: str) -> str:
    """NHS numbers are read and written as 3-3-4 digits: 485 777 3456."""
    if len(nhs_number) != 10:
        return nhs_number
    return f"{nhs_number[:3]} {nhs_number[3:6]} {nhs_number[6:]}"


def _current_postcode(record: Person) -> str:
    current = [residence for residence in record.residences.all() if residence.is_current]  # prefetched
    return current[0].address.postcode if current else ""
