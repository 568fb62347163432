"""Entry rules for an early help registration: each message says what is wrong and how to fix it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from continuum.access.models import User
from continuum.earlyhelp.models import EarlyHelpRegistration, RegistrationStatus

from .helpers import details, registered_by

pytestmark = pytest.mark.django_db


def _problems(priya: User, **changes: object) -> dict[str, list[str]]:
    registration = EarlyHelpRegistration(**details(**changes), registered_by=priya)
    with pytest.raises(ValidationError) as raised:
        registration.full_clean()
    return raised.value.message_dict


def test_a_registration_without_consent_says_consent_is_needed_and_where_to_go_instead(priya: User) -> None:
    problems = _problems(priya, consent_given_by="", consent_covers="")
    assert problems["consent_given_by"] == [
        "Enter who gave consent. Early help needs the family's informed consent: if you think a child "
        "is at risk of significant harm, make a referral to the front door instead"
    ]
    assert problems["consent_covers"][0].startswith("Enter what the consent covers")


def test_spaces_alone_are_not_an_answer(priya: User) -> None:
    problems = _problems(priya, given_name="  ", help_wanted="   ")
    assert problems["given_name"] == ["Enter the child's first name"]
    assert problems["help_wanted"] == ["Enter what the family wants help with, in their words if you can"]


def test_the_child_needs_a_date_of_birth_that_is_not_in_the_future(priya: User) -> None:
    assert _problems(priya, date_of_birth=None)["date_of_birth"] == [
        "Enter the child's date of birth. If you do not know it, ask the family"
    ]
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert _problems(priya, date_of_birth=tomorrow)["date_of_birth"] == [
        "The date must be today or in the past"
    ]


def test_the_assessment_cannot_start_before_the_child_was_born_or_in_the_future(priya: User) -> None:
    born = details()["date_of_birth"]
    before = _problems(priya, assessment_started=born - timedelta(days=1))["assessment_started"]
    assert before == [
        "The date must be on or after the child's date of birth (14 March 2017). Check both dates"
    ]
    later = _problems(priya, assessment_started=timezone.localdate() + timedelta(days=1))
    assert later["assessment_started"] == ["The date must be today or in the past"]


def test_a_postcode_must_be_real(priya: User) -> None:
    assert _problems(priya, postcode="QQ1")["postcode"] == ["Enter a real postcode, like LS1 4AP"]


def test_a_declined_registration_needs_a_reason_and_an_accepted_one_its_child_and_episode(
    priya: User,
) -> None:
    registration = registered_by(priya)
    registration.status, registration.decided_by, registration.decided_at = (
        RegistrationStatus.DECLINED,
        priya,
        timezone.now(),
    )
    with pytest.raises(ValidationError) as raised:
        registration.full_clean()
    assert raised.value.message_dict["decline_reason"] == [
        "Enter why early help cannot take this on, so the lead practitioner knows what to do next"
    ]
    registration.status = RegistrationStatus.ACCEPTED
    with pytest.raises(ValidationError) as raised:
        registration.full_clean()
    assert raised.value.message_dict["person"] == [
        "Choose the child's record in the people index, or add them, before accepting"
    ]


def test_a_decision_records_who_made_it(priya: User) -> None:
    registration = registered_by(priya)
    registration.status, registration.decline_reason = RegistrationStatus.DECLINED, "Not for us"
    with pytest.raises(ValidationError) as raised:
        registration.full_clean()
    assert raised.value.message_dict["status"] == [
        "Record who accepted or declined the registration, and when"
    ]


def test_a_complete_registration_waits_with_the_partner_as_registrant_and_a_tidy_postcode(
    priya: User,
) -> None:
    registration = registered_by(priya)
    assert registration.status == RegistrationStatus.WAITING
    assert registration.registered_by == priya
    assert registration.postcode == "BD5 9QT"
    assert registration.reference == f"EH-{registration.pk:05d}"
