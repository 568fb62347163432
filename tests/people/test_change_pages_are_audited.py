"""Pages that change a record show it too, so opening them is audited like the person page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from continuum.access.models import AuditEntry

from .factories import PersonFactory


@pytest.mark.parametrize(
    ("path", "purpose"),
    [
        ("/people/{pk}/edit/", "to change the details"),
        ("/people/{pk}/addresses/new/", "to add an address"),
        ("/people/{pk}/other-names/new/", "to add another name"),
    ],
)
def test_tom_opening_a_change_page_is_in_the_audit_trail(
    signed_in: Callable[[str], Client], path: str, purpose: str
) -> None:
    child = PersonFactory.create()

    response = signed_in("tom").get(path.format(pk=child.pk))

    assert response.status_code == 200
    entry = AuditEntry.objects.get(person_id=child.pk, username="tom")
    assert (entry.action, entry.purpose) == ("view", purpose)


def test_nadia_refused_a_change_page_is_in_the_audit_trail(signed_in: Callable[[str], Client]) -> None:
    child = PersonFactory.create()  # not allocated to Nadia

    response = signed_in("nadia").get(f"/people/{child.pk}/edit/")

    assert response.status_code == 403
    assert AuditEntry.objects.filter(person_id=child.pk, username="nadia", action="access_refused").exists()
