"""Writes planned journeys with bulk inserts: one insert per table per batch, many-to-many rows included.

Referrals made by a front-door decision are written by the contact writer (they hang off the
contact); this writes the rest, then everything that hangs off every referral. Early help links
(stepped down from, stepped up to) are set once every referral has its id.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from django.db import models

from continuum.earlyhelp.models import EarlyHelpAssessment, EarlyHelpEpisode, TeamAroundFamilyMeeting
from continuum.people.models import Allocation, Service
from continuum.socialcare.catalogue import ConferenceKind
from continuum.socialcare.models import (
    Assessment,
    CareEpisode,
    CareLeaver,
    CareLeaverContact,
    CareOutcomes,
    ChildInNeedPlan,
    ChildInNeedReview,
    ChildProtectionConference,
    ChildProtectionPlan,
    CoreGroupMeeting,
    HealthCheck,
    LookedAfterReview,
    MissingEpisode,
    PathwayPlan,
    PersonalEducationPlan,
    Referral,
    Section47Enquiry,
    StrategyDiscussion,
    Visit,
)

from .bulk import create
from .care_outcomes import outcomes_for
from .journey_plans import (
    Journey,
    PlannedCare,
    PlannedCareLeaver,
    PlannedCinPlan,
    PlannedCpPlan,
    PlannedEarlyHelpEpisode,
    PlannedMissing,
)
from .journey_stage import Allocated
from .staff import PERSONA_TEAM, CaseworkSlot

BATCH = 2000
M = TypeVar("M", bound=models.Model)
SERVICE_FOR = {"early_help": Service.EARLY_HELP, "leaving_care": Service.LEAVING_CARE}
TEAM_AROUND_THE_FAMILY_PLANS = (
    "Mum to attend the Freedom Programme; school to offer mentoring; review in six weeks.",
    "Health visitor to support routines and sleep; family hub stay-and-play weekly.",
    "Housing to review the tenancy; school attendance officer to meet with dad fortnightly.",
    "Young person to see the school counsellor; parents to attend a parenting course.",
    "Family support worker to visit weekly; GP referral for mum's low mood.",
)


@dataclass
class JourneyCounts:
    referrals: int = 0
    assessments: int = 0
    child_in_need_plans: int = 0
    strategy_discussions: int = 0
    section_47_enquiries: int = 0
    conferences: int = 0
    child_protection_plans: int = 0
    core_groups: int = 0
    care_episodes: int = 0
    looked_after_reviews: int = 0
    health_checks: int = 0
    education_plans: int = 0
    care_outcomes: int = 0
    missing_episodes: int = 0
    care_leavers: int = 0
    pathway_plans: int = 0
    care_leaver_contacts: int = 0
    early_help: int = 0
    early_help_meetings: int = 0
    visits: int = 0
    allocations: int = 0
    earlier_allocations: int = 0


def _chunks(items: list[M] | list[Journey], size: int = BATCH) -> Iterator[list[Journey]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]  # type: ignore[misc]


def _create(model: type[M], rows: Iterable[M]) -> list[M]:
    return create(model, list(rows))


class JourneyWriter:
    def __init__(self, today: date) -> None:
        self.counts = JourneyCounts()
        self.today = today

    def write(
        self,
        journeys: list[Journey],
        episodes: list[PlannedEarlyHelpEpisode],
        care_leavers: list[PlannedCareLeaver],
        missing: list[PlannedMissing],
    ) -> None:
        for chunk in _chunks(journeys):
            self._write_referrals(chunk)
        for chunk in _chunks(journeys):
            self._write_social_care(chunk)
        self._write_early_help(episodes)
        self._write_care_leavers(care_leavers)
        self.counts.missing_episodes += len(
            _create(MissingEpisode, (MissingEpisode(**_missing(m)) for m in missing))
        )

    def _write_referrals(self, journeys: list[Journey]) -> None:
        new = [j for j in journeys if j.referral_id is None]
        saved = _create(Referral, (_referral(j) for j in new))
        for journey, referral in zip(new, saved, strict=True):
            journey.referral_id = referral.pk
        self.counts.referrals += len(journeys)

    def _write_social_care(self, journeys: list[Journey]) -> None:
        counts = self.counts
        counts.assessments += len(_create(Assessment, _assessments(journeys)))
        plans = _create(ChildInNeedPlan, (_cin_plan(j, p) for j in journeys for p in j.cin_plans))
        reviews = [
            ChildInNeedReview(plan=row, held_on=day, created_by_id=row.created_by_id)
            for row, planned in zip(plans, (p for j in journeys for p in j.cin_plans), strict=True)
            for day in planned.reviews
        ]
        _create(ChildInNeedReview, reviews)
        counts.child_in_need_plans += len(plans)
        self._write_protection(journeys)
        self._write_care(journeys)
        counts.visits += len(_create(Visit, _visits(journeys)))

    def _write_protection(self, journeys: list[Journey]) -> None:
        enquiries = [(j, e) for j in journeys for e in j.enquiries]
        discussions = _create(
            StrategyDiscussion,
            (
                StrategyDiscussion(
                    referral_id=j.written_referral_id,
                    held_on=e.held_on,
                    decision=e.decision,
                    created_by_id=j.worker_id,
                )
                for j, e in enquiries
            ),
        )
        through = StrategyDiscussion.agencies_present.through
        _create(
            through,
            (
                through(strategydiscussion_id=row.pk, agency_id=agency)
                for row, (_, e) in zip(discussions, enquiries, strict=True)
                for agency in e.agencies
            ),
        )
        with_s47 = [
            (j, e, d) for (j, e), d in zip(enquiries, discussions, strict=True) if e.started is not None
        ]
        s47s = _create(
            Section47Enquiry,
            (
                Section47Enquiry(
                    referral_id=j.written_referral_id,
                    strategy_discussion=d,
                    started=e.started or e.held_on,
                    completed=e.completed,
                    outcome=e.outcome,
                    created_by_id=j.worker_id,
                )
                for j, e, d in with_s47
            ),
        )
        s47_of = {id(e): row for (_, e, _), row in zip(with_s47, s47s, strict=True)}
        cp = [(j, p) for j in journeys for p in j.cp_plans]
        plans = _create(ChildProtectionPlan, (_cp_plan(j, p) for j, p in cp))
        plan_of = {id(p.enquiry): row for (_, p), row in zip(cp, plans, strict=True)}
        conferences = [
            ChildProtectionConference(
                referral_id=j.written_referral_id, kind=ConferenceKind.INITIAL, held_on=e.conference.held_on,
                section_47=s47_of.get(id(e)), plan=plan_of.get(id(e)), outcome=e.conference.outcome,
                created_by_id=j.worker_id,
            )
            for j, e, _ in with_s47 if e.conference is not None
        ]  # fmt: skip
        conferences += [
            ChildProtectionConference(
                referral_id=j.written_referral_id, kind=r.kind, held_on=r.held_on, plan=row,
                outcome=r.outcome, created_by_id=j.worker_id,
            )
            for (j, p), row in zip(cp, plans, strict=True) for r in p.reviews
        ]  # fmt: skip
        core = [
            CoreGroupMeeting(plan=row, held_on=day, created_by_id=j.worker_id)
            for (j, p), row in zip(cp, plans, strict=True)
            for day in p.core_groups
        ]
        counts = self.counts
        counts.strategy_discussions += len(discussions)
        counts.section_47_enquiries += len(s47s)
        counts.child_protection_plans += len(plans)
        counts.conferences += len(_create(ChildProtectionConference, conferences))
        counts.core_groups += len(_create(CoreGroupMeeting, core))

    def _write_care(self, journeys: list[Journey]) -> None:
        cared = [j for j in journeys if j.care is not None]
        episodes = [
            CareEpisode(person_id=j.child.person_id, created_by_id=j.worker_id, **vars_of(e))
            for j in cared
            for e in j.care.episodes  # type: ignore[union-attr]
        ]
        reviews = [
            LookedAfterReview(
                person_id=j.child.person_id, held_on=day, participation=code, created_by_id=j.worker_id
            )
            for j in cared
            for day, code in j.care.reviews  # type: ignore[union-attr]
        ]
        checks = [
            HealthCheck(person_id=j.child.person_id, kind=kind, held_on=day, created_by_id=j.worker_id)
            for j in cared
            for kind, day in j.care.health_checks  # type: ignore[union-attr]
        ]
        plans = [
            PersonalEducationPlan(person_id=j.child.person_id, held_on=day, created_by_id=j.worker_id)
            for j in cared
            for day in j.care.education_plans  # type: ignore[union-attr]
        ]
        counts = self.counts
        counts.care_episodes += len(_create(CareEpisode, episodes))
        counts.looked_after_reviews += len(_create(LookedAfterReview, reviews))
        counts.health_checks += len(_create(HealthCheck, checks))
        counts.education_plans += len(_create(PersonalEducationPlan, plans))
        outcomes = [
            CareOutcomes(person_id=j.child.person_id, created_by_id=j.worker_id, **vars_of(each))
            for j in cared
            for each in outcomes_for(j.child, j.care, self.today)  # type: ignore[arg-type]
        ]
        counts.care_outcomes += len(_create(CareOutcomes, outcomes))
        # The social worker a child had while looked after, kept as history once care or the case
        # has ended (the looked-after return lists each child's social workers); open work gets its
        # worker from the caseloads (write_allocations).
        history = [_earlier_social_worker(j, j.care) for j in cared if j.care is not None]
        history = [allocation for allocation in history if allocation.ended is not None]
        counts.earlier_allocations += len(_create(Allocation, history))

    def _write_early_help(self, episodes: list[PlannedEarlyHelpEpisode]) -> None:
        new = [e for e in episodes if e.episode_id is None]
        saved = _create(EarlyHelpEpisode, (_early_help(e) for e in new))
        for planned, row in zip(new, saved, strict=True):
            planned.episode_id = row.pk
        linked = [
            EarlyHelpEpisode(
                pk=e.episode_id,
                stepped_down_from_id=_referral_id(e.stepped_down_from),
                stepped_up_to_id=_referral_id(e.stepped_up_to),
            )
            for e in episodes
            if e.from_contact and (e.stepped_down_from or e.stepped_up_to)
        ]
        EarlyHelpEpisode.objects.bulk_update(linked, ["stepped_down_from", "stepped_up_to"], batch_size=BATCH)
        _create(
            EarlyHelpAssessment,
            (
                EarlyHelpAssessment(
                    episode_id=e.written_id,
                    started=e.assessment[0],
                    completed=e.assessment[1],
                    created_by_id=e.lead_practitioner_id,
                )
                for e in episodes
                if e.assessment is not None
            ),
        )
        with_meetings = [(e, held, following) for e in episodes for held, following in e.meetings]
        meetings = _create(
            TeamAroundFamilyMeeting,
            (
                TeamAroundFamilyMeeting(
                    episode_id=e.written_id, held_on=held, next_review=following,
                    plan=_words_of_plan(e.child.person_id + n),
                    created_by_id=e.lead_practitioner_id,
                )
                for n, (e, held, following) in enumerate(with_meetings)
            ),
        )  # fmt: skip
        through = TeamAroundFamilyMeeting.agencies_present.through
        _create(
            through,
            (
                through(teamaroundfamilymeeting_id=row.pk, agency_id=agency)
                for row, (e, _, _) in zip(meetings, with_meetings, strict=True)
                for agency in e.agencies
            ),
        )
        self.counts.early_help += len(episodes)
        self.counts.early_help_meetings += len(meetings)

    def _write_care_leavers(self, records: list[PlannedCareLeaver]) -> None:
        saved = _create(
            CareLeaver,
            (
                CareLeaver(
                    person_id=r.child.person_id,
                    category=r.category,
                    personal_adviser_id=r.personal_adviser_id,
                    started=r.started,
                    ended=r.ended,
                    created_by_id=r.personal_adviser_id,
                )
                for r in records
            ),
        )
        plans = [
            PathwayPlan(care_leaver=row, held_on=day, is_review=review, created_by_id=r.personal_adviser_id)
            for r, row in zip(records, saved, strict=True)
            for day, review in r.pathway_plans
        ]
        contacts = [
            CareLeaverContact(
                care_leaver=row,
                contact_on=day,
                in_touch=touch,
                activity=activity,
                accommodation=home,
                created_by_id=r.personal_adviser_id,
            )
            for r, row in zip(records, saved, strict=True)
            for day, touch, activity, home in r.contacts
        ]
        counts = self.counts
        counts.care_leavers += len(saved)
        counts.pathway_plans += len(_create(PathwayPlan, plans))
        counts.care_leaver_contacts += len(_create(CareLeaverContact, contacts))

    def write_allocations(
        self,
        allocated: list[Allocated],
        slots: list[CaseworkSlot],
        caseload_starts: dict[int, date],
        personas: set[int],
    ) -> None:
        """Open work to a worker (or the team's waiting list) of the right kind, round the team in turn;
        the caseloads' own allocations take the date their work began."""
        by_kind: dict[str, list[CaseworkSlot]] = {}
        for slot in slots:
            # The personas' team keeps the caseload the demo was designed with.
            if slot.team.name != PERSONA_TEAM and (slot.worker is None or slot.worker.pk not in personas):
                by_kind.setdefault(slot.kind, []).append(slot)
        rows = []
        for n, work in enumerate(allocated):
            options = by_kind.get(work.kind, [])
            if not options:
                continue
            slot = options[n % len(options)]
            rows.append(
                Allocation(
                    person_id=work.person_id, worker=slot.worker, team=slot.team, started=work.started,
                    reason=slot.reason, service=SERVICE_FOR.get(work.kind, Service.SOCIAL_CARE),
                )
            )  # fmt: skip
        self.counts.allocations += len(_create(Allocation, rows))
        existing = list(Allocation.objects.filter(person_id__in=list(caseload_starts), ended__isnull=True))
        for allocation in existing:
            allocation.started = caseload_starts[allocation.person_id]
        Allocation.objects.bulk_update(existing, ["started"], batch_size=BATCH)


def _words_of_plan(number: int) -> str:
    return TEAM_AROUND_THE_FAMILY_PLANS[number % len(TEAM_AROUND_THE_FAMILY_PLANS)]


def _earlier_social_worker(journey: Journey, care: PlannedCare) -> Allocation:
    """The journey's social worker from the referral until the case closed, or else care ended."""
    return Allocation(
        person_id=journey.child.person_id, worker_id=journey.worker_id, service=Service.SOCIAL_CARE,
        started=journey.referral_date, ended=journey.closed or care.ended, reason="Allocated at referral",
    )  # fmt: skip


def vars_of(episode: object) -> dict[str, object]:
    return {name: getattr(episode, name) for name in episode.__slots__}  # type: ignore[attr-defined]


def _referral_id(journey: Journey | None) -> int | None:
    return journey.referral_id if journey is not None else None


def _referral(journey: Journey) -> Referral:
    return Referral(
        person_id=journey.child.person_id,
        referral_date=journey.referral_date,
        referral_source=journey.referral_source,
        primary_need=journey.primary_need,
        no_further_action=journey.no_further_action,
        closed=journey.closed,
        closure_reason=journey.dfe_closure_reason,
        created_by_id=journey.worker_id,
    )


def _assessments(journeys: list[Journey]) -> Iterator[Assessment]:
    for journey in journeys:
        for a in journey.assessments:
            yield Assessment(
                referral_id=journey.written_referral_id, started=a.started, child_seen=a.child_seen,
                factors=a.factors, completed=a.completed, authorised=a.authorised, outcome=a.outcome,
                created_by_id=journey.worker_id,
            )  # fmt: skip


def _cin_plan(journey: Journey, plan: PlannedCinPlan) -> ChildInNeedPlan:
    return ChildInNeedPlan(
        referral_id=journey.written_referral_id,
        started=plan.started,
        ended=plan.ended,
        created_by_id=journey.worker_id,
    )


def _cp_plan(journey: Journey, plan: PlannedCpPlan) -> ChildProtectionPlan:
    return ChildProtectionPlan(
        referral_id=journey.written_referral_id,
        started=plan.started,
        initial_category=plan.initial_category,
        latest_category=plan.latest_category,
        ended=plan.ended,
        end_reason=plan.end_reason,
        created_by_id=journey.worker_id,
    )


def _visits(journeys: list[Journey]) -> Iterator[Visit]:
    for journey in journeys:
        for kind, day, seen, alone in journey.visits:
            yield Visit(
                person_id=journey.child.person_id, kind=kind, visited_on=day, child_seen=seen,
                seen_alone=alone,
                visitor_id=journey.worker_id, created_by_id=journey.worker_id,
            )  # fmt: skip


def _early_help(episode: PlannedEarlyHelpEpisode) -> EarlyHelpEpisode:
    return EarlyHelpEpisode(
        person_id=episode.child.person_id,
        started=episode.started,
        ended=episode.ended,
        outcome=episode.outcome,
        lead_practitioner_id=episode.lead_practitioner_id,
        consent_given_by=episode.consent_given_by,
        stepped_down_from_id=_referral_id(episode.stepped_down_from),
        stepped_up_to_id=_referral_id(episode.stepped_up_to),
        created_by_id=episode.lead_practitioner_id,
    )


def _missing(episode: PlannedMissing) -> dict[str, object]:
    return {
        "person_id": episode.person_id,
        "kind": episode.kind,
        "went_missing": episode.went_missing,
        "returned": episode.returned,
        "return_interview": episode.return_interview,
        "return_interview_at": episode.return_interview_at,
        "created_by_id": episode.recorded_by_id,
    }
