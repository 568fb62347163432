"""The API's response bodies: what a partner system is told of a contact, and of a problem."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from continuum.frontdoor.catalogue import Route, Status
from continuum.frontdoor.models import Contact, ContactChild


class ChildNameSerializer(serializers.Serializer[ContactChild]):
    given_name = serializers.CharField()
    family_name = serializers.CharField()


class ContactCreatedSerializer(serializers.Serializer[Contact]):
    reference = serializers.CharField(help_text="The front door's reference: quote it when you phone.")
    status = serializers.ChoiceField(choices=Status.choices)
    received_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField(help_text="When the front door's decision is due (one working day).")
    children = ChildNameSerializer(many=True, source="children.all")


class OutcomeSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(help_text="The outcome's code, for example `early_help`.")
    summary = serializers.CharField(help_text="The outcome in words, as the referrer is told it.")


class ChildOutcomeSerializer(serializers.Serializer[ContactChild]):
    given_name = serializers.CharField()
    family_name = serializers.CharField()
    outcome = serializers.SerializerMethodField(
        help_text="Null until the front door has decided the contact."
    )

    @extend_schema_field(OutcomeSerializer(allow_null=True))
    def get_outcome(self, child: ContactChild) -> dict[str, str] | None:
        decision = getattr(child, "decision", None)
        if child.contact.status != Status.DECIDED or decision is None:
            return None
        return {"code": decision.outcome, "summary": decision.outcome_summary}


class ContactStatusSerializer(serializers.Serializer[Contact]):
    reference = serializers.CharField()
    route = serializers.ChoiceField(choices=Route.choices)
    status = serializers.ChoiceField(choices=Status.choices)
    received_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField()
    decided_at = serializers.DateTimeField(allow_null=True)
    children = ChildOutcomeSerializer(many=True, source="children.all")


class ErrorsSerializer(serializers.Serializer[Any]):
    """Every error response: what is wrong, by where (see continuum/api/errors.py)."""

    # A field named `errors` cannot be a class attribute: it would hide Serializer.errors.
    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        return {
            "errors": serializers.DictField(
                child=serializers.ListField(child=serializers.CharField()),
                help_text="What is wrong, by where: a field's path in the body (`children[0].sex`), a "
                "header's name (`Idempotency-Key`), `body`, or `request` for the request as a whole.",
            )
        }
