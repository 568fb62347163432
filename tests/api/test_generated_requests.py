"""Schemathesis sends requests generated from the published schema: none may meet a server error.

It reads the schema as a partner would, from the running application, and sends each operation
valid and invalid requests, headers included. Derandomised, so every run sends the same ones.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from continuum.access.models import Agency
from continuum.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)


@pytest.fixture(autouse=True)
def _test_transaction_kept_open() -> Iterator[None]:
    """Django closes "old" connections around each request, which would end the test's transaction.

    Django's own test client stops that the same way while it makes a request.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _no_throttling(settings: Any) -> None:
    """A scope without a rate is not limited: the generated requests come faster than any partner's."""
    settings.REST_FRAMEWORK = {**django_settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {}}


@schema.parametrize()
@settings(
    max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None
)
def test_no_generated_request_meets_a_server_error(case: Any, police_key: str, school: Agency) -> None:
    key = (case.headers or {}).get("Idempotency-Key")
    if isinstance(key, str) and 0 < len(key.strip()) <= 200:
        # Unique per request, so that bodies reach validation instead of meeting a reused key.
        case.headers["Idempotency-Key"] = f"{key.strip()}-{uuid.uuid4()}"
    response = case.call(headers={"Authorization": f"Bearer {police_key}"})
    case.validate_response(
        response, checks=[not_a_server_error, response_schema_conformance, content_type_conformance]
    )
