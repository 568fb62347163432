"""The access policy for the front door, as a table: persona x contact x permission -> allowed?

Contacts are about children, so they follow the children's records: front-door staff work on
every contact except one naming a child whose restricted record they may not open; a referrer
sees only their own; a partner agency sees only the checks put to it.
"""

from __future__ import annotations

import pytest

from continuum.access import policy
from continuum.access.models import RecordRestriction, User
from continuum.access.policy import Permission
from continuum.frontdoor import services
from continuum.frontdoor.models import Contact
from continuum.people.models import RestrictionLevel
from tests.frontdoor.helpers import actor, agency_of, phone_contact
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

ALLOWED, REFUSED = True, False

# contacts: "standard" (a child with a standard record); "restricted" (linked to a restricted
# record naming Aisha).
TABLE = [
    ("tom", "standard", Permission.WORK_FRONT_DOOR, ALLOWED),
    ("tom", "standard", Permission.DECIDE_CONTACT, ALLOWED),
    ("tom", "standard", Permission.SIGN_OFF_DECISION, REFUSED),
    ("tom", "restricted", Permission.WORK_FRONT_DOOR, REFUSED),
    ("aisha", "standard", Permission.SIGN_OFF_DECISION, ALLOWED),
    ("aisha", "restricted", Permission.DECIDE_CONTACT, ALLOWED),
    ("dan", "standard", Permission.WORK_FRONT_DOOR, ALLOWED),
    ("dan", "standard", Permission.DECIDE_CONTACT, REFUSED),
    ("nadia", "standard", Permission.WORK_FRONT_DOOR, REFUSED),
    ("priya", "standard", Permission.WORK_FRONT_DOOR, REFUSED),
    ("sam", "standard", Permission.WORK_FRONT_DOOR, REFUSED),
    ("alex", "standard", Permission.WORK_FRONT_DOOR, REFUSED),
]


@pytest.fixture
def contacts(personas: dict[str, User]) -> dict[str, Contact]:
    aisha = personas["aisha"]
    standard = phone_contact(personas["tom"])
    restricted = phone_contact(personas["tom"])
    secret = PersonFactory.create(restriction=RestrictionLevel.RESTRICTED)
    RecordRestriction.objects.create(person=secret, user=aisha, added_by=aisha)
    child = restricted.children.get()
    services.link_child(actor(aisha), child, secret)
    return {"standard": standard, "restricted": restricted}


@pytest.mark.parametrize(("persona", "kind", "permission", "expected"), TABLE)
def test_contact_policy(
    personas: dict[str, User],
    contacts: dict[str, Contact],
    persona: str,
    kind: str,
    permission: Permission,
    expected: bool,
) -> None:
    user, contact = personas[persona], contacts[kind]
    decision = policy.decide_contact(user, permission, contact)
    assert bool(decision) is expected, decision.reason
    listed = policy.contacts_visible_to(user).filter(pk=contact.pk).exists()
    if permission == Permission.WORK_FRONT_DOOR:
        assert listed is expected, "the queue must agree with the contact page"


def test_a_referrer_sees_only_their_own_referrals(personas: dict[str, User]) -> None:
    priya = personas["priya"]
    own = services.start_referral(actor(priya))
    phone_contact(personas["tom"])
    assert list(policy.contacts_submitted_by(priya)) == [own]
    assert not policy.contacts_submitted_by(personas["sam"]).exists()


def test_a_partner_check_is_seen_only_by_the_agency_asked(
    personas: dict[str, User], contacts: dict[str, Contact]
) -> None:
    tom, dan, priya = personas["tom"], personas["dan"], personas["priya"]
    check = services.ask_partner_check(actor(tom), contacts["standard"], agency_of(dan), "Any call-outs?")
    assert list(policy.checks_for(dan)) == [check]
    assert not policy.checks_for(priya).exists()
    assert not policy.checks_for(personas["alex"]).exists()
