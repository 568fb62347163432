"""The front-door figures for a year of eight contacts whose facts we know, worked out by hand.

The contacts are written straight to the tables (not through the steps) so that each fact
(when it arrived, when it was decided, what consent says) is exactly what the test says. Times
are in England: the year is the financial year 1 April 2025 to 31 March 2026, and the figures
are taken at 09:00 on 1 April 2026.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pytest

from continuum.access.models import User
from continuum.frontdoor import clocks, figures
from continuum.frontdoor.catalogue import Consent, NoFurtherActionReason, Outcome, Route, Status
from continuum.frontdoor.models import Contact, ContactChild, Decision
from continuum.people.models import Person
from continuum.socialcare.models import Referral
from continuum.statutory.models import ThresholdFramework
from continuum.statutory.timescales import ENGLAND
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

YEAR = figures.Period(date(2025, 4, 1), date(2026, 3, 31))
AS_AT = datetime(2026, 4, 1, 9, 0, tzinfo=ENGLAND)


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ENGLAND)


@dataclass
class Facts:
    received_at: datetime | None
    route: str
    source: str
    # Each child's outcome; (outcome, reason, completed). None: the child has no decision yet.
    children: list[tuple[str, str, bool] | None] = field(default_factory=lambda: [None])
    decided_at: datetime | None = None
    consent: str = ""
    not_obtained_reason: str = ""
    not_needed_reason: str = ""
    voice: str = ""
    told: bool = False
    status: str = ""


def make_contact(facts: Facts, decider: User) -> Contact:
    received = facts.received_at
    status = facts.status or (Status.DECIDED if facts.decided_at else Status.IN_PROGRESS)
    contact = Contact.objects.create(
        status=Status.DRAFT if received is None else status,
        route=facts.route,
        referral_source=facts.source,
        received_at=received,
        due_at=clocks.decision_due(received) if received else None,
        decided_at=facts.decided_at,
        referrer_told_at=facts.decided_at if facts.told else None,
        consent=facts.consent,
        consent_not_obtained_reason=facts.not_obtained_reason,
        consent_not_needed_reason=facts.not_needed_reason,
        child_voice=facts.voice,
        referrer_name="A referrer",
    )
    level = ThresholdFramework.objects.in_force().levels.get(number=3)
    for decision in facts.children:
        person = PersonFactory.create()
        child = ContactChild.objects.create(contact=contact, person=person, given_name=person.given_name)
        if decision is None:
            continue
        outcome, reason, completed = decision
        decided = (facts.decided_at or AS_AT) - timedelta(hours=1)
        Decision.objects.create(
            child=child,
            level=level,
            outcome=outcome,
            no_further_action_reason=reason,
            rationale="Reasons.",
            decided_by=decider,
            decided_at=decided,
            needs_sign_off=not completed,
            completed_at=facts.decided_at if completed else None,
        )
    return contact


NFA = Outcome.NO_FURTHER_ACTION
INFORMATION_ONLY = NoFurtherActionReason.INFORMATION_ONLY
C1 = Facts(  # a minute past midnight on 1 April (British Summer Time): in the year
    at(2025, 4, 1, 0, 15), Route.MARF, "2A", [(Outcome.EARLY_HELP, "", True)],
    decided_at=at(2025, 4, 1, 15), consent=Consent.OBTAINED, voice="I like school.", told=True,
)  # fmt: skip
C2 = Facts(
    at(2025, 6, 10), Route.POLICE_NOTIFICATION, "6",
    [(NFA, INFORMATION_ONLY, True), (NFA, INFORMATION_ONLY, True)],
    decided_at=at(2025, 6, 11, 12), consent=Consent.NOT_SOUGHT, not_obtained_reason="Police notification.",
)  # fmt: skip
C3 = Facts(  # decided at the stroke of midnight when its clock ran out: late
    at(2025, 9, 15, 14), Route.PHONE, "3F", [(NFA, NoFurtherActionReason.NO_CONSENT, True)],
    decided_at=clocks.decision_due(at(2025, 9, 15, 14)), consent=Consent.REFUSED,
    not_obtained_reason="Mother said no.", told=True,
)  # fmt: skip
C4 = Facts(
    at(2025, 11, 3, 9), Route.ANONYMOUS, "9", [(Outcome.ADVICE, "", True)], decided_at=at(2025, 11, 3, 16)
)
C5 = Facts(
    at(2026, 1, 20, 11), Route.MARF, "2A",
    [(Outcome.STRATEGY_DISCUSSION, "", True), (Outcome.SOCIAL_WORK_ASSESSMENT, "", True)],
    decided_at=at(2026, 1, 21, 10), consent=Consent.NOT_SOUGHT,
    not_needed_reason="Asking would put the children at risk.", voice="Said he is scared of his stepdad.",
)  # fmt: skip
C6 = Facts(  # still open, its clock ran out on 3 March
    at(2026, 3, 2, 16), Route.PHONE, "6", consent=Consent.OBTAINED, voice="   "
)
C7 = Facts(  # still open, received on the year's last evening: due at the end of 1 April
    at(2026, 3, 31, 23, 50), Route.SELF, "1C", consent=Consent.NOT_SOUGHT, voice="She wants help."
)
C8 = Facts(  # decided, but the "no further action" waits for a manager: open, and past its clock
    at(2026, 3, 30), Route.EMAIL, "5D", [(NFA, NoFurtherActionReason.BELOW_THRESHOLD, False)],
    consent=Consent.OBTAINED, voice="Nothing to add.", status=Status.AWAITING_SIGN_OFF,
)  # fmt: skip
OUTSIDE = (
    Facts(at(2025, 3, 31, 23, 30), Route.MARF, "2A", decided_at=at(2025, 4, 1, 9), voice="x", told=True),
    Facts(at(2026, 4, 1, 0, 10), Route.MARF, "2A", voice="x"),
    Facts(None, Route.MARF, "2A", voice="x"),  # a draft: not received at all
)


@pytest.fixture
def year_of_contacts(personas: dict[str, User]) -> list[Contact]:
    return [make_contact(facts, personas["tom"]) for facts in (C1, C2, C3, C4, C5, C6, C7, C8, *OUTSIDE)]


def test_contacts_are_counted_by_the_day_they_arrived_in_england(year_of_contacts: list[Contact]) -> None:
    # C1 arrived at 00:15 on 1 April, which is still 31 March in UTC: it is in the year. The
    # contact at 23:30 on 31 March 2025, the one at 00:10 on 1 April 2026 and the draft are not.
    assert figures.contacts_received(YEAR).count() == 8


def test_contacts_by_referral_source_list_the_dfe_codes_in_catalogue_order(
    year_of_contacts: list[Contact],
) -> None:
    by_source = figures.contacts_by_source(YEAR)
    # 1C: C7. 2A: C1, C5. 3F: C3. 5D: C8. 6: C2, C6. 9: C4. Total 8.
    assert [(row.code, row.count) for row in by_source.rows] == [
        ("1C", 1), ("2A", 2), ("3F", 1), ("5D", 1), ("6", 2), ("9", 1),
    ]  # fmt: skip
    assert by_source.total == 8
    assert by_source.rows[1].label == "Schools" and by_source.rows[1].percent_text == "25%"


def test_contacts_by_route(year_of_contacts: list[Contact]) -> None:
    by_route = {row.code: row.count for row in figures.contacts_by_route(YEAR).rows}
    # MARF: C1, C5. Phone: C3, C6. E-mail: C8. Police: C2. Partner system: none. Self: C7. Anonymous: C4.
    assert by_route == {
        "marf": 2, "phone": 2, "email": 1, "police_notification": 1,
        "partner_system": 0, "self": 1, "anonymous": 1,
    }  # fmt: skip


def test_decided_within_one_working_day_counts_open_contacts_past_their_clock_as_late(
    year_of_contacts: list[Contact],
) -> None:
    timeliness = figures.decided_within_one_working_day(YEAR, as_at=AS_AT)
    # Decided: C1, C2, C4, C5 in time; C3 at exactly its deadline, which is late.   4 of 5
    # Open past the clock at 09:00 on 1 April: C6 (due 3 March) and C8 (due 31 March,
    # waiting for sign-off).                                                    + 0 of 2
    # Open within the clock: C7 (due at the end of 1 April): not counted yet.
    assert (timeliness.numerator, timeliness.denominator) == (4, 7)
    assert timeliness.percent_text == "57%"


def test_outcomes_count_each_childs_decision_and_split_no_further_action_by_reason(
    year_of_contacts: list[Contact],
) -> None:
    outcomes = {row.code: row.count for row in figures.outcomes(YEAR).rows}
    # Children with decisions that took effect: C1 early help; C2 two NFA (information only);
    # C3 NFA (no consent); C4 advice; C5 a strategy discussion and an assessment. C8's NFA
    # waits for sign-off and is not counted yet. Total 7.
    assert outcomes == {
        "nfa:below_threshold": 0,
        "nfa:already_open": 0,
        "nfa:information_only": 2,
        "nfa:no_consent": 1,
        "nfa:duplicate": 0,
        "nfa:moved_away": 0,
        "advice": 1,
        "early_help": 1,
        "assessment": 1,
        "strategy_discussion": 1,
    }
    assert figures.outcomes(YEAR).total == 7


def test_consent_is_recorded_when_given_or_when_a_reason_is_recorded(year_of_contacts: list[Contact]) -> None:
    breakdown = {row.code: row.count for row in figures.consent_breakdown(YEAR).rows}
    # Given: C1, C6, C8. Not needed (child protection): C5. Refused with a reason: C3.
    # Not asked, with a reason: C2. Not recorded: C4 (anonymous, blank), C7 (no reason).
    assert breakdown == {"obtained": 3, "not_needed": 1, "refused": 1, "not_sought": 1, "not_recorded": 2}
    consent = figures.consent_recorded(YEAR)
    assert (consent.numerator, consent.denominator) == (6, 8)  # 75%


def test_the_childs_voice_is_recorded_when_the_box_holds_more_than_spaces(
    year_of_contacts: list[Contact],
) -> None:
    voice = figures.child_voice_recorded(YEAR)
    # C1, C5, C7, C8 yes. C2, C3, C4 blank; C6 only spaces.
    assert (voice.numerator, voice.denominator) == (4, 8)


def test_referrer_feedback_counts_decided_contacts_that_were_not_anonymous(
    year_of_contacts: list[Contact],
) -> None:
    feedback = figures.referrer_feedback(YEAR)
    # Decided and not anonymous: C1 (told), C2, C3 (told), C5. C4 is anonymous; C6-C8 are open.
    assert (feedback.numerator, feedback.denominator) == (2, 4)


def test_a_referral_is_a_re_referral_when_the_child_had_one_in_the_12_months_before(
    year_of_contacts: list[Contact], personas: dict[str, User]
) -> None:
    strategy, assessment = ContactChild.objects.filter(contact=year_of_contacts[4]).order_by("pk")
    for child in (strategy, assessment):
        assert child.person is not None
        Referral.objects.create(
            person=child.person, referral_date=date(2026, 1, 20), referral_source="2A",
            contact_child=child, created_by=personas["tom"],
        )  # fmt: skip
    earlier = {strategy.person: date(2025, 2, 10), assessment.person: date(2025, 1, 19)}
    for person, day in earlier.items():
        assert isinstance(person, Person)
        Referral.objects.create(
            person=person, referral_date=day, referral_source="6", created_by=personas["tom"],
            closed=day, closure_reason="RC8",
        )  # fmt: skip
    re_referrals = figures.re_referrals(YEAR)
    # Referrals in the year: the two from C5 on 20 January 2026. The first child was referred on
    # 10 February 2025 (within 12 months); the second on 19 January 2025, a day too early (the
    # window starts on 20 January 2025). The earlier referrals are before the year.
    assert (re_referrals.numerator, re_referrals.denominator) == (1, 2)


def test_all_the_figures_together_for_the_page(year_of_contacts: list[Contact]) -> None:
    together = figures.front_door_figures(YEAR, as_at=AS_AT)
    assert together.contacts == 8
    assert together.timeliness.fraction_text == "4 of 7"
    assert together.re_referrals.percent is None and together.re_referrals.percent_text == "No data"


def test_a_financial_year_runs_from_1_april_and_stops_at_today_while_it_is_under_way() -> None:
    assert figures.financial_year_of(date(2026, 3, 31)) == 2025
    assert figures.financial_year_of(date(2026, 4, 1)) == 2026
    assert figures.Period.financial_year(2025) == YEAR
    assert figures.Period.financial_year(2025, today=date(2025, 11, 22)).end == date(2025, 11, 22)
    assert figures.Period.financial_year(2024, today=date(2025, 11, 22)).end == date(2025, 3, 31)
    assert YEAR.label == "1 April 2025 to 31 March 2026"
    with pytest.raises(ValueError, match="cannot end"):
        figures.Period(date(2026, 1, 2), date(2026, 1, 1))
