"""The chronology page: one child's journey, newest first, filtered by type and significance, printable.

Thin on purpose: open the record through the audited access service, read the filters, ask
`chronology` for the events, render.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from continuum.access import policy
from continuum.access import services as access_services
from continuum.access.audit import Actor
from continuum.access.models import User
from continuum.access.policy import Permission
from continuum.access.services import AccessRefused
from continuum.people.models import Person
from continuum.web.forms import GovukForm

from .chronology import EventKind, Significance, chronology_of, select

PURPOSE = "to read the chronology"
ALL_EVENTS = "all"


class ChronologyFilters(GovukForm):
    kind = forms.MultipleChoiceField(
        label="Type of event",
        choices=EventKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose none to see every type.",
    )
    significance = forms.ChoiceField(
        label="Which events",
        choices=[(ALL_EVENTS, "All events"), (Significance.KEY, "Key events only")],
        required=False,
        widget=forms.RadioSelect,
        help_text="Key events change what is happening for the child: decisions, plans, moves.",
    )

    # A value the form does not offer (an address edited by hand) is left out of cleaned_data,
    # so the page still shows the chronology, with the field's error message, unfiltered by it.
    def kinds(self) -> list[EventKind]:
        self.is_valid()
        return [EventKind(kind) for kind in self.cleaned_data.get("kind") or []]

    def significance_chosen(self) -> str | None:
        self.is_valid()
        return Significance.KEY if self.cleaned_data.get("significance") == Significance.KEY else None


def chronology(request: HttpRequest, person_id: int) -> HttpResponse:
    record = get_object_or_404(Person.objects.all(), pk=person_id)
    try:
        decision = access_services.open_person(Actor.from_request(request), record, PURPOSE)
    except AccessRefused as refused:
        return _refused(request, record, refused.reason)
    data = request.GET.copy()
    data.setdefault("significance", ALL_EVENTS)
    filters = ChronologyFilters(data)
    kinds, significance = filters.kinds(), filters.significance_chosen()
    everything = chronology_of(record.pk)
    events = select(everything, kinds, significance)
    context: dict[str, Any] = {
        "person": record,
        "basis": decision.reason,
        "form": filters,
        "events": events,
        "total": len(everything),
        "is_filtered": bool(kinds or significance),
        "filters_applied": describe(kinds, significance),
        "printed_at": timezone.localtime(),
    }
    return render(request, "journey/chronology.html", context)


def describe(kinds: list[EventKind], significance: str | None) -> str:
    """The filters in words, for the page and the printed header: 'Key events only: Looked after, Missing'."""
    which = "Key events only" if significance == Significance.KEY else "All events"
    types = ", ".join(EventKind(kind).label for kind in EventKind if kind in kinds) if kinds else "every type"
    return f"{which}: {types}"


def _refused(request: HttpRequest, record: Person, reason: str) -> HttpResponse:
    """The project's refusal page, naming the record only by the number the user already had."""
    user = request.user
    assert isinstance(user, User)  # the sign-in middleware turned away anyone not signed in
    context = {
        "title": "You cannot open this record",
        "reason": reason,
        "person_id": record.pk,
        "can_break_glass": policy.decide(user, Permission.BREAK_GLASS, record).allowed,
    }
    return render(request, "people/refused.html", context, status=403)
