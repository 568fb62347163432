"""Factories for made-up people, addresses and links between them (synthetic data only)."""

from __future__ import annotations

from datetime import date

import factory
from factory.declarations import Sequence, SubFactory

from continuum.people.models import (
    Address,
    Allocation,
    NameKind,
    OtherName,
    Person,
    PersonKind,
    Relationship,
    RelationshipKind,
    Residence,
)


class PersonFactory(factory.django.DjangoModelFactory[Person]):
    class Meta:
        model = Person

    kind = PersonKind.CHILD
    given_name = "Jo"
    family_name = Sequence(lambda number: f"Testperson{number}")
    date_of_birth = date(2015, 7, 3)


class OtherNameFactory(factory.django.DjangoModelFactory[OtherName]):
    class Meta:
        model = OtherName

    person = SubFactory(PersonFactory)
    kind = NameKind.PREVIOUS
    given_name = "Jo"
    family_name = "Smyth"


class AddressFactory(factory.django.DjangoModelFactory[Address]):
    class Meta:
        model = Address

    line_1 = Sequence(lambda number: f"{number + 1} Example Street")
    town = "Northbridge"
    postcode = "BD3 9QQ"


class ResidenceFactory(factory.django.DjangoModelFactory[Residence]):
    class Meta:
        model = Residence

    person = SubFactory(PersonFactory)
    address = SubFactory(AddressFactory)
    moved_in = date(2020, 1, 1)


class RelationshipFactory(factory.django.DjangoModelFactory[Relationship]):
    class Meta:
        model = Relationship

    person = SubFactory(
        PersonFactory, kind=PersonKind.ADULT, given_name="Sarah", date_of_birth=date(1990, 2, 1)
    )
    relative = SubFactory(PersonFactory)
    kind = RelationshipKind.PARENT
    has_parental_responsibility = True


class AllocationFactory(factory.django.DjangoModelFactory[Allocation]):
    class Meta:
        model = Allocation

    person = SubFactory(PersonFactory)
    started = date(2025, 1, 6)
