"""Generates a whole synthetic partnership: agencies, staff, and the area's families.

Everything random comes from one `random.Random(seed)` (and Faker seeded with the same seed),
in a fixed order, and ages come from the profile's reference date, never the clock: the same
profile and seed give the same people on any machine, on any day.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Collection
from dataclasses import asdict, dataclass, field, replace
from datetime import date

from django.db import transaction

from continuum.access import audit
from continuum.access.audit import Action, Actor
from continuum.access.models import Agency, User
from continuum.insight.models import ChildPopulation
from continuum.people.models import ExternalIdentifier, Person, PersonKind
from continuum.statutory.periods import financial_year_of

from .agencies import create_agencies
from .caseloads import Caseloads
from .contact_writer import FrontDoorCounts
from .families import FamilyIndex
from .front_door import families_share, generate_casework
from .households import HouseholdPlanner
from .journey_calibration import JOURNEYS_FROM
from .journey_people import YOUNG_SINCE, care_experienced_births
from .journey_writer import JourneyCounts
from .names import NamePools
from .personas import DEMO_PASSWORD, create_personas
from .places import StreetMap
from .profiles import Profile
from .records import PartnerRecords
from .restricted import restrict_staff_families
from .staff import create_staff
from .writer import Counts, HouseholdWriter

Progress = Callable[[str], None]
# Who enters the child population (a performance analyst enters the ONS estimate in real use).
ANALYST = "sam"


@dataclass(frozen=True)
class Summary:
    profile: str
    seed: int
    reference_date: date
    agencies: int
    staff: int
    counts: Counts
    seconds: float
    front_door: FrontDoorCounts = field(default_factory=FrontDoorCounts)
    journeys: JourneyCounts = field(default_factory=JourneyCounts)


def _quiet(message: str) -> None:
    del message


def generate_partnership(
    profile: Profile, seed: int, progress: Progress = _quiet, reference_date: date | None = None
) -> Summary:
    """Adds the profile's partnership to the database in one transaction: all of it, or (on error) none."""
    started = time.perf_counter()
    if reference_date is not None:
        profile = replace(profile, reference_date=reference_date)
    with transaction.atomic():
        counts, front_door, journeys = _generate(profile, seed, progress)
        # Bulk writes skip the per-record services, so the run is audited as one entry, in the
        # same transaction: the people exist if and only if the entry saying who made them does.
        audit.record(
            Actor.command("generate_partnership"),
            Action.CREATE,
            purpose="synthetic partnership for a demo or test",
            details={
                "profile": profile.name,
                "seed": seed,
                **asdict(counts),
                **asdict(front_door),
                "journeys": asdict(journeys),
            },
        )
    return Summary(
        profile.name,
        seed,
        profile.reference_date,
        Agency.objects.count(),
        User.objects.count(),
        counts,
        time.perf_counter() - started,
        front_door,
        journeys,
    )


def _generate(
    profile: Profile, seed: int, progress: Progress
) -> tuple[Counts, FrontDoorCounts, JourneyCounts]:
    rng = random.Random(seed)
    personas = create_personas(DEMO_PASSWORD)
    pools = NamePools(rng, seed)
    agencies = create_agencies(
        rng, pools.streets, profile.primary_schools, profile.secondary_schools, profile.gp_practices
    )
    progress(f"Agencies: {len(agencies.by_name):,} (schools, GP practices, police, health, council, others)")
    staff = create_staff(rng, pools, agencies, profile, personas)
    progress(f"Staff: {staff.created:,} in {len(agencies.teams):,} teams, {len(staff.slots):,} caseloads")
    streets = StreetMap(rng, pools.streets, profile.streets_per_district)
    planner = HouseholdPlanner(rng, pools, streets, profile.reference_date)
    records = PartnerRecords(rng, agencies, profile.reference_date, _identifiers_in_use())
    caseloads = Caseloads(rng, staff.slots, profile.households, profile.reference_date)
    restricted = set(
        rng.sample(range(profile.households), min(profile.restricted_households, profile.households))
    )
    # The families' notes draw on their own random numbers, so the people are the same with or without them.
    families = FamilyIndex(
        random.Random(f"families {seed}"),
        families_share(profile),
        keep_every_family=profile.contacts_before_the_year > 0,
        young_since=YOUNG_SINCE,
    )
    writer = HouseholdWriter(staff.slots, families)
    step = max(1, profile.households // 20)  # a progress line every 5%
    for index in range(profile.households):
        household, district = planner.plan()
        household.restricted = index in restricted
        records.add_to(household, district)
        caseloads.allocate(household)
        writer.add(household)
        if (index + 1) % step == 0 or index + 1 == profile.households:
            percent = (index + 1) * 100 // profile.households
            progress(f"Households: {index + 1:,} of {profile.households:,} ({percent}%)")
    writer.flush()
    for born in care_experienced_births(rng, writer.counts.children):
        household, district = planner.care_experienced(born)
        records.add_to(household, district)
        writer.add(household)
    writer.flush()
    progress(f"Care-experienced young adults: {writer.counts.households - profile.households:,}")
    named = restrict_staff_families(rng, writer.restricted, staff.slots, personas)
    progress(
        f"Restricted records: {writer.counts.restricted} people in {len(writer.restricted)} staff families "
        f"({named} named readers)"
    )
    casework = generate_casework(seed, profile, agencies, writer, staff.slots, personas, progress)
    years = enter_child_population(profile.reference_date, personas[ANALYST])
    progress(f"Child population: {years[-1].children:,} children entered for {len(years)} financial years")
    return writer.counts, casework.front_door, casework.journeys


def enter_child_population(reference_date: date, analyst: User) -> list[ChildPopulation]:
    """The area's children for every financial year the journeys cover, up to the reference date's,
    so that rates per 10,000 children can be worked out: the children (0-17) on the register.

    Entered as the performance analyst would enter the ONS estimate (a new row each run: the
    latest row for a year is the one in force, so a `--force` run's larger area takes over).
    """
    children = Person.objects.filter(kind=PersonKind.CHILD).count()
    source = (
        f"Synthetic: children aged 0 to 17 on the generated register on {reference_date:%d %B %Y} "
        "(not an ONS estimate)"
    )
    years = range(financial_year_of(JOURNEYS_FROM), financial_year_of(reference_date) + 1)
    return ChildPopulation.objects.bulk_create(
        ChildPopulation(year=year, children=children, source=source, entered_by=analyst) for year in years
    )


def _identifiers_in_use() -> dict[str, Collection[str]]:
    """Identifiers already in the database (from an earlier run), so that new ones never collide."""
    if not Person.objects.exists():
        return {}
    taken: dict[str, Collection[str]] = {
        "nhs": set(Person.objects.exclude(nhs_number="").values_list("nhs_number", flat=True)),
        "upn": set(Person.objects.exclude(upn="").values_list("upn", flat=True)),
    }
    for system, key in (("Niche RMS", "Niche RMS"), ("Cerner Millennium", "Cerner Millennium")):
        taken[key] = set(
            ExternalIdentifier.objects.filter(system=system).values_list("identifier", flat=True)
        )
    taken["gp"] = set(
        ExternalIdentifier.objects.filter(system__in=["SystmOne", "EMIS Web"]).values_list(
            "identifier", flat=True
        )
    )
    return taken


def describe(summary: Summary) -> list[str]:
    """The end-of-run summary, one line per kind of record."""
    counts = summary.counts
    return [
        f"Generated the {summary.profile} partnership with seed {summary.seed} "
        f"(ages as on {summary.reference_date:%d %B %Y}) in {summary.seconds:.1f} seconds:",
        f"  agencies            {summary.agencies:>9,}",
        f"  staff               {summary.staff:>9,}",
        f"  households          {counts.households:>9,}",
        f"  children            {counts.children:>9,}",
        f"  unborn children     {counts.unborn:>9,}",
        f"  adults              {counts.adults:>9,}",
        f"  addresses           {counts.addresses:>9,}",
        f"  moves               {counts.moves:>9,}",
        f"  relationships       {counts.relationships:>9,}",
        f"  aliases and names   {counts.other_names:>9,}  (previous, preferred and partner-recorded names)",
        f"  partner identifiers {counts.identifiers:>9,}",
        f"  allocations         {counts.allocations:>9,}",
        f"  restricted people   {counts.restricted:>9,}",
        *_describe_front_door(summary.front_door),
        *_describe_journeys(summary.journeys),
    ]


def _describe_front_door(counts: FrontDoorCounts) -> list[str]:
    if not counts.contacts:
        return []
    return [
        f"  contacts            {counts.contacts:>9,}  ({counts.open_contacts:,} still open)",
        f"  children on them   {counts.contact_children:>10,}  ({counts.unlinked_children:,} not yet linked)",
        f"  household members   {counts.household_members:>9,}",
        f"  partner checks      {counts.partner_checks:>9,}",
        f"  joint screenings    {counts.screenings:>9,}",
        f"  decisions           {counts.decisions:>9,}",
        f"  referrals           {counts.referrals:>9,}  (+{counts.earlier_referrals:,} not from a contact)",
        f"  early help episodes {counts.early_help:>9,}",
        f"  Encompass notices   {counts.encompass_notices:>9,}",
        *(
            [
                f"  earlier contacts    {counts.earlier_contacts:>9,}  (since April 2016: "
                f"{counts.earlier_contact_referrals:,} referrals, {counts.earlier_contact_early_help:,} "
                "early help episodes from them)"
            ]
            if counts.earlier_contacts
            else []
        ),
    ]


def _describe_journeys(counts: JourneyCounts) -> list[str]:
    if not counts.referrals:
        return []
    return [
        f"  journeys since April 2016: {counts.referrals:,} referrals, {counts.assessments:,} assessments, "
        f"{counts.child_in_need_plans:,} child in need plans",
        f"    {counts.strategy_discussions:,} strategy discussions, "
        f"{counts.section_47_enquiries:,} section 47 enquiries, {counts.conferences:,} conferences, "
        f"{counts.child_protection_plans:,} child protection plans, {counts.core_groups:,} core groups",
        f"    {counts.care_episodes:,} care episodes, {counts.looked_after_reviews:,} looked-after reviews, "
        f"{counts.health_checks:,} health checks, {counts.education_plans:,} education plans, "
        f"{counts.missing_episodes:,} missing episodes",
        f"    {counts.care_leavers:,} care leaver records, {counts.pathway_plans:,} pathway plans, "
        f"{counts.care_leaver_contacts:,} care leaver contacts",
        f"    {counts.early_help:,} early help episodes, "
        f"{counts.early_help_meetings:,} team around the family meetings, {counts.visits:,} visits, "
        f"{counts.allocations:,} allocations of open work",
    ]
