"""A child on the journey for social care tests: allocated to Nadia in her team (synthetic data only)."""

from __future__ import annotations

from datetime import date

from continuum.access.audit import Actor, Channel
from continuum.access.models import User
from continuum.people.models import Person, Service
from continuum.socialcare import services
from continuum.socialcare.models import Referral
from tests.people.factories import PersonFactory


def actor(user: User) -> Actor:
    return Actor(user=user, channel=Channel.PAGE)


def allocated_child(worker: User, born: date = date(2015, 6, 1)) -> Person:
    child = PersonFactory.create(date_of_birth=born)
    team = worker.teams.first()
    assert team is not None, f"{worker} is in no team"
    services.allocate(actor(worker), child, Service.SOCIAL_CARE, worker, team, date(2025, 1, 2))
    return child


def referral(worker: User, child: Person, on: date = date(2025, 1, 6), source: str = "2A") -> Referral:
    return services.open_referral(actor(worker), child, on, source)
