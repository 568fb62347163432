"""The front door's decisions open the journey through the same services, and never twice."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.utils import timezone

from continuum.access.models import User
from continuum.earlyhelp.models import EarlyHelpEpisode
from continuum.frontdoor import services as frontdoor
from continuum.frontdoor.catalogue import Outcome
from continuum.people.models import Person
from continuum.socialcare.models import Referral
from tests.frontdoor.helpers import actor, child, level, phone_contact

pytestmark = pytest.mark.django_db


def _decided(tom: User, outcome: Outcome, received: datetime, known: Person | None = None) -> Person:
    contact = phone_contact(tom, children=[child("Mo", "Doortest", date(2016, 2, 2))], received_at=received)
    frontdoor.allocate(actor(tom), contact, tom)
    on_contact = contact.children.get()
    if known is None:
        frontdoor.add_child_to_index(actor(tom), on_contact)
    else:
        frontdoor.link_child(actor(tom), on_contact, known)
    frontdoor.decide(actor(tom), on_contact, level=level(4), outcome=outcome, rationale="Worries about home.")
    on_contact.refresh_from_db()
    assert on_contact.person is not None
    return on_contact.person


def test_a_second_contact_while_the_case_is_open_joins_the_open_referral(personas: dict[str, User]) -> None:
    tom = personas["tom"]
    mo = _decided(tom, Outcome.SOCIAL_WORK_ASSESSMENT, timezone.make_aware(datetime(2026, 1, 5, 9, 0)))
    _decided(tom, Outcome.STRATEGY_DISCUSSION, timezone.make_aware(datetime(2026, 2, 9, 9, 0)), known=mo)

    [referral] = Referral.objects.filter(person=mo)
    assert referral.referral_date == date(2026, 1, 5) and referral.is_open


def test_early_help_decided_twice_keeps_one_open_episode(personas: dict[str, User]) -> None:
    tom = personas["tom"]
    mo = _decided(tom, Outcome.EARLY_HELP, timezone.make_aware(datetime(2026, 1, 5, 9, 0)))
    _decided(tom, Outcome.EARLY_HELP, timezone.make_aware(datetime(2026, 2, 9, 9, 0)), known=mo)

    assert EarlyHelpEpisode.objects.filter(person=mo, ended__isnull=True).count() == 1
