"""The demo partnership behind `make run`: personas, the small area, a walkthrough family, authenticators.

The walkthrough family is written out by hand so the demo script can rely on it: Jayden Smith,
8, known to the police as "Jaden Smith" and to his GP as "Jayden Smyth", allocated to Nadia.
"""

from __future__ import annotations

import base64
import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from continuum.access.models import Agency, Team, User
from continuum.access.roles import AgencyType
from continuum.people.models import (
    Address,
    Allocation,
    ExternalIdentifier,
    NameKind,
    OtherName,
    Person,
    PersonKind,
    Relationship,
    RelationshipKind,
    Residence,
)

from .agencies import POLICE
from .generator import Summary, generate_partnership
from .identifiers import NhsNumbers, upn_for
from .personas import COUNCIL, DEMO_PASSWORD, PERSONAS, create_personas
from .profiles import get_profile
from .records import NICHE

DEMO_PROFILE = "small"
DEMO_SEED = 2026
DEMO_URL = "http://127.0.0.1:8000"
DEVICE_NAME = "Demo authenticator"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    who: str
    secret: str | None  # base32 TOTP secret, for an authenticator app; None if no second factor


def build_demo(progress: Callable[[str], None]) -> Summary | None:
    """Creates the demo partnership if the database has no people; returns None if it already had some.

    The demo is generated as on the day before it is built, so that the front door's queue is
    current: contacts that arrived yesterday are due today, and the overdue ones are days late,
    not months. (Generating without a reference date stays on the profile's fixed date.)
    """
    if Person.objects.exists():
        return None
    create_personas(DEMO_PASSWORD)
    reference_date = timezone.localdate() - timedelta(days=1)
    summary = generate_partnership(
        get_profile(DEMO_PROFILE), DEMO_SEED, progress, reference_date=reference_date
    )
    create_walkthrough_family(reference_date)
    return summary


def demo_totp_key(username: str, seed: int = DEMO_SEED) -> str:
    """A 20-byte key as hex, derived from the seed, so the demo's secrets are the same on every machine."""
    return hashlib.sha256(f"continuum-demo-totp:{seed}:{username}".encode()).hexdigest()[:40]


def ensure_demo_accounts() -> list[DemoAccount]:
    """Gives each persona who needs a second factor a confirmed authenticator; lists the accounts."""
    accounts = []
    for persona in PERSONAS:
        user = User.objects.filter(username=persona.username).first()
        if user is None:
            continue
        secret = None
        if user.needs_second_factor:
            device, _ = TOTPDevice.objects.get_or_create(
                user=user, name=DEVICE_NAME, defaults={"key": demo_totp_key(user.username), "confirmed": True}
            )
            secret = base64.b32encode(device.bin_key).decode()
        who = f"{user.get_full_name()}, {persona.job_title} ({persona.team}, {persona.agency})"
        accounts.append(DemoAccount(user.username, who, secret))
    return accounts


def describe_demo(accounts: list[DemoAccount]) -> list[str]:
    width = max([len("username"), *(len(account.username) for account in accounts)])
    lines = [
        "",
        f"Continuum demo: open {DEMO_URL}",
        "",
        f"Demo accounts (password for each: {DEMO_PASSWORD})",
        f"  {'username':<{width}}  {'second-factor secret':<32}  who",
    ]
    for account in accounts:
        secret = account.secret or "(none: password only)"
        lines.append(f"  {account.username:<{width}}  {secret:<32}  {account.who}")
    lines += [
        "",
        "Second factor: add an account's secret to an authenticator app (time-based, 6 digits, 30 seconds),",
        "or print the current code with `make code USER=tom`.",
        'Walkthrough: sign in as tom and search for "Jaden Smyth": it finds Jayden Smith',
        "(born 14 June 2017), allocated to Nadia in Assessment Team 1.",
        "Front door: tom has contacts allocated to him in the queue, and aisha has a decision to sign off.",
        "",
    ]
    return lines


@transaction.atomic
def create_walkthrough_family(reference_date: date) -> Person:
    """Kerry Smith and her children Leah and Jayden, with Jayden's father Ryan Walsh living elsewhere."""
    rng = random.Random(DEMO_SEED)
    taken = set(Person.objects.exclude(nhs_number="").values_list("nhs_number", flat=True))
    nhs = NhsNumbers(rng, taken)
    home = Address.objects.create(
        line_1="14 Moorside Road", line_2="Moorside", town="Northbridge", postcode="BD5 9QT"
    )
    before = Address.objects.create(
        line_1="Flat 2, 31 Eastbrook Lane", line_2="Eastbrook", town="Northbridge", postcode="BD2 4LN"
    )
    elsewhere = Address.objects.create(
        line_1="7 Keldale Street", line_2="Keldale", town="Northbridge", postcode="BD21 3HW"
    )
    kerry = _person("Kerry", "Smith", date(1994, 2, 11), "F", nhs.next(), "")
    leah = _person("Leah", "Smith", date(2014, 9, 3), "F", nhs.next(), upn_for("2001", 2019, 998))
    jayden = _person(
        "Jayden", "Smith", date(2017, 6, 14), "M", nhs.next(), upn_for("2001", 2021, 999), middle_names="Lee"
    )
    ryan = _person("Ryan", "Walsh", date(1991, 11, 27), "M", nhs.next(), "")
    moved = date(2024, 7, 1)
    for person in (kerry, leah, jayden):
        Residence.objects.create(
            person=person,
            address=before,
            moved_in=person.date_of_birth if person != kerry else date(2013, 5, 1),
            moved_out=moved,
        )
        Residence.objects.create(person=person, address=home, moved_in=moved)
    Residence.objects.create(person=ryan, address=elsewhere, moved_in=date(2022, 3, 1))
    _relate(kerry, leah, jayden, ryan)
    _partner_records(jayden, ryan)
    _allocate_to_nadia([leah, jayden], reference_date)
    return jayden


def _person(
    given: str, family: str, born: date, sex: str, nhs_number: str, upn: str, middle_names: str = ""
) -> Person:
    kind = PersonKind.ADULT if born.year < 2008 else PersonKind.CHILD
    return Person.objects.create(
        kind=kind,
        given_name=given,
        middle_names=middle_names,
        family_name=family,
        date_of_birth=born,
        sex=sex,
        ethnicity="WBRI",
        nhs_number=nhs_number,
        upn=upn,
    )


def _relate(kerry: Person, leah: Person, jayden: Person, ryan: Person) -> None:
    for child in (leah, jayden):
        Relationship.objects.create(
            person=kerry,
            relative=child,
            kind=RelationshipKind.PARENT,
            has_parental_responsibility=True,
            started=child.date_of_birth,
        )
    Relationship.objects.create(
        person=ryan,
        relative=jayden,
        kind=RelationshipKind.PARENT,
        has_parental_responsibility=True,
        started=jayden.date_of_birth,
    )
    Relationship.objects.create(person=leah, relative=jayden, kind=RelationshipKind.HALF_SIBLING)


def _partner_records(jayden: Person, ryan: Person) -> None:
    police = Agency.objects.get(name=POLICE)
    practice = Agency.objects.filter(agency_type=AgencyType.GP_PRACTICE).order_by("name").first()
    OtherName.objects.create(
        person=jayden,
        kind=NameKind.RECORDED_BY_PARTNER,
        given_name="Jaden",
        family_name="Smith",
        recorded_by=police,
    )
    OtherName.objects.create(
        person=jayden,
        kind=NameKind.RECORDED_BY_PARTNER,
        given_name="Jayden",
        family_name="Smyth",
        recorded_by=practice,
    )
    ExternalIdentifier.objects.create(person=jayden, agency=police, system=NICHE, identifier="900001017")
    ExternalIdentifier.objects.create(person=ryan, agency=police, system=NICHE, identifier="900001018")


def _allocate_to_nadia(children: list[Person], reference_date: date) -> None:
    nadia = User.objects.get(username="nadia")
    team = Team.objects.get(agency__name=COUNCIL, name="Assessment Team 1")
    for child in children:
        Allocation.objects.create(
            person=child,
            worker=nadia,
            team=team,
            started=reference_date - timedelta(days=21),
            reason="Child and family assessment",
        )
