"""Changes to people's records: the named steps that views, the API and commands all call.

Each step checks the access policy, validates the whole record, writes in one transaction and
appends an audit entry naming the actor. Audit details name the fields changed, never their
values: the trail says who changed a child's date of birth without copying it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from continuum.access import audit, policy
from continuum.access.audit import Action, Actor
from continuum.access.models import Agency, User
from continuum.access.services import AccessRefused

from .models import Address, OtherName, Person, Relationship, Residence
from .validators import normalise_postcode

# The details a practitioner may change through `update_person`. Restriction, withdrawal and
# merging are separate, recorded decisions with their own steps.
EDITABLE_FIELDS = frozenset(
    {
        "kind",
        "given_name",
        "middle_names",
        "family_name",
        "date_of_birth",
        "expected_date_of_delivery",
        "date_of_death",
        "sex",
        "ethnicity",
        "disabilities",
        "nhs_number",
        "upn",
    }
)


class EditConflict(Exception):
    """Someone else saved the record after this edit began: nothing has been overwritten."""

    def __init__(self, current: Person, expected_version: int) -> None:
        super().__init__(
            "Someone else changed this record after you opened it. Your changes have not been saved: "
            "check the record as it is now and make your changes again"
        )
        self.current = current
        self.expected_version = expected_version


def create_person(actor: Actor, **fields: Any) -> Person:
    """Add a person to the index. Anyone who may search may add, so that nobody is left out."""
    user = _user(actor)
    _require(policy.can(user, policy.Permission.SEARCH))
    _check_editable(fields)
    person = Person(**fields, created_by=user)
    person.full_clean()
    with transaction.atomic():
        person.save()
        audit.record(actor, Action.CREATE, person, details={"fields": sorted(fields)})
    return person


def update_person(actor: Actor, person: Person, expected_version: int, **changes: Any) -> Person:
    """Change a person's details, unless someone else changed them since `expected_version`.

    Raises EditConflict rather than overwriting another person's edit. Returns the saved record
    (unchanged, and without an audit entry, if nothing actually changed).
    """
    _require(policy.decide(_user(actor), policy.Permission.EDIT, person))
    _check_editable(changes)
    with transaction.atomic():
        current = Person.objects.select_for_update().get(pk=person.pk)
        if current.version != expected_version:
            raise EditConflict(current, expected_version)
        changed = sorted(name for name, value in changes.items() if getattr(current, name) != value)
        if not changed:
            return current
        for name in changed:
            setattr(current, name, changes[name])
        current.full_clean()
        current.version += 1
        current.save()
        audit.record(actor, Action.UPDATE, current, details={"changed": changed, "version": current.version})
    return current


def add_other_name(
    actor: Actor,
    person: Person,
    *,
    kind: str,
    given_name: str = "",
    family_name: str = "",
    recorded_by: Agency | None = None,
) -> OtherName:
    """Record a previous name, alias, preferred name or partner's spelling, so search finds it."""
    _require(policy.decide(_user(actor), policy.Permission.EDIT, person))
    if not (given_name.strip() or family_name.strip()):
        raise ValidationError({"family_name": "Enter a first name or last name"})
    other_name = OtherName(
        person=person,
        kind=kind,
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        recorded_by=recorded_by,
    )
    other_name.full_clean()
    with transaction.atomic():
        other_name.save()
        audit.record(actor, Action.CREATE, other_name, person_id=person.pk, details={"kind": kind})
    return other_name


def add_address(
    actor: Actor,
    person: Person,
    *,
    line_1: str,
    town: str,
    postcode: str,
    line_2: str = "",
    uprn: str = "",
    moved_in: date | None = None,
) -> Residence:
    """Record that `person` moved to an address; their current address ends the day they moved.

    An address already known (same UPRN, or same first line and postcode) is reused, so the
    people living there are seen as one household.
    """
    _require(policy.decide(_user(actor), policy.Permission.EDIT, person))
    with transaction.atomic():
        address = _find_or_create_address(
            line_1=line_1, line_2=line_2, town=town, postcode=postcode, uprn=uprn
        )
        _end_current_residences(person, moved_in)
        residence = Residence(person=person, address=address, moved_in=moved_in)
        residence.full_clean()
        residence.save()
        audit.record(
            actor, Action.CREATE, residence, person_id=person.pk, details={"moved_in": str(moved_in)}
        )
    return residence


def add_relationship(
    actor: Actor,
    person: Person,
    relative: Person,
    *,
    kind: str,
    has_parental_responsibility: bool = False,
    started: date | None = None,
) -> Relationship:
    """Record that `person` is the `kind` of `relative` (Sarah is the parent of Jo).

    The link shows on both records, so the actor must be allowed to change both.
    """
    user = _user(actor)
    _require(policy.decide(user, policy.Permission.EDIT, person))
    _require(policy.decide(user, policy.Permission.EDIT, relative))
    relationship = Relationship(
        person=person,
        relative=relative,
        kind=kind,
        has_parental_responsibility=has_parental_responsibility,
        started=started,
    )
    relationship.full_clean()
    with transaction.atomic():
        relationship.save()
        details = {
            "kind": kind,
            "relative_id": relative.pk,
            "parental_responsibility": has_parental_responsibility,
        }
        audit.record(actor, Action.CREATE, relationship, person_id=person.pk, details=details)
    return relationship


def _find_or_create_address(*, line_1: str, line_2: str, town: str, postcode: str, uprn: str) -> Address:
    postcode = normalise_postcode(postcode)
    known = Address.objects.filter(uprn=uprn).first() if uprn else None
    if known is None:
        known = Address.objects.filter(postcode=postcode, line_1__iexact=line_1.strip()).first()
    if known is not None:
        return known
    address = Address(
        line_1=line_1.strip(), line_2=line_2.strip(), town=town.strip(), postcode=postcode, uprn=uprn
    )
    address.full_clean()
    address.save()
    return address


def _end_current_residences(person: Person, moved_in: date | None) -> None:
    current = list(Residence.objects.select_for_update().filter(person=person, moved_out__isnull=True))
    for residence in current:
        if moved_in is not None and residence.moved_in is not None and residence.moved_in > moved_in:
            raise ValidationError(
                {"moved_in": "The date they moved in must be after they moved to their current address"}
            )
        residence.moved_out = moved_in or timezone.localdate()
        residence.save(update_fields=["moved_out"])


def _check_editable(fields: dict[str, Any]) -> None:
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"These are not details a practitioner edits: {', '.join(sorted(unknown))}")


def _require(decision: policy.Decision) -> None:
    if not decision:
        raise AccessRefused(decision)


def _user(actor: Actor) -> User:
    if actor.user is None:
        raise AccessRefused(policy.Decision(False, "not signed in"))
    return actor.user
