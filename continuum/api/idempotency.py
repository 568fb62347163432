"""The Idempotency-Key header: a partner's system may send a request again without doubling it.

Networks fail after a contact is saved but before the answer arrives; the sender cannot tell
and must retry. Each POST carries a key the sender chooses (a UUID, say); a retry with the
same key and the same body is answered with the stored response and creates nothing. The
same key with a different body is refused (422): it is a mistake in the sender's system.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.utils import timezone
from rest_framework.request import Request

from .errors import HeaderProblem, IdempotencyKeyReused
from .models import AgencyToken, IdempotencyKey

HEADER = "Idempotency-Key"
MAX_LENGTH = 255


def key_of(request: Request) -> str:
    """The request's Idempotency-Key, checked; a 400 naming the header if it is missing or wrong."""
    key = request.headers.get(HEADER, "").strip()
    if not key:
        raise HeaderProblem(
            HEADER,
            "Send an Idempotency-Key header with a value unique to this contact, for example a UUID. "
            "Send the same value again if you retry the request",
        )
    if len(key) > MAX_LENGTH:
        raise HeaderProblem(HEADER, f"The Idempotency-Key must be at most {MAX_LENGTH} characters long")
    return key


def fingerprint(request: Request) -> str:
    """SHA-256 of the method, path and body as canonical JSON: spacing and key order do not count."""
    body = json.dumps(request.data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    text = f"{request.method} {request.path}\n{body}"
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def earlier_answer(token: AgencyToken, key: str, request_fingerprint: str) -> IdempotencyKey | None:
    """The stored answer to an earlier request with this key, if there was one and it matches."""
    earlier = IdempotencyKey.objects.select_related("contact").filter(token=token, key=key).first()
    if earlier is not None and earlier.fingerprint != request_fingerprint:
        used_on = f"{timezone.localdate(earlier.created_at):%d %B %Y}"
        raise IdempotencyKeyReused(
            f"This Idempotency-Key was used on {used_on} for a different request "
            f"(contact {_reference(earlier)}). Use a new key for a new contact; to retry, send "
            "exactly the same body as the first time"
        )
    return earlier


def _reference(earlier: IdempotencyKey) -> str:
    body: Any = earlier.response_body
    return str(body.get("reference", "")) if isinstance(body, dict) else ""
