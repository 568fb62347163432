"""The audit trail: every read and change of a person's record, hash-chained.

Each entry's hash covers its content and the previous entry's hash, so changing or removing an
entry breaks the chain from that point on. `python manage.py verify_audit_trail` recomputes it.
Appending takes a lock on the chain head, so concurrent requests still form a single chain.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db import models, transaction
from django.http import HttpRequest

from .models import AuditChainHead, AuditEntry, User

GENESIS_HASH = "0" * 64


class Action(StrEnum):
    VIEW = "view"
    SEARCH = "search"
    CREATE = "create"
    UPDATE = "update"
    EXPORT = "export"
    BREAK_GLASS = "break_glass"
    ACCESS_REFUSED = "access_refused"
    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    SIGN_OUT = "sign_out"
    USER_CHANGED = "user_changed"


class Channel(StrEnum):
    PAGE = "page"
    API = "api"
    EXPORT = "export"
    COMMAND = "command"


@dataclass(frozen=True)
class Actor:
    """Who is acting and from where: built from a request, or for a management command."""

    user: User | None
    channel: Channel
    ip_address: str | None = None
    path: str = ""

    @classmethod
    def from_request(cls, request: HttpRequest, channel: Channel = Channel.PAGE) -> Actor:
        user = request.user if request.user.is_authenticated else None
        return cls(
            user=user,
            channel=channel,
            ip_address=request.META.get("REMOTE_ADDR"),
            path=request.get_full_path()[:500],
        )

    @classmethod
    def command(cls, name: str, user: User | None = None) -> Actor:
        return cls(user=user, channel=Channel.COMMAND, path=f"manage.py {name}")


def _hashed_content(entry: AuditEntry) -> str:
    content = {
        "at": entry.at.isoformat(),
        "user_id": entry.user_id,
        "username": entry.username,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "person_id": entry.person_id,
        "purpose": entry.purpose,
        "channel": entry.channel,
        "ip_address": entry.ip_address,
        "path": entry.path,
        "details": entry.details,
        "previous_hash": entry.previous_hash,
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), default=str)


def compute_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(_hashed_content(entry).encode()).hexdigest()


def record(
    actor: Actor,
    action: Action,
    obj: models.Model | None = None,
    *,
    person_id: int | None = None,
    purpose: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry. `person_id` is the child or adult the entry is about, when there is one."""
    if person_id is None and obj is not None and obj._meta.label == "people.Person":
        person_id = obj.pk
    with transaction.atomic():
        head = _locked_head()
        entry = AuditEntry(
            user=actor.user,
            username=actor.user.get_username() if actor.user else "",
            action=action,
            object_type=obj._meta.label if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            person_id=person_id,
            purpose=purpose,
            channel=actor.channel,
            ip_address=actor.ip_address,
            path=actor.path,
            details=details or {},
            previous_hash=head.last_hash,
        )
        entry.entry_hash = compute_hash(entry)
        entry.save()
        AuditChainHead.objects.filter(pk=head.pk).update(last_hash=entry.entry_hash, last_entry_id=entry.pk)
    return entry


def record_for_people(
    actor: Actor,
    action: Action,
    person_ids: Iterable[int],
    *,
    purpose: str,
    details: dict[str, Any] | None = None,
) -> int:
    """Append one entry per person, in one transaction: for lists and downloads of many people.

    The same entries, chained the same way, as calling `record` for each person, without taking
    the chain's lock once per person.
    """
    with transaction.atomic():
        head = _locked_head()
        previous, entries = head.last_hash, []
        for person_id in dict.fromkeys(person_ids):
            entry = AuditEntry(
                user=actor.user,
                username=actor.user.get_username() if actor.user else "",
                action=action,
                person_id=person_id,
                purpose=purpose,
                channel=actor.channel,
                ip_address=actor.ip_address,
                path=actor.path,
                details=details or {},
                previous_hash=previous,
            )
            entry.entry_hash = previous = compute_hash(entry)
            entries.append(entry)
        if entries:
            AuditEntry.objects.bulk_create(entries, batch_size=1000)
            last = AuditEntry.objects.filter(entry_hash=previous).values_list("pk", flat=True).get()
            AuditChainHead.objects.filter(pk=head.pk).update(last_hash=previous, last_entry_id=last)
    return len(entries)


def _locked_head() -> AuditChainHead:
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        AuditChainHead.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS_HASH})
        head = AuditChainHead.objects.select_for_update().get(pk=1)
    return head


@dataclass(frozen=True)
class ChainBreak:
    entry_id: int
    problem: str


def verify_chain(batch_size: int = 5000) -> Iterator[ChainBreak]:
    """Yield every place where the stored chain does not match what its entries say."""
    expected_previous = GENESIS_HASH
    last_id = 0
    queryset = AuditEntry.objects.order_by("id")
    while True:
        batch = list(queryset.filter(id__gt=last_id)[:batch_size])
        if not batch:
            break
        for entry in batch:
            if entry.previous_hash != expected_previous:
                yield ChainBreak(
                    entry.pk, "does not follow the entry before it (an entry was removed or reordered)"
                )
            if compute_hash(entry) != entry.entry_hash:
                yield ChainBreak(entry.pk, "its content no longer matches its hash (the entry was changed)")
            expected_previous = entry.entry_hash
            last_id = entry.pk
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and head.last_hash != expected_previous:
        yield ChainBreak(head.last_entry_id, "the newest entries are missing (the chain was cut short)")
