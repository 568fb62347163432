"""The API's request bodies: their shape and types, checked field by field.

Serializers check what a field can be (a date, a code on the list, at most 200 characters);
the front door's own rules (a police notification needs an incident time, consent needs who
gave it) stay in `continuum.frontdoor.intake`, which the API calls like the pages do.
Unknown fields are refused rather than dropped: a misspelt field would otherwise lose what
the sender meant to tell us.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from continuum.frontdoor.catalogue import Consent, Route, Worry
from continuum.statutory import codes
from continuum.statutory.models import NeedLevel, ThresholdFramework

from .fields import Moment, NhsNumberField, OptionalChoice, OptionalText, PostcodeField, StrictSerializer

MAX_CHILDREN = 20
MAX_HOUSEHOLD = 30
LONG_TEXT = 20_000
API_ROUTES = (Route.POLICE_NOTIFICATION, Route.PARTNER_SYSTEM)
API_ROUTE_CHOICES = [(route.value, route.label) for route in API_ROUTES]

# What the front door's services call a field, and where it is in the API's body.
SERVICE_NAMES_IN_API = {
    "referrer_name": "referrer.name",
    "referrer_role": "referrer.role",
    "referrer_email": "referrer.email",
    "referrer_phone": "referrer.phone",
    "consent": "consent.status",
    "consent_given_by": "consent.given_by",
    "consent_covers": "consent.covers",
    "consent_not_obtained_reason": "consent.not_obtained_reason",
    "consent_not_needed_reason": "consent.not_needed_reason",
    "school": "school_urn",
}


class ReferrerSerializer(StrictSerializer):
    """Who made the contact: the front door tells them the outcome."""

    name = serializers.CharField(
        max_length=200, help_text="Who is making the referral, for example the officer."
    )
    role = OptionalText(max_length=200, help_text="Their job title or role.")
    email = serializers.EmailField(
        max_length=254, required=False, allow_blank=True, default="", help_text="Where the outcome is sent."
    )
    phone = OptionalText(max_length=30)


class ConsentSerializer(StrictSerializer):
    """Whether the family agreed to the contact; if not, why not (see docs/api.md)."""

    status = serializers.ChoiceField(
        choices=Consent.choices, help_text="Whether the family gave informed consent to this contact."
    )
    given_by = OptionalText(max_length=200, help_text="Who gave consent (when `status` is `obtained`).")
    covers = OptionalText(max_length=300, help_text="Whom the consent covers (when `status` is `obtained`).")
    not_obtained_reason = OptionalText(
        max_length=LONG_TEXT, help_text="Why consent was not obtained (below the child-protection level)."
    )
    not_needed_reason = OptionalText(
        max_length=LONG_TEXT,
        help_text="Why consent is not needed (at the child-protection level, `referrer_level` 4).",
    )


class ChildSerializer(StrictSerializer):
    """A child or unborn baby the contact is about, as the sender knows them."""

    given_name = OptionalText(max_length=100)
    family_name = OptionalText(max_length=100)
    date_of_birth = serializers.DateField(required=False, allow_null=True, help_text="YYYY-MM-DD.")
    is_unborn = serializers.BooleanField(default=False)
    expected_date_of_delivery = serializers.DateField(
        required=False, allow_null=True, help_text="For an unborn baby (`is_unborn`): YYYY-MM-DD."
    )
    sex = OptionalChoice(codes.SEX.choices(), help_text="DfE sex code: M, F or U (unknown, or unborn).")
    nhs_number = NhsNumberField()
    postcode = PostcodeField()
    address = OptionalText(max_length=300)
    school_urn = OptionalText(
        max_length=20,
        help_text="The Ofsted URN of the child's school, as a partner agency in Continuum knows it. "
        "After a domestic-abuse incident the school is told (Operation Encompass).",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["is_unborn"] and attrs.get("date_of_birth"):
            raise serializers.ValidationError(
                {"date_of_birth": "An unborn baby has no date of birth: send expected_date_of_delivery"}
            )
        if not attrs["is_unborn"] and attrs.get("expected_date_of_delivery"):
            raise serializers.ValidationError(
                {"expected_date_of_delivery": "Only an unborn baby has an expected date of delivery"}
            )
        return attrs


class HouseholdMemberSerializer(StrictSerializer):
    """Someone else in the child's household."""

    name = serializers.CharField(max_length=200)
    relationship = serializers.CharField(
        max_length=100, help_text="Relationship to the children, for example mother, stepfather, lodger."
    )
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    has_parental_responsibility = serializers.BooleanField(default=False)
    lives_with_children = serializers.BooleanField(default=True)


class NewContactSerializer(StrictSerializer):
    """A contact from a partner agency's system: a police notification or another partner contact."""

    route = serializers.ChoiceField(
        choices=API_ROUTE_CHOICES,
        help_text="`police_notification` for a police domestic-abuse notification (police forces only); "
        "`partner_system` for any other contact.",
    )
    received_at = Moment(
        required=False,
        help_text="When your system received or recorded the contact, if not now. Not in the future.",
    )
    incident_at = Moment(
        required=False,
        allow_null=True,
        help_text="When the incident happened. Required for police notifications.",
    )
    police_reference = OptionalText(
        max_length=50, help_text="The police incident or crime reference. Required for police notifications."
    )
    worries = serializers.ListField(
        child=serializers.ChoiceField(choices=Worry.choices),
        min_length=1,
        max_length=len(Worry),
        help_text="What the contact is about: one or more codes from the list.",
    )
    worry_details = serializers.CharField(
        max_length=LONG_TEXT, help_text="What happened, and what worries you."
    )
    already_tried = OptionalText(max_length=LONG_TEXT)
    child_voice = OptionalText(max_length=LONG_TEXT, help_text="What the child said, in their own words.")
    lived_experience = OptionalText(max_length=LONG_TEXT, help_text="What life is like for the child.")
    referrer = ReferrerSerializer()
    consent = ConsentSerializer()
    referrer_level = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=99,
        help_text="The number of the level of need you believe applies, in the Continuum of Need in force.",
    )
    children: serializers.ListSerializer[Any] = serializers.ListSerializer(
        child=ChildSerializer(), max_length=MAX_CHILDREN, help_text="At least one child or unborn baby."
    )
    household: serializers.ListSerializer[Any] = serializers.ListSerializer(
        child=HouseholdMemberSerializer(),
        required=False,
        max_length=MAX_HOUSEHOLD,
        help_text="The adults and others in the household.",
    )

    def validate_worries(self, worries: list[str]) -> list[str]:
        return list(dict.fromkeys(worries))  # each once, in the order sent

    def validate_children(self, children: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if not children:
            raise serializers.ValidationError("Add at least one child or unborn baby")
        return children

    def validate_referrer_level(self, number: int | None) -> NeedLevel | None:
        if number is None:
            return None
        try:
            framework = ThresholdFramework.objects.in_force()
        except ThresholdFramework.DoesNotExist:
            raise serializers.ValidationError("No Continuum of Need is in force: leave this out") from None
        level = framework.levels.filter(number=number).first()
        if level is None:
            numbers = ", ".join(str(n) for n in framework.levels.values_list("number", flat=True))
            raise serializers.ValidationError(
                f"There is no level {number} in the {framework}: use one of {numbers}"
            )
        return level

    def service_arguments(self) -> dict[str, Any]:
        """The validated body, named as `frontdoor.services.receive_from_agency` takes it."""
        data = dict(self.validated_data)
        referrer, consent = data.pop("referrer"), data.pop("consent")
        data.update({f"referrer_{name}": value for name, value in referrer.items()})
        data["consent"] = consent.pop("status")
        data.update({f"consent_{name}": value for name, value in consent.items()})
        data["children"] = [dict(child) for child in data["children"]]
        data["household"] = [dict(member) for member in data.get("household", [])]
        return data
