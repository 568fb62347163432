"""What a synthetic contact says: who made it, the children and household as written, consent, words.

Everything the services would check at intake holds: a referrer's name and a way to reach them
(unless anonymous), at least one worry with details, the MARF's child's voice, level and phone
call question, and a consent record that `frontdoor.consent.consent_problems` accepts.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from continuum.access.roles import AgencyType
from continuum.frontdoor.catalogue import (
    RECORDED_ROUTES,
    Consent,
    NoFurtherActionReason,
    Outcome,
    Request,
    Route,
    Worry,
    referral_source_for,
)
from continuum.frontdoor.consent import OUTCOMES_NEEDING_CONSENT

from . import calibration as cal
from . import contact_texts as texts
from .calibration import SourceGroup
from .contact_plans import PlannedContact, PlannedContactChild, PlannedMember, Referrer
from .families import Family, FamilyChild
from .front_door_staff import FrontDoorPeople, StaffMember
from .variants import partner_variant

CHILD_PROTECTION_LEVEL = 4
HEALTH_GROUPS = ("gp", "health")


class ContactDetails:
    def __init__(self, rng: random.Random, people: FrontDoorPeople) -> None:
        self.rng = rng
        self.people = people
        self.calls = 0  # numbers phone numbers, so each caller gets their own

    # Who made the contact ----------------------------------------------------------------------

    def referrer(
        self, group: SourceGroup, route: str, family: Family, children: list[FamilyChild]
    ) -> Referrer:
        if route in (Route.POLICE_NOTIFICATION, Route.PARTNER_SYSTEM):
            return self._from_a_system(group)
        if route == Route.ANONYMOUS:
            return Referrer("Anonymous")
        if not group.agency_types:
            return self._member_of_the_public(group, family)
        staff = self._staff_for(group, family, children)
        referrer = Referrer(
            staff.name,
            staff.job_title,
            staff.agency_name,
            agency_id=staff.agency_id,
            agency_type=staff.agency_type,
        )
        if route == Route.MARF:
            referrer.submitted_by_id, referrer.email = staff.pk, staff.email
            return referrer
        referrer.phone = self._phone()
        if route == Route.EMAIL or self.rng.random() < cal.EMAIL_LEFT_BY_PROFESSIONAL_CALLER:
            referrer.email = staff.email
        return referrer

    def _from_a_system(self, group: SourceGroup) -> Referrer:
        """A police system sends the officer's name and a number; its own account has no e-mail."""
        system = self.people.police_system
        officers = self.people.referrers.get(AgencyType.POLICE) or [system]
        officer = self.rng.choice(officers)
        return Referrer(
            f"PC {officer.name}" if officer is not system else "Police control room",
            "Police officer",
            system.agency_name,
            phone=self._phone(),
            agency_id=system.agency_id,
            agency_type=system.agency_type,
            submitted_by_id=system.pk,
            has_account_email=bool(system.email),
        )

    def _member_of_the_public(self, group: SourceGroup, family: Family) -> Referrer:
        if group.key == "unknown":
            return Referrer("A caller who did not give their agency", phone=self._phone())
        adults = [adult for adult in family.adults if adult.lives_with_children] or list(family.adults)
        if not adults:
            return Referrer("A relative", "Relative", phone=self._phone())
        adult = self.rng.choice(adults)
        email = ""
        if self.rng.random() < cal.EMAIL_LEFT_BY_FAMILY:
            email = f"{adult.name.split()[0].lower()}.{self.calls}@family.example"
        return Referrer(adult.name, adult.relationship, phone=self._phone(), email=email)

    def _staff_for(self, group: SourceGroup, family: Family, children: list[FamilyChild]) -> StaffMember:
        """The child's own school or the family's GP where they have referrers; anyone of that kind if not."""
        local = None
        if group.key == "school":
            local = next((child.school_id for child in children if child.school_id), None)
        elif group.key == "gp":
            local = family.practice_id
        if local is not None and self.people.referrers_by_agency.get(local):
            return self.rng.choice(self.people.referrers_by_agency[local])
        candidates = [member for kind in group.agency_types for member in self.people.referrers.get(kind, [])]
        return self.rng.choice(candidates)

    def _phone(self) -> str:
        self.calls += 1
        return texts.phone_number(self.rng.randrange(1000) + self.calls)

    def fill_referrer(self, contact: PlannedContact, worker_id: int) -> None:
        contact.referral_source = referral_source_for(contact.route, contact.referrer.agency_type)
        if contact.route in RECORDED_ROUTES:
            contact.recorded_by_id = worker_id

    # Children and household, as the referrer wrote them --------------------------------------------

    def child_as_written(
        self, group: SourceGroup, family: Family, child: FamilyChild, born: date | None, due: date | None
    ) -> PlannedContactChild:
        rng = self.rng
        unborn = born is None
        given, family_name = (child.given_name, child.family_name) if not unborn else ("", child.family_name)
        if not unborn and rng.random() < cal.NAME_MISSPELT:
            given, family_name = partner_variant(rng, child.given_name, child.middle_names, child.family_name)
        nhs_chance = (
            cal.NHS_NUMBER_GIVEN_BY_HEALTH if group.key in HEALTH_GROUPS else cal.NHS_NUMBER_GIVEN_BY_OTHERS
        )
        school_chance = cal.SCHOOL_NAMED if group.key in ("police_notification", "school") else 0.3
        has_home = rng.random() < 0.85
        return PlannedContactChild(
            person_id=child.person_id,
            given_name=given,
            family_name=family_name,
            is_unborn=unborn,
            date_of_birth=born if born and rng.random() < cal.DATE_OF_BIRTH_GIVEN else None,
            expected_date_of_delivery=due,
            sex="U" if unborn else (child.sex if rng.random() < 0.92 else ""),
            nhs_number=child.nhs_number if not unborn and rng.random() < nhs_chance else "",
            postcode=family.postcode if has_home else "",
            address=family.address if has_home else "",
            school_id=child.school_id if not unborn and rng.random() < school_chance else None,
        )

    def household(self, group: SourceGroup, family: Family) -> list[PlannedMember]:
        if group.key != "police_notification" and self.rng.random() >= 0.7:
            return []
        members = []
        for adult in family.adults:
            name = adult.name
            if self.rng.random() < 0.08:
                given, surname = name.split(" ", 1) if " " in name else (name, "")
                given, surname = partner_variant(self.rng, given, "", surname)
                name = f"{given} {surname}".strip()
            members.append(
                PlannedMember(
                    name,
                    adult.relationship,
                    adult.born if self.rng.random() < 0.5 else None,
                    adult.parental_responsibility,
                    adult.lives_with_children,
                )
            )
        return members

    # What it is about, and in whose words --------------------------------------------------------

    def words(self, contact: PlannedContact, group: SourceGroup, first_name: str, very_young: bool) -> None:
        rng = self.rng
        worries = [worry for worry, _ in group.worries]
        weights = [weight for _, weight in group.worries]
        chosen = list(dict.fromkeys(rng.choices(worries, weights, k=rng.choice((1, 1, 2, 3)))))
        if group.key == "police_notification" and rng.random() < 0.2:
            chosen.append(Worry.SUBSTANCE_MISUSE)
        contact.worries = chosen
        contact.worry_details = rng.choice(texts.WORRY_DETAILS[chosen[0]]).format(child=first_name)
        marf = contact.route == Route.MARF
        if marf:
            contact.already_tried = rng.choice(texts.ALREADY_TRIED)
            contact.follows_phone_call = rng.random() < 0.25
            if contact.follows_phone_call:
                contact.phone_call_at = contact.received_at - timedelta(minutes=rng.randint(30, 1200))
        if marf and (very_young or rng.random() < 0.3):
            contact.child_voice = rng.choice(texts.COULD_NOT_ASK).format(child=first_name)
        elif marf or (not very_young and rng.random() < group.voice):
            contact.child_voice = rng.choice(texts.CHILD_VOICE).format(child=first_name)

    def police_details(self, contact: PlannedContact, serial: int) -> None:
        contact.incident_at = contact.received_at - timedelta(minutes=self.rng.randint(60, 30 * 60))
        contact.police_reference = f"NB-{contact.received_at:%y}-{serial:06d}"

    # Levels and consent ----------------------------------------------------------------------

    def referrer_level(self, contact: PlannedContact, decided_level: int) -> None:
        if contact.route != Route.MARF and self.rng.random() >= cal.REFERRER_LEVEL_GIVEN:
            return
        drifts = [drift for drift, _ in cal.REFERRER_LEVEL_DRIFT]
        weights = [weight for _, weight in cal.REFERRER_LEVEL_DRIFT]
        contact.referrer_level = min(4, max(1, decided_level + self.rng.choices(drifts, weights)[0]))
        if contact.route == Route.MARF and decided_level >= 3 and self.rng.random() < 0.6:
            contact.request = Request.SAFETY_AND_WELLBEING
        if contact.route == Route.MARF and Worry.DISABILITY in contact.worries:
            contact.request = Request.COMPLEX_NEEDS_ASSESSMENT

    def consent(self, contact: PlannedContact, decided: list[tuple[str, int, str]]) -> None:
        """Consent as the rules require: given wherever an outcome needs it, a reason wherever it is not."""
        rng = self.rng
        needed = any(
            o in OUTCOMES_NEEDING_CONSENT and level < CHILD_PROTECTION_LEVEL for o, level, _ in decided
        )
        refused_help = any(reason == NoFurtherActionReason.NO_CONSENT for _, _, reason in decided)
        state: str
        if needed:
            state = Consent.OBTAINED
        elif refused_help:
            state = Consent.REFUSED
        elif contact.route == Route.ANONYMOUS:
            return
        else:
            states = [state for state, _ in cal.CONSENT_WHEN_NOT_NEEDED]
            state = rng.choices(states, [weight for _, weight in cal.CONSENT_WHEN_NOT_NEEDED])[0]
        contact.consent = state
        if state == Consent.OBTAINED:
            contact.consent_given_by = rng.choice(texts.CONSENT_GIVEN_BY)
            contact.consent_covers = rng.choice(texts.CONSENT_COVERS)
        elif contact.referrer_level == CHILD_PROTECTION_LEVEL:
            contact.consent_not_needed_reason = rng.choice(texts.CONSENT_NOT_NEEDED)
        elif state == Consent.REFUSED:
            contact.consent_not_obtained_reason = rng.choice(texts.CONSENT_REFUSED)
        else:
            contact.consent_not_obtained_reason = rng.choice(texts.CONSENT_NOT_SOUGHT)

    # Outcomes ------------------------------------------------------------------------------------

    def outcomes(self, group: SourceGroup, primary: str, children: int) -> list[tuple[str, int, str]]:
        """(outcome, level, no-further-action reason) for each child; the first gets `primary`."""
        decided = []
        for index in range(children):
            outcome = primary
            if index and self.rng.random() >= cal.SIBLING_SAME_OUTCOME:
                outcome = cal.OUTCOME_ORDER[max(0, cal.OUTCOME_ORDER.index(primary) - 1)]
            decided.append((outcome, self._level(outcome), self._reason(group, outcome)))
        if any(o in OUTCOMES_NEEDING_CONSENT and level < CHILD_PROTECTION_LEVEL for o, level, _ in decided):
            # The family agreed to help for one child, so "no consent" cannot be the reason for another.
            decided = [
                (
                    o,
                    level,
                    NoFurtherActionReason.BELOW_THRESHOLD if r == NoFurtherActionReason.NO_CONSENT else r,
                )
                for o, level, r in decided
            ]
        return decided

    def _level(self, outcome: str) -> int:
        options = cal.LEVELS_FOR_OUTCOME[outcome]
        return self.rng.choices([level for level, _ in options], [weight for _, weight in options])[0]

    def _reason(self, group: SourceGroup, outcome: str) -> str:
        if outcome != Outcome.NO_FURTHER_ACTION:
            return ""
        table = cal.NFA_REASONS_FOR_NOTIFICATIONS if group.key == "police_notification" else cal.NFA_REASONS
        return self.rng.choices([reason for reason, _ in table], [weight for _, weight in table])[0]


def first_name_of(child: PlannedContactChild) -> str:
    return child.given_name or ("the baby" if child.is_unborn else "the child")


def very_young(born: date | None, on: date) -> bool:
    """Unborn, or under three: too young to be asked what they think."""
    return born is None or (on - born).days < 3 * 365
