"""What the OpenAPI schema says beyond what drf-spectacular reads from the code: examples, headers.

The examples are synthetic (made-up people, places and references) and are checked by the tests:
the police notification example is sent to the API and must be accepted.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse

from .responses import ContactCreatedSerializer, ContactStatusSerializer, ErrorsSerializer

POLICE_NOTIFICATION: dict[str, Any] = {
    "route": "police_notification",
    "incident_at": "2026-03-14T23:40:00+00:00",
    "police_reference": "NBP-2026-031487",
    "worries": ["domestic_abuse"],
    "worry_details": (
        "Officers attended a verbal argument between the children's mother and her partner. "
        "Both children were at home and awake."
    ),
    "child_voice": "Jaden told officers: 'they shout every night'.",
    "referrer": {
        "name": "PC 4471 Rowan Ellis",
        "role": "Response officer",
        "email": "rowan.ellis@police.example",
        "phone": "01632 960123",
    },
    "consent": {
        "status": "not_sought",
        "not_obtained_reason": "Police domestic-abuse notifications are shared without consent.",
    },
    "referrer_level": 3,
    "children": [
        {
            "given_name": "Jaden",
            "family_name": "Smyth",
            "date_of_birth": "2014-02-11",
            "sex": "M",
            "postcode": "NB1 4QT",
            "school_urn": "100001",
        },
        {
            "given_name": "",
            "family_name": "Smyth",
            "is_unborn": True,
            "expected_date_of_delivery": "2027-03-01",
        },
    ],
    "household": [
        {"name": "Kelly Smyth", "relationship": "Mother", "has_parental_responsibility": True},
        {"name": "Lee Barton", "relationship": "Mother's partner", "lives_with_children": True},
    ],
}

PARTNER_CONTACT: dict[str, Any] = {
    "route": "partner_system",
    "worries": ["neglect", "attendance"],
    "worry_details": "Ava has missed 14 days this term and often arrives hungry.",
    "referrer": {"name": "Sam Okoro", "role": "Health visitor", "email": "sam.okoro@nhs.example"},
    "consent": {"status": "obtained", "given_by": "Ava's father", "covers": "Ava and her father"},
    "referrer_level": 2,
    "children": [{"given_name": "Ava", "family_name": "Lin", "date_of_birth": "2019-05-04", "sex": "F"}],
}

CREATED: dict[str, Any] = {
    "reference": "FD-0001234",
    "status": "awaiting_triage",
    "received_at": "2026-03-15T07:02:11+00:00",
    "due_at": "2026-03-17T00:00:00+00:00",
    "children": [{"given_name": "Jaden", "family_name": "Smyth"}, {"given_name": "", "family_name": "Smyth"}],
}

DECIDED: dict[str, Any] = {
    "reference": "FD-0001234",
    "route": "police_notification",
    "status": "decided",
    "received_at": "2026-03-15T07:02:11+00:00",
    "due_at": "2026-03-17T00:00:00+00:00",
    "decided_at": "2026-03-16T15:20:00+00:00",
    "children": [
        {
            "given_name": "Jaden",
            "family_name": "Smyth",
            "outcome": {"code": "early_help", "summary": "Early help"},
        },
        {
            "given_name": "",
            "family_name": "Smyth",
            "outcome": {"code": "advice", "summary": "Information and advice"},
        },
    ],
}

IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    type={"type": "string", "minLength": 1, "maxLength": 255},
    location=OpenApiParameter.HEADER,
    required=True,
    description=(
        "A value unique to this contact, chosen by your system (a UUID, say). If you do not get an "
        "answer, send the same request again with the same key: the contact is created once and the "
        "first answer is repeated, with `Idempotent-Replayed: true`. The same key with a different "
        "body gets 422."
    ),
    examples=[OpenApiExample("Uuid", summary="A UUID", value="7f1c2d9e-4b7a-4f0e-9a51-3f0c1e2b8d44")],
)
CREATED_HEADERS = [
    OpenApiParameter(
        "Location",
        type=str,
        location=OpenApiParameter.HEADER,
        response=[201],
        description="Where to read the contact's status and outcome.",
    ),
    OpenApiParameter(
        "Idempotent-Replayed",
        type=str,
        location=OpenApiParameter.HEADER,
        response=[201],
        description="`true` when this is the stored answer to an earlier request with the same key.",
    ),
]


def errors(description: str, name: str, example: dict[str, list[str]]) -> OpenApiResponse:
    return OpenApiResponse(
        ErrorsSerializer, description=description, examples=[OpenApiExample(name, value={"errors": example})]
    )


UNAUTHORISED = errors(
    "No token, or a token that is unknown or revoked",
    "Revoked",
    {"Authorization": ["This API token (1a2b3c4d) was revoked on 02 March 2026 at 09:15. ..."]},
)
THROTTLED = errors(
    "Too many requests from this token: wait as `Retry-After` says",
    "Throttled",
    {"request": ["Request was throttled. Expected available in 12 seconds."]},
)

CREATE_RESPONSES = {
    201: OpenApiResponse(
        ContactCreatedSerializer, description="The contact was received (or, replayed, had been)."
    ),
    400: errors(
        "The body or a header has problems: each is named",
        "Problems",
        {
            "children[0].date_of_birth": [
                "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."
            ],
            "consent.not_obtained_reason": ["Enter why consent was not obtained"],
            "Idempotency-Key": ["Send an Idempotency-Key header with a value unique to this contact ..."],
        },
    ),
    401: UNAUTHORISED,
    403: errors(
        "The token's system account may not send contacts",
        "Refused",
        {"request": ["your role does not refer children to the front door"]},
    ),
    415: errors(
        "The body is not JSON",
        "NotJson",
        {"Content-Type": ['Unsupported media type "text/plain" in request. ...']},
    ),
    422: errors(
        "The Idempotency-Key was used before for a different request",
        "KeyReused",
        {
            "request": [
                "This Idempotency-Key was used on 14 March 2026 for a different request "
                "(contact FD-0001230). ..."
            ]
        },
    ),
    429: THROTTLED,
}

READ_RESPONSES = {
    200: OpenApiResponse(
        ContactStatusSerializer,
        description="The contact's status and, once decided, each child's outcome.",
        examples=[OpenApiExample("Decided", value=DECIDED)],
    ),
    401: UNAUTHORISED,
    404: errors(
        "Your agency sent no contact with that reference",
        "NotFound",
        {"request": ["Your agency sent no contact with the reference FD-0009999"]},
    ),
    429: THROTTLED,
}

REQUEST_EXAMPLES = [
    OpenApiExample(
        "PoliceNotification",
        summary="A police domestic-abuse notification",
        value=POLICE_NOTIFICATION,
        request_only=True,
    ),
    OpenApiExample(
        "PartnerContact",
        summary="A contact from a health visitors' system",
        value=PARTNER_CONTACT,
        request_only=True,
    ),
    OpenApiExample("Received", value=CREATED, response_only=True, status_codes=["201"]),
]


def forbid_unknown_fields(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular hook: request bodies say `additionalProperties: false`, as the API enforces."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request") and component.get("type") == "object":
            component["additionalProperties"] = False
    return result
