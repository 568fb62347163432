"""Journeys as the records stood at the end of the reference day: later steps unwritten, later ends open.

A journey is planned whole, past the reference day; what the database shows is what had happened
by then. A plan due to end next month is open, with no end date or reason; a conference next week
has not been held; an assessment not yet authorised has no outcome.
"""

from __future__ import annotations

from datetime import date, datetime

from .journey_plans import (
    Journey,
    PlannedCare,
    PlannedCareLeaver,
    PlannedEarlyHelpEpisode,
    PlannedEnquiry,
    PlannedMissing,
)


def cut_journey(journey: Journey, as_at: date) -> None:
    if journey.closed is not None and journey.closed > as_at:
        journey.closed, journey.closure_reason = None, ""
    journey.assessments = [a for a in journey.assessments if a.started <= as_at]
    for assessment in journey.assessments:
        if assessment.authorised is not None and assessment.authorised > as_at:
            assessment.authorised, assessment.outcome = None, ""
        if assessment.completed is not None and assessment.completed > as_at:
            assessment.completed = None
        if assessment.child_seen is not None and assessment.child_seen > as_at:
            assessment.child_seen = None
    journey.enquiries = [e for e in journey.enquiries if e.held_on <= as_at]
    for enquiry in journey.enquiries:
        _cut_enquiry(enquiry, as_at)
    journey.cin_plans = [p for p in journey.cin_plans if p.started <= as_at]
    for cin_plan in journey.cin_plans:
        cin_plan.reviews = [day for day in cin_plan.reviews if day <= as_at]
        if cin_plan.ended is not None and cin_plan.ended > as_at:
            cin_plan.ended = None
    journey.cp_plans = [p for p in journey.cp_plans if p.started <= as_at]
    for cp_plan in journey.cp_plans:
        cp_plan.reviews = [r for r in cp_plan.reviews if r.held_on <= as_at]
        cp_plan.core_groups = [day for day in cp_plan.core_groups if day <= as_at]
        if cp_plan.ended is not None and cp_plan.ended > as_at:
            cp_plan.ended, cp_plan.end_reason = None, ""
    if journey.care is not None:
        journey.care = _cut_care(journey.care, as_at)


def _cut_enquiry(enquiry: PlannedEnquiry, as_at: date) -> None:
    if enquiry.started is not None and enquiry.started > as_at:
        enquiry.started = None
    if enquiry.completed is not None and (enquiry.started is None or enquiry.completed > as_at):
        enquiry.completed, enquiry.outcome = None, ""
    if enquiry.conference is not None and (enquiry.completed is None or enquiry.conference.held_on > as_at):
        enquiry.conference = None


def _cut_care(care: PlannedCare, as_at: date) -> PlannedCare | None:
    care.episodes = [e for e in care.episodes if e.started <= as_at]
    if not care.episodes:
        return None
    last = care.episodes[-1]
    if last.ended is not None and last.ended > as_at:
        last.ended, last.reason_ended, last.reason_placement_changed = None, "", ""
    care.reviews = [r for r in care.reviews if r[0] <= as_at]
    care.health_checks = [h for h in care.health_checks if h[1] <= as_at]
    care.education_plans = [day for day in care.education_plans if day <= as_at]
    return care


def cut_early_help(episode: PlannedEarlyHelpEpisode, as_at: date) -> None:
    if episode.ended is not None and episode.ended > as_at:
        episode.ended, episode.outcome, episode.stepped_up_to = None, "", None
    if episode.assessment is not None:
        started, completed = episode.assessment
        if started > as_at:
            episode.assessment = None
        elif completed is not None and completed > as_at:
            episode.assessment = (started, None)
    episode.meetings = [m for m in episode.meetings if m[0] <= as_at]
    if episode.meetings and episode.ended is None and episode.meetings[-1][1] is None:
        held, _ = episode.meetings[-1]
        episode.meetings[-1] = (held, None)


def cut_care_leaver(record: PlannedCareLeaver, as_at: date) -> bool:
    """False when the record had not begun by the reference day."""
    if record.started > as_at:
        return False
    if record.ended is not None and record.ended > as_at:
        record.ended = None
    record.pathway_plans = [p for p in record.pathway_plans if p[0] <= as_at]
    record.contacts = [c for c in record.contacts if c[0] <= as_at]
    return True


def cut_missing(episode: PlannedMissing, as_at: datetime) -> bool:
    """False when the child had not gone missing by the end of the reference day."""
    if episode.went_missing > as_at:
        return False
    if episode.returned is not None and episode.returned > as_at:
        episode.returned, episode.return_interview, episode.return_interview_at = None, "", None
    if episode.return_interview_at is not None and episode.return_interview_at > as_at:
        episode.return_interview, episode.return_interview_at = "offered", None
    return True
