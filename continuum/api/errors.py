"""Every error the API sends has one shape: `{"errors": {"<where>": ["<what is wrong>", ...]}}`.

`<where>` is the path of the field in the request body (`referrer.email`, `children[0].sex`),
the name of a header (`Authorization`, `Idempotency-Key`, `Content-Type`), `body` for a body
that is not JSON, or `request` for the request as a whole (not found, refused, too many).
Messages say what is wrong and, where it helps, how to put it right. See docs/api.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

Errors = dict[str, list[str]]

WHOLE_REQUEST = "request"
WHOLE_BODY = "body"


class IdempotencyKeyReused(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "idempotency_key_reused"


class HeaderProblem(exceptions.APIException):
    """A problem with a request header, reported under the header's name."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_header"

    def __init__(self, header: str, message: str) -> None:
        super().__init__(message)
        self.header = header


def flatten(detail: Any, path: str = "") -> Errors:
    """DRF's nested error detail as one level, keyed by path: `children[0].date_of_birth`."""
    if isinstance(detail, Mapping):
        errors: Errors = {}
        for key, value in detail.items():
            if key in (api_settings.NON_FIELD_ERRORS_KEY, NON_FIELD_ERRORS):
                child_path = path or WHOLE_BODY
            elif isinstance(key, int):
                child_path = f"{path}[{key}]"
            else:
                child_path = f"{path}.{key}" if path else str(key)
            _merge(errors, flatten(value, child_path))
        return errors
    if isinstance(detail, list):
        if all(isinstance(item, str) for item in detail):
            return {path or WHOLE_BODY: [str(item) for item in detail]} if detail else {}
        errors = {}
        for index, item in enumerate(detail):
            _merge(errors, flatten(item, f"{path}[{index}]"))
        return errors
    return {path or WHOLE_BODY: [str(detail)]}


def _merge(into: Errors, more: Errors) -> None:
    for key, messages in more.items():
        into.setdefault(key, []).extend(messages)


def from_service(error: DjangoValidationError, rename: Mapping[str, str]) -> exceptions.ValidationError:
    """A service's ValidationError as a 400, with its field names put as the API names them."""
    if not hasattr(error, "error_dict"):
        return exceptions.ValidationError({WHOLE_REQUEST: error.messages})
    errors: Errors = {}
    for field, messages in error.message_dict.items():
        _merge(errors, {_api_path(field, rename): list(messages)})
    return exceptions.ValidationError(errors)


def _api_path(field: str, rename: Mapping[str, str]) -> str:
    if field == NON_FIELD_ERRORS:
        return WHOLE_REQUEST
    head, dot, tail = field.rpartition(".")
    if dot:  # a row's field: children[0].school
        return f"{head}.{rename.get(tail, tail)}"
    return rename.get(field, field)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler (status, WWW-Authenticate, Retry-After), with the body in our one shape."""
    if isinstance(exc, Http404) and not isinstance(exc, exceptions.NotFound):
        exc = exceptions.NotFound(str(exc) or "Not found")
    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or "You may not do this")
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # not an API error: a bug, left for Django to log and answer 500
    response.data = {"errors": _errors_of(exc, response.data)}
    return response


def _errors_of(exc: Exception, data: Any) -> Errors:
    if isinstance(exc, exceptions.ValidationError):
        return flatten(exc.detail)
    if isinstance(exc, HeaderProblem):
        return {exc.header: [str(exc.detail)]}
    if isinstance(exc, exceptions.NotAuthenticated):
        return {
            "Authorization": [
                "Send your agency's API token in the Authorization header: Authorization: Bearer cnt_..."
            ]
        }
    if isinstance(exc, exceptions.AuthenticationFailed):
        return {"Authorization": [str(exc.detail)]}
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return {"Content-Type": [f"{exc.detail} Send the body as JSON, with Content-Type: application/json"]}
    if isinstance(exc, exceptions.NotAcceptable):
        return {"Accept": [f"{exc.detail} The API answers in JSON: send Accept: application/json"]}
    if isinstance(exc, exceptions.ParseError):
        return {WHOLE_BODY: [f"{exc.detail}. The body must be one JSON object"]}
    if isinstance(exc, exceptions.APIException):
        return {WHOLE_REQUEST: [str(exc.detail)]}
    return flatten(data)
