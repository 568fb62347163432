"""Families look like a real area's: twins, unborn children, parents, aliases and moves."""

from __future__ import annotations

from collections import Counter

import pytest

from continuum.people.models import (
    NameKind,
    OtherName,
    Person,
    PersonKind,
    Relationship,
    RelationshipKind,
    Residence,
)
from continuum.people.phonetics import name_key
from continuum.synthetic.generator import Summary

# One small area per module (see conftest), read inside each test's own transaction.
pytestmark = pytest.mark.django_db


def _current_address(person: Person) -> int:
    return Residence.objects.get(person=person, moved_out__isnull=True).address_id


def test_twins_share_a_date_of_birth_and_a_home(small_partnership: Summary) -> None:
    twins = [
        link
        for link in Relationship.objects.filter(kind=RelationshipKind.SIBLING).select_related(
            "person", "relative"
        )
        if link.person.date_of_birth is not None and link.person.date_of_birth == link.relative.date_of_birth
    ]
    assert twins, "the small profile should have some twins"
    for link in twins:
        assert _current_address(link.person) == _current_address(link.relative)


def test_unborn_children_have_an_expected_delivery_date_and_no_date_of_birth(
    small_partnership: Summary,
) -> None:
    unborn = Person.objects.filter(kind=PersonKind.UNBORN)
    assert unborn.exists()
    reference = small_partnership.reference_date
    for child in unborn:
        assert child.date_of_birth is None
        assert child.expected_date_of_delivery is not None
        assert 0 < (child.expected_date_of_delivery - reference).days <= 280
        assert child.sex == "U"
        child.full_clean()


def test_partner_agencies_hold_names_that_differ_from_the_persons_own(small_partnership: Summary) -> None:
    variants = OtherName.objects.filter(kind=NameKind.RECORDED_BY_PARTNER).select_related("person")
    assert variants.count() > 100
    for variant in variants:
        assert (variant.given_name, variant.family_name) != (
            variant.person.given_name,
            variant.person.family_name,
        )
        assert variant.recorded_by_id is not None
        assert variant.given_name_key == name_key(variant.given_name)


def test_every_child_has_a_parent_or_carer_and_most_have_parental_responsibility(
    small_partnership: Summary,
) -> None:
    children = Person.objects.filter(kind=PersonKind.CHILD)
    with_carer = children.filter(relationships_to__kind__in=["parent", "grandparent"]).distinct()
    assert with_carer.count() == children.count()
    with_responsibility = children.filter(relationships_to__has_parental_responsibility=True).distinct()
    assert with_responsibility.count() == children.count()


def test_some_households_moved_and_keep_their_address_history(small_partnership: Summary) -> None:
    assert small_partnership.counts.moves > 50
    moved = Counter(Residence.objects.filter(moved_out__isnull=False).values_list("person_id", flat=True))
    assert len(moved) > 100
    assert max(moved.values()) >= 2


def test_the_age_structure_covers_every_age_from_0_to_17(small_partnership: Summary) -> None:
    reference = small_partnership.reference_date
    ages = Counter(child.age_on(reference) for child in Person.objects.filter(kind=PersonKind.CHILD))
    assert set(ages) == set(range(18))
    assert min(ages.values()) > 10
