"""Fields the API's request bodies are made of: optional text, identifiers, moments, no strays."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import empty

from continuum.people import validators

# Before this, a date and time is a typing mistake (the service did not exist).
EARLIEST_MOMENT = datetime(2000, 1, 1, tzinfo=UTC)


class StrictSerializer(serializers.Serializer[Any]):
    """Refuses fields it does not know, naming each, alongside any other problems."""

    def to_internal_value(self, data: Any) -> Any:
        unknown: dict[str, list[str]] = {}
        if isinstance(data, Mapping):
            unknown = {
                str(name): ["This field is not part of the API: check its spelling, or leave it out"]
                for name in data
                if name not in self.fields
            }
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as error:
            if unknown and isinstance(error.detail, dict):
                error.detail.update(cast(dict[str, Any], unknown))
            raise
        if unknown:
            raise serializers.ValidationError(unknown)
        return value


class OptionalText(serializers.CharField):
    """Text that may be left out, empty or null: all three mean "not given" and are stored as ""."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("default", "")
        super().__init__(**kwargs)

    def run_validation(self, data: Any = empty) -> Any:
        return super().run_validation("" if data is None else data)


class OptionalChoice(serializers.ChoiceField):
    def __init__(self, choices: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("default", "")
        super().__init__(choices, **kwargs)

    def run_validation(self, data: Any = empty) -> Any:
        return super().run_validation("" if data is None else data)


@extend_schema_field({"type": "string", "example": "943 476 5919", "maxLength": 12})
class NhsNumberField(OptionalText):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=12, **kwargs)

    def to_internal_value(self, data: Any) -> str:
        digits = re.sub(r"[\s-]", "", str(super().to_internal_value(data)))
        if digits:
            _check(validators.validate_nhs_number, digits)
        return digits


@extend_schema_field({"type": "string", "example": "NB1 4QT", "maxLength": 8})
class PostcodeField(OptionalText):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=8, **kwargs)

    def to_internal_value(self, data: Any) -> str:
        value = str(super().to_internal_value(data))
        if not value:
            return ""
        _check(validators.validate_postcode, value)
        return validators.normalise_postcode(value)


def _check(validate: Any, value: str) -> None:
    try:
        validate(value)
    except DjangoValidationError as error:
        raise serializers.ValidationError(error.messages) from None


class Moment(serializers.DateTimeField):
    """A date and time with its UTC offset (one without is taken as UK time)."""

    def to_internal_value(self, value: Any) -> datetime:
        moment = super().to_internal_value(value)
        if moment < EARLIEST_MOMENT:
            raise serializers.ValidationError("Enter a date and time after 1 January 2000")
        return moment
