"""Consent rules, by level of need.

Below the child-protection threshold, help and information sharing need the family's informed
consent: who gave it and whom it covers, or why it was not obtained. At the child-protection
threshold, information is shared without consent and the reason is recorded instead.
"""

from __future__ import annotations

from continuum.statutory.models import NeedLevel

from .catalogue import Consent, Outcome

# Help that is offered to a family (not imposed to protect a child) needs their agreement.
OUTCOMES_NEEDING_CONSENT = (Outcome.EARLY_HELP, Outcome.SOCIAL_WORK_ASSESSMENT)


def consent_problems(
    level: NeedLevel | None,
    consent: str,
    *,
    given_by: str = "",
    covers: str = "",
    not_obtained_reason: str = "",
    not_needed_reason: str = "",
) -> dict[str, str]:
    """What is missing from a consent record, by field name; empty when the record is complete."""
    if not consent:
        return {"consent": "Select whether the family gave informed consent to this referral"}
    if consent == Consent.OBTAINED:
        problems = {}
        if not given_by.strip():
            problems["consent_given_by"] = "Enter who gave consent, for example the child's mother"
        if not covers.strip():
            problems["consent_covers"] = (
                "Enter whom the consent covers, for example both children and their mother"
            )
        return problems
    if level is not None and level.is_child_protection:
        if not not_needed_reason.strip():
            return {
                "consent_not_needed_reason": "Enter why consent is not needed: for example, that asking "
                "would put the child at greater risk of significant harm"
            }
        return {}
    if not not_obtained_reason.strip():
        return {"consent_not_obtained_reason": "Enter why consent was not obtained"}
    return {}


def decision_consent_problem(level: NeedLevel, outcome: str, consent: str) -> str | None:
    """Why this outcome cannot be decided on this consent, or None when it can."""
    if level.is_child_protection or outcome not in OUTCOMES_NEEDING_CONSENT:
        return None
    if consent == Consent.OBTAINED:
        return None
    return (
        f"{Outcome(outcome).label} at level {level.number} needs the family's informed consent. "
        "Record their consent on the contact first, or decide no further action because there is no consent"
    )
