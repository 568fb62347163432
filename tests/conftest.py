"""Shared fixtures: the personas, and a client signed in as one of them (second factor done)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client, override_settings
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from continuum.access import triggers
from continuum.access.models import User
from continuum.insight.figures import stop_counting_threads
from continuum.statutory import thresholds
from continuum.statutory.models import NeedLevel, ThresholdFramework
from continuum.synthetic.generator import Summary, generate_partnership
from continuum.synthetic.personas import create_personas
from continuum.synthetic.profiles import get_profile


@pytest.fixture
def personas(db: None) -> dict[str, User]:
    return create_personas(password="a-test-password-1")


@pytest.fixture
def signed_in(client: Client, personas: dict[str, User]) -> Callable[[str], Client]:
    """signed_in("tom") returns the test client signed in as Tom, with his second factor passed."""

    def sign_in(username: str) -> Client:
        user = personas[username]
        client.force_login(user)
        if user.needs_second_factor:
            device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        return client

    return sign_in


@pytest.fixture(autouse=True)
def _continuum_of_need(request: pytest.FixtureRequest) -> None:
    """The Continuum of Need is configuration loaded by a data migration. A transactional test
    empties every table when it ends, so tests that use the database put it back first."""
    uses_db = request.node.get_closest_marker("django_db") is not None or bool(
        {"db", "transactional_db", "live_server"} & set(request.fixturenames)
    )
    if uses_db:
        request.getfixturevalue("transactional_db" if _is_transactional(request) else "db")
        thresholds.load(ThresholdFramework, NeedLevel)


def _is_transactional(request: pytest.FixtureRequest) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )


@pytest.fixture(autouse=True)
def _audit_triggers_out_of_the_way_of_flush(request: pytest.FixtureRequest) -> object:
    """Transactional tests end by emptying every table, which the append-only triggers refuse.

    So around such tests the triggers are put back at the start and taken away just before the
    flush; ordinary tests roll back instead and keep the triggers from the migration.
    """
    transactional = _is_transactional(request)
    if transactional:
        request.getfixturevalue("transactional_db")
        triggers.install(connection)
    yield
    if transactional:
        triggers.remove(connection)


@pytest.fixture(autouse=True)
def _figure_threads_stopped(request: pytest.FixtureRequest) -> object:
    """Transactional tests let the dashboard count figures on threads with their own connections;
    those are closed when the test ends (PostgreSQL will not drop a database still in use)."""
    yield
    if _is_transactional(request):
        stop_counting_threads()


# The personas' passwords are hashed with Argon2 in real use; in tests speed matters, not strength.
QUICK_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def small_partnership(django_db_setup: None, django_db_blocker: Any) -> Iterator[Summary]:
    """The small area, generated once for a module of read-only tests and rolled back afterwards."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=QUICK_HASHER), transaction.atomic():
        yield generate_partnership(get_profile("small"), seed=2026)
        transaction.set_rollback(True)
