"""Adding and changing records: audited, checked against the policy, and never silently overwritten."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from continuum.access.audit import Action, Actor
from continuum.access.models import AuditEntry, User
from continuum.access.services import AccessRefused
from continuum.people import services
from continuum.people.models import Person, Relationship, Residence

from .factories import PersonFactory, ResidenceFactory


def _actor(user: User) -> Actor:
    return Actor.command("test", user=user)


def test_tom_adds_a_child_and_the_audit_trail_says_so(personas: dict[str, User]) -> None:
    child = services.create_person(
        _actor(personas["tom"]), given_name="Jo", family_name="Smith", date_of_birth=date(2015, 7, 3)
    )

    entry = AuditEntry.objects.get(action=Action.CREATE, person_id=child.pk)
    assert entry.user == personas["tom"]
    assert entry.details == {"fields": ["date_of_birth", "family_name", "given_name"]}
    assert child.created_by == personas["tom"]
    assert child.family_name_key == "S530"


def test_a_person_with_invalid_details_is_not_added(personas: dict[str, User]) -> None:
    with pytest.raises(ValidationError):
        services.create_person(_actor(personas["tom"]), given_name="Jo", nhs_number="9434765918")

    assert not Person.objects.exists()


def test_priya_cannot_add_people(personas: dict[str, User]) -> None:
    with pytest.raises(AccessRefused):
        services.create_person(_actor(personas["priya"]), given_name="Jo", family_name="Smith")


def test_a_change_is_saved_with_the_changed_field_names_in_the_audit_trail(personas: dict[str, User]) -> None:
    child = PersonFactory.create(given_name="Jo", family_name="Smith")

    saved = services.update_person(
        _actor(personas["tom"]), child, child.version, family_name="Smyth", given_name="Jo"
    )

    assert saved.family_name == "Smyth" and saved.version == child.version + 1
    entry = AuditEntry.objects.get(action=Action.UPDATE, person_id=child.pk)
    assert entry.details == {"changed": ["family_name"], "version": saved.version}
    assert "Smyth" not in str(entry.details)


def test_a_change_after_someone_elses_is_refused_and_nothing_is_overwritten(
    personas: dict[str, User],
) -> None:
    child = PersonFactory.create(given_name="Jo", family_name="Smith")
    opened_at = child.version
    services.update_person(_actor(personas["aisha"]), child, opened_at, family_name="Smyth")

    with pytest.raises(services.EditConflict) as conflict:
        services.update_person(_actor(personas["tom"]), child, opened_at, family_name="Smithe")

    assert conflict.value.current.family_name == "Smyth"
    assert Person.objects.get(pk=child.pk).family_name == "Smyth"
    assert "Someone else changed this record" in str(conflict.value)


def test_saving_without_changes_does_not_move_the_version_on(personas: dict[str, User]) -> None:
    child = PersonFactory.create(given_name="Jo")

    saved = services.update_person(_actor(personas["tom"]), child, child.version, given_name="Jo")

    assert saved.version == child.version
    assert not AuditEntry.objects.filter(action=Action.UPDATE).exists()


def test_nadia_cannot_change_a_child_not_allocated_to_her(personas: dict[str, User]) -> None:
    child = PersonFactory.create()

    with pytest.raises(AccessRefused):
        services.update_person(_actor(personas["nadia"]), child, child.version, given_name="Sam")


def test_a_new_address_ends_the_current_one_on_the_day_they_moved(personas: dict[str, User]) -> None:
    child = PersonFactory.create()
    old_home = ResidenceFactory.create(person=child, moved_in=date(2020, 1, 1))

    new_home = services.add_address(
        _actor(personas["tom"]),
        child,
        line_1="4 New Road",
        town="Northbridge",
        postcode="ls14ap",
        moved_in=date(2025, 3, 1),
    )

    old_home.refresh_from_db()
    assert old_home.moved_out == date(2025, 3, 1)
    assert new_home.is_current and new_home.address.postcode == "LS1 4AP"
    assert AuditEntry.objects.filter(
        action=Action.CREATE, person_id=child.pk, object_type="people.Residence"
    ).exists()


def test_a_household_shares_one_address(personas: dict[str, User]) -> None:
    first, second = PersonFactory.create(), PersonFactory.create()
    actor = _actor(personas["tom"])

    services.add_address(actor, first, line_1="4 New Road", town="Northbridge", postcode="LS1 4AP")
    services.add_address(actor, second, line_1="4 new road", town="Northbridge", postcode="ls1 4ap")

    assert Residence.objects.values("address").distinct().count() == 1


def test_a_relationship_records_parental_responsibility(personas: dict[str, User]) -> None:
    child = PersonFactory.create()
    mother = PersonFactory.create(kind="adult", given_name="Sarah", date_of_birth=date(1990, 2, 1))

    services.add_relationship(
        _actor(personas["tom"]), mother, child, kind="parent", has_parental_responsibility=True
    )

    assert Relationship.objects.get(relative=child).has_parental_responsibility
    assert AuditEntry.objects.filter(person_id=mother.pk, object_type="people.Relationship").exists()


def test_someone_cannot_be_their_own_relative(personas: dict[str, User]) -> None:
    child = PersonFactory.create()

    with pytest.raises(ValidationError):
        services.add_relationship(_actor(personas["tom"]), child, child, kind="sibling")


def test_an_other_name_is_recorded_and_audited(personas: dict[str, User]) -> None:
    child = PersonFactory.create()

    other = services.add_other_name(
        _actor(personas["tom"]), child, kind="previous", given_name="Jo", family_name="Smyth"
    )

    assert other.family_name_key == "S530"
    assert AuditEntry.objects.filter(person_id=child.pk, object_type="people.OtherName").exists()
