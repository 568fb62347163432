"""E-mails the front door sends: outcomes to referrers, checks to agencies, Operation Encompass.

Sent through Django's e-mail backend (the console in development). E-mails say as little about
the child as will do: a reference and first names, never the worry itself.
"""

from __future__ import annotations

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone

from continuum.access import policy

from .models import Contact, EncompassNotification, PartnerCheck


def outcome_to_referrer(contact: Contact, address: str) -> None:
    children = contact.children.select_related("decision").order_by("pk")
    body = render_to_string("frontdoor/email/outcome.txt", {"contact": contact, "children": children})
    send_mail(f"Outcome of your referral {contact.reference}", body, None, [address])


def check_asked(check: PartnerCheck) -> None:
    addresses = _agency_addresses(check.agency_id)
    if addresses:
        body = render_to_string("frontdoor/email/check_asked.txt", {"check": check})
        send_mail(f"Partner check requested: {check.contact.reference}", body, None, addresses)


def encompass(notice: EncompassNotification) -> None:
    """Send the notice to the school's safeguarding staff who use Continuum, and record it."""
    addresses = _agency_addresses(notice.school_id)
    body = render_to_string("frontdoor/email/encompass.txt", {"notice": notice})
    if addresses:
        send_mail("Operation Encompass notification", body, None, addresses)
    notice.sent_at = timezone.now()
    notice.sent_to = addresses
    notice.save(update_fields=["sent_at", "sent_to"])


def _agency_addresses(agency_id: int) -> list[str]:
    answering = policy.users_who_may(policy.Permission.ANSWER_PARTNER_CHECK)
    return sorted(
        set(answering.filter(agency_id=agency_id).exclude(email="").values_list("email", flat=True))
    )
