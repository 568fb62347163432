"""`demo_partnership`: builds the demo once, and always says where it is and how to sign in."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from continuum.access.models import User
from continuum.people.models import Allocation, OtherName, Person
from continuum.synthetic.personas import DEMO_PASSWORD


def test_it_builds_the_demo_with_a_walkthrough_child_known_under_a_misspelling(db: None) -> None:
    out = StringIO()
    call_command("demo_partnership", stdout=out)
    alias = OtherName.objects.get(given_name="Jayden", family_name="Smyth")
    jayden = alias.person
    assert (jayden.given_name, jayden.family_name) == ("Jayden", "Smith")
    assert Allocation.objects.filter(person=jayden, worker__username="nadia").exists()
    assert "http://127.0.0.1:8000" in out.getvalue()


def test_staff_who_need_a_second_factor_get_a_confirmed_authenticator(db: None) -> None:
    out = StringIO()
    call_command("demo_partnership", stdout=out)
    tom = User.objects.get(username="tom")
    device = TOTPDevice.objects.get(user=tom, confirmed=True)
    assert device.key in out.getvalue() or "make code USER=tom" in out.getvalue()
    assert not TOTPDevice.objects.filter(user__username="priya").exists()
    assert User.objects.get(username="tom").check_password(DEMO_PASSWORD)


def test_a_second_run_leaves_the_data_alone_but_still_prints_the_accounts(db: None) -> None:
    call_command("demo_partnership", stdout=StringIO())
    people = Person.objects.count()
    out = StringIO()
    call_command("demo_partnership", stdout=out)
    assert Person.objects.count() == people
    assert TOTPDevice.objects.filter(user__username="tom").count() == 1
    for username in ("tom", "aisha", "nadia", "priya", "dan", "grace", "sam", "alex"):
        assert f"  {username}" in out.getvalue()
    assert DEMO_PASSWORD in out.getvalue()
