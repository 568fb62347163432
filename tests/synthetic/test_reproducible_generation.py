"""The same profile and seed give the same people; a different seed gives different people."""

from __future__ import annotations

from continuum.people.models import Person
from continuum.synthetic.generator import generate_partnership
from continuum.synthetic.profiles import get_profile

from .conftest import people_digest


def _generate_afresh(seed: int) -> str:
    Person.objects.all().delete()
    generate_partnership(get_profile("small"), seed=seed)
    return people_digest()


def test_the_same_seed_gives_identical_people(db: None) -> None:
    first = _generate_afresh(7)
    assert Person.objects.count() > 1000
    assert _generate_afresh(7) == first


def test_a_different_seed_gives_different_people(db: None) -> None:
    assert _generate_afresh(7) != _generate_afresh(8)
