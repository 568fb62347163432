"""The API's views: parse the request, call the step, send the answer. See docs/api.md."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from continuum.access.audit import Actor, Channel
from continuum.access.models import User

from . import errors, idempotency, schema, services
from .models import AgencyToken
from .responses import ContactStatusSerializer
from .serializers import SERVICE_NAMES_IN_API, NewContactSerializer


def actor_of(request: Request) -> Actor:
    """The token's system account (see authentication.py), acting through the API."""
    user = request.user
    assert isinstance(user, User)
    return Actor(
        user=user,
        channel=Channel.API,
        ip_address=request.META.get("REMOTE_ADDR"),
        path=request.get_full_path()[:500],
    )


def token_of(request: Request) -> AgencyToken:
    assert isinstance(request.auth, AgencyToken)
    return request.auth


class ContactsView(APIView):
    throttle_scope = "api_writes"

    @extend_schema(
        operation_id="send_contact",
        summary="Send a contact to the front door",
        description=(
            "Creates a contact: a police domestic-abuse notification (`route: police_notification`, "
            "police forces only) or any other contact from a partner agency's system "
            "(`route: partner_system`). The front door's decision is due within one working day "
            "(`due_at`). A child's `school_urn` that matches a partner school sends that school an "
            "Operation Encompass notice after a domestic-abuse incident. Every request needs an "
            "`Idempotency-Key`; unknown fields are refused."
        ),
        request=NewContactSerializer,
        parameters=[schema.IDEMPOTENCY_KEY, *schema.CREATED_HEADERS],
        responses=schema.CREATE_RESPONSES,
        examples=schema.REQUEST_EXAMPLES,
        tags=["Contacts"],
    )
    def post(self, request: Request) -> Response:
        actor, token = actor_of(request), token_of(request)
        key = idempotency.key_of(request)
        fingerprint = idempotency.fingerprint(request)
        earlier = idempotency.earlier_answer(token, key, fingerprint)
        if earlier is not None:
            return _respond(request, services.replay(earlier))
        serializer = NewContactSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            answer = services.send_contact(
                actor, token, key=key, fingerprint=fingerprint, arguments=serializer.service_arguments()
            )
        except DjangoValidationError as error:
            raise errors.from_service(error, SERVICE_NAMES_IN_API) from error
        return _respond(request, answer)


def _respond(request: Request, answer: services.Answer) -> Response:
    headers = {"Location": request.build_absolute_uri(reverse("api:contact", args=[answer.reference]))}
    if answer.replayed:
        headers["Idempotent-Replayed"] = "true"
    return Response(answer.body, status=answer.status, headers=headers)


class ContactView(APIView):
    throttle_scope = "api_reads"

    @extend_schema(
        operation_id="read_contact",
        summary="Read a contact's status and outcome",
        description=(
            "The status of a contact your agency sent through the API and, once the front door has "
            "decided, the outcome for each child. Contacts sent by other agencies, or through "
            "Continuum's pages, are not found (404)."
        ),
        responses=schema.READ_RESPONSES,
        tags=["Contacts"],
    )
    def get(self, request: Request, reference: str) -> Response:
        contact = services.open_sent_contact(actor_of(request), reference)
        return Response(ContactStatusSerializer(contact).data, status=status.HTTP_200_OK)


class NoSuchEndpoint(APIView):
    """Any other path under /api/: a JSON 404 that says where the endpoints are, not an HTML page."""

    authentication_classes = []
    permission_classes = [AllowAny]
    schema = None

    def http_method_not_allowed(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Response:
        raise NotFound(
            f"There is no API endpoint at {request.path}. Paths end with a slash, for example "
            "/api/v1/contacts/; the schema is at /api/v1/schema/"
        )
