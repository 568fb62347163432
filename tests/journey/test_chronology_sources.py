"""Each kind of record about a child becomes the events a practitioner expects, in plain words.

Nadia (a social worker) records the steps of Jo's journey; the chronology turns each record into
events with a title, a type and a significance (key or routine). Synthetic data only.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from continuum.access.models import Agency, User
from continuum.earlyhelp.models import EarlyHelpAssessment, EarlyHelpEpisode, TeamAroundFamilyMeeting
from continuum.frontdoor.catalogue import Outcome, Route, Status, Worry
from continuum.frontdoor.models import Contact, ContactChild, Decision
from continuum.journey.chronology import Event, EventKind, Significance, chronology_of
from continuum.people.models import Person
from continuum.socialcare import models as socialcare
from continuum.statutory.models import ThresholdFramework
from continuum.statutory.timescales import ENGLAND
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

KEY, ROUTINE = Significance.KEY, Significance.ROUTINE


def seen(events: list[Event]) -> list[tuple[str, str, str]]:
    """(type, significance, title) of each event, oldest first, as a practitioner would read them."""
    return [(event.kind, event.significance, event.title) for event in reversed(events)]


def at(on: date, hour: int) -> datetime:
    return datetime.combine(on, time(hour), tzinfo=ENGLAND)


@pytest.fixture
def jo(db: None) -> Person:
    return PersonFactory.create(given_name="Jo", family_name="Testchild", date_of_birth=date(2012, 4, 1))


@pytest.fixture
def nadia(personas: dict[str, User]) -> User:
    return personas["nadia"]


def referral(jo: Person, nadia: User, on: date = date(2025, 1, 6), **fields: object) -> socialcare.Referral:
    return socialcare.Referral.objects.create(
        person=jo, referral_date=on, referral_source="2A", created_by=nadia, **fields
    )


def test_a_contact_and_its_decision_are_key_front_door_events(jo: Person, personas: dict[str, User]) -> None:
    police = Agency.objects.get(name="Northbridge Police")
    contact = Contact.objects.create(
        reference="FD-0000042",
        status=Status.DECIDED,
        route=Route.POLICE_NOTIFICATION,
        received_at=at(date(2025, 3, 3), 9),
        referrer_agency=police,
        worries=[Worry.DOMESTIC_ABUSE],
    )
    named = ContactChild.objects.create(contact=contact, person=jo, given_name="Jo")
    Decision.objects.create(
        child=named,
        level=ThresholdFramework.objects.in_force().levels.get(number=4),
        outcome=Outcome.STRATEGY_DISCUSSION,
        rationale="Injury seen at school.",
        decided_by=personas["tom"],
        decided_at=at(date(2025, 3, 3), 15),
        completed_at=at(date(2025, 3, 3), 15),
    )

    events = chronology_of(jo.pk)

    assert seen(events) == [
        ("front_door", KEY, "Contact received: Police domestic abuse notification"),
        ("front_door", KEY, "Front door decision: Strategy discussion"),
    ]
    contact_event = events[1]
    assert contact_event.detail == "FD-0000042, from Northbridge Police. Worries: Domestic abuse"
    assert contact_event.time_of_day == time(9) and contact_event.day == date(2025, 3, 3)
    assert (contact_event.source, contact_event.source_pk) == ("frontdoor.contact", contact.pk)
    assert events[0].detail.startswith("Level 4: ")


def test_a_draft_contact_is_not_in_the_chronology(jo: Person) -> None:
    draft = Contact.objects.create(status=Status.DRAFT, route=Route.MARF)
    ContactChild.objects.create(contact=draft, person=jo, given_name="Jo")

    assert chronology_of(jo.pk) == []


def test_early_help_gives_its_start_assessment_meetings_and_end(jo: Person, nadia: User) -> None:
    episode = EarlyHelpEpisode.objects.create(
        person=jo,
        started=date(2024, 1, 8),
        ended=date(2024, 9, 2),
        outcome="stepped_up",
        lead_practitioner=nadia,
        created_by=nadia,
    )
    EarlyHelpAssessment.objects.create(
        episode=episode, started=date(2024, 1, 10), completed=date(2024, 2, 1), created_by=nadia
    )
    TeamAroundFamilyMeeting.objects.create(
        episode=episode,
        held_on=date(2024, 2, 20),
        plan="Routines.",
        next_review=date(2024, 4, 2),
        created_by=nadia,
    )

    events = chronology_of(jo.pk)

    assert seen(events) == [
        ("early_help", KEY, "Early help started"),
        ("early_help", ROUTINE, "Early help assessment started"),
        ("early_help", KEY, "Early help assessment completed"),
        ("early_help", ROUTINE, "Team around the family meeting"),
        ("early_help", KEY, "Early help ended: Stepped up to children's social care"),
    ]
    assert events[-1].detail == "Lead practitioner: Nadia Begum"
    assert events[1].detail == "Next review 2 April 2024"


def test_a_referral_its_assessment_outcome_and_closure(jo: Person, nadia: User) -> None:
    first = referral(
        jo, nadia, date(2024, 2, 5), primary_need="N1", closed=date(2024, 3, 1), closure_reason="RC8"
    )
    socialcare.Assessment.objects.create(
        referral=first,
        started=date(2024, 2, 6),
        child_seen=date(2024, 2, 7),
        factors=["3A", "4B", "16A", "17A"],
        authorised=date(2024, 2, 28),
        outcome="nfa",
        created_by=nadia,
    )
    referral(jo, nadia, date(2024, 11, 4))

    events = chronology_of(jo.pk)

    assert seen(events) == [
        ("referral", KEY, "Referral to children's social care"),
        ("referral", ROUTINE, "Assessment started"),
        ("referral", KEY, "Assessment completed: No further action"),
        ("referral", KEY, "Case closed: Case closed after assessment, no further action"),
        ("referral", KEY, "Referral to children's social care"),
    ]
    assert events[-1].detail == "Source: Schools. Primary need: Abuse or neglect"
    assert events[2].detail == (
        "Child seen 7 February 2024. Factors: Domestic abuse: the child; Mental health: parent or carer; "
        "Neglect and 1 more"
    )
    # Nine months after the first: a re-referral in the DfE's sense.
    assert events[0].detail == "Source: Schools. Re-referral within 12 months"


def test_a_child_in_need_plan_its_start_reviews_and_end(jo: Person, nadia: User) -> None:
    plan = socialcare.ChildInNeedPlan.objects.create(
        referral=referral(jo, nadia), started=date(2025, 2, 3), ended=date(2025, 8, 4), created_by=nadia
    )
    socialcare.ChildInNeedReview.objects.create(plan=plan, held_on=date(2025, 5, 1), created_by=nadia)

    assert seen(chronology_of(jo.pk, kinds=[EventKind.CHILD_IN_NEED])) == [
        ("child_in_need", KEY, "Child in need plan started"),
        ("child_in_need", ROUTINE, "Child in need review"),
        ("child_in_need", KEY, "Child in need plan ended"),
    ]


def test_child_protection_from_strategy_discussion_to_the_end_of_the_plan(jo: Person, nadia: User) -> None:
    opened = referral(jo, nadia)
    discussion = socialcare.StrategyDiscussion.objects.create(
        referral=opened, held_on=date(2025, 1, 7), decision="s47", created_by=nadia
    )
    enquiry = socialcare.Section47Enquiry.objects.create(
        referral=opened,
        strategy_discussion=discussion,
        started=date(2025, 1, 7),
        completed=date(2025, 1, 20),
        outcome="icpc",
        created_by=nadia,
    )
    plan = socialcare.ChildProtectionPlan.objects.create(
        referral=opened,
        started=date(2025, 1, 28),
        initial_category="NEG",
        latest_category="EMO",
        ended=date(2025, 7, 28),
        end_reason="cin",
        created_by=nadia,
    )
    socialcare.ChildProtectionConference.objects.create(
        referral=opened,
        kind="initial",
        held_on=date(2025, 1, 28),
        section_47=enquiry,
        outcome="plan",
        created_by=nadia,
    )
    socialcare.ChildProtectionConference.objects.create(
        referral=opened,
        kind="review",
        held_on=date(2025, 7, 28),
        plan=plan,
        outcome="end_plan",
        created_by=nadia,
    )
    socialcare.CoreGroupMeeting.objects.create(plan=plan, held_on=date(2025, 2, 10), created_by=nadia)

    events = chronology_of(jo.pk, kinds=[EventKind.CHILD_PROTECTION])

    assert seen(events) == [
        ("child_protection", KEY, "Strategy discussion"),
        ("child_protection", KEY, "Section 47 enquiry started"),
        ("child_protection", KEY, "Section 47 enquiry completed"),
        ("child_protection", KEY, "Initial child protection conference"),
        ("child_protection", KEY, "Child protection plan started (Neglect)"),
        ("child_protection", ROUTINE, "Core group meeting"),
        ("child_protection", KEY, "Review child protection conference"),
        ("child_protection", KEY, "Child protection plan ended"),
    ]
    assert events[0].detail == "Reason: Risk reduced: child in need plan. Latest category: Emotional abuse"
    assert events[-1].detail == "Decision: Start a section 47 enquiry"
    assert events[1].detail == "Outcome: Plan ends"


def test_care_episodes_give_becoming_looked_after_each_change_and_ceasing(jo: Person, nadia: User) -> None:
    referral(jo, nadia, date(2023, 1, 2))
    episodes = [
        (date(2023, 1, 9), "S", "V2", "U6", "PR1", "X1", "", date(2023, 3, 1)),
        (date(2023, 3, 1), "L", "C1", "U6", "PR1", "X1", "CHILD", date(2023, 6, 1)),
        (date(2023, 6, 1), "P", "C1", "K2", "PR4", "X1", "", date(2023, 9, 1)),
        (date(2023, 9, 1), "B", "C2", "U4", "PR1", "E4A", "", date(2024, 4, 2)),
    ]
    for started, reason, legal, placement, provider, ended_because, moved_because, ended in episodes:
        socialcare.CareEpisode.objects.create(
            person=jo,
            started=started,
            reason_new_episode=reason,
            legal_status=legal,
            category_of_need="N1",
            placement_type=placement,
            placement_provider=provider,
            reason_placement_changed=moved_because,
            ended=ended,
            reason_ended=ended_because,
            created_by=nadia,
        )

    events = chronology_of(jo.pk, kinds=[EventKind.LOOKED_AFTER])

    children_s_home = "Children's home subject to the Children's Homes Regulations"
    long_term_foster = "Foster placement with other foster carers: long-term fostering"
    returned_home = "Returned home to parents or others with parental responsibility: part of care planning"
    assert seen(events) == [
        ("looked_after", KEY, "Became looked after"),
        ("looked_after", KEY, "Legal status changed: Interim care order"),
        ("looked_after", KEY, f"Placement changed: {children_s_home}"),
        ("looked_after", KEY, f"Placement and legal status changed: {long_term_foster}"),
        ("looked_after", KEY, f"Ceased to be looked after: {returned_home}"),
    ]
    assert events[-1].detail == (
        "Legal status: Single period of accommodation under section 20. "
        "Placement: Foster placement with other foster carers: other"
    )
    # The reason for a move is recorded on the placement that ended (SSDA903).
    assert events[2].detail == "Reason for the move: Child asked for the placement to end"
    assert events[1].detail == "Legal status: Full care order"


def test_reviews_health_checks_and_education_plans_are_routine(jo: Person, nadia: User) -> None:
    socialcare.LookedAfterReview.objects.create(
        person=jo, held_on=date(2024, 1, 5), participation="PN1", created_by=nadia
    )
    socialcare.HealthCheck.objects.create(
        person=jo, kind="initial", held_on=date(2024, 1, 10), created_by=nadia
    )
    socialcare.PersonalEducationPlan.objects.create(person=jo, held_on=date(2024, 1, 15), created_by=nadia)

    events = chronology_of(jo.pk)

    assert seen(events) == [
        ("looked_after", ROUTINE, "Looked-after review"),
        ("looked_after", ROUTINE, "Initial health assessment"),
        ("looked_after", ROUTINE, "Personal education plan meeting"),
    ]
    assert events[-1].detail == "Child attends and speaks for themselves"


def test_a_missing_episode_gives_going_missing_returning_and_the_interview(jo: Person, nadia: User) -> None:
    socialcare.MissingEpisode.objects.create(
        person=jo,
        kind="M",
        went_missing=at(date(2025, 4, 4), 22),
        returned=at(date(2025, 4, 5), 11),
        return_interview="held",
        return_interview_at=at(date(2025, 4, 6), 16),
        created_by=nadia,
    )
    socialcare.MissingEpisode.objects.create(
        person=jo, kind="A", went_missing=at(date(2025, 5, 1), 20), created_by=nadia
    )

    events = chronology_of(jo.pk)

    assert seen(events) == [
        ("missing", KEY, "Went missing"),
        ("missing", KEY, "Returned"),
        ("missing", ROUTINE, "Return interview held"),
        ("missing", KEY, "Away from placement without authorisation"),
    ]
    assert events[2].detail == "Return interview: held"
    assert events[2].time_of_day == time(11)


def test_leaving_care_support_pathway_plans_and_contacts(jo: Person, nadia: User) -> None:
    leaver = socialcare.CareLeaver.objects.create(
        person=jo,
        category="former_relevant",
        personal_adviser=nadia,
        started=date(2025, 3, 3),
        created_by=nadia,
    )
    socialcare.PathwayPlan.objects.create(care_leaver=leaver, held_on=date(2025, 3, 10), created_by=nadia)
    socialcare.PathwayPlan.objects.create(
        care_leaver=leaver, held_on=date(2025, 9, 10), is_review=True, created_by=nadia
    )
    socialcare.CareLeaverContact.objects.create(
        care_leaver=leaver, contact_on=date(2025, 5, 1), in_touch="YES", activity="F2", accommodation="U1",
        created_by=nadia,
    )  # fmt: skip

    events = chronology_of(jo.pk)

    assert seen(events) == [
        ("care_leaver", KEY, "Leaving care support started"),
        ("care_leaver", ROUTINE, "Pathway plan agreed"),
        ("care_leaver", ROUTINE, "Contact with the personal adviser"),
        ("care_leaver", ROUTINE, "Pathway plan reviewed"),
    ]
    assert events[-1].detail == "Former relevant: aged 18 to 25. Personal adviser: Nadia Begum"
    assert events[1].detail == (
        "Yes, in touch. Full-time in education other than higher education. "
        "Independent living, such as their own tenancy: suitable"
    )


def test_visits_are_routine_and_say_whether_the_child_was_seen(jo: Person, nadia: User) -> None:
    socialcare.Visit.objects.create(
        person=jo, kind="cp", visited_on=date(2025, 2, 3), seen_alone=True, visitor=nadia, created_by=nadia
    )
    socialcare.Visit.objects.create(
        person=jo, kind="cin", visited_on=date(2025, 3, 3), child_seen=False, created_by=nadia
    )

    events = chronology_of(jo.pk)

    assert seen(events) == [
        ("visit", ROUTINE, "Child protection visit"),
        ("visit", ROUTINE, "Child in need visit"),
    ]
    assert [event.detail for event in events] == [
        "Child not seen",
        "Child seen alone. Visited by Nadia Begum",
    ]


def test_another_childs_records_are_not_in_the_chronology(jo: Person, nadia: User) -> None:
    sibling = PersonFactory.create(given_name="Ada", family_name="Testchild")
    socialcare.Visit.objects.create(person=sibling, kind="cin", visited_on=date(2025, 2, 3), created_by=nadia)
    referral(sibling, nadia)

    assert chronology_of(jo.pk) == []
