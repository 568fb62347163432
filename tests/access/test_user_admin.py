"""Alex, the partnership's system administrator, manages the accounts people sign in with.

Tom (a front door social worker) and Priya (a school safeguarding lead) may not.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from continuum.access.audit import Action
from continuum.access.models import Agency, AuditEntry, Team, User
from continuum.access.roles import Role

SignedIn = Callable[[str], Client]
USERS = "/access/users/"
NEW_USER = "/access/users/new/"
SCHOOL = "Moorside Primary School"


def _edit_url(user: User) -> str:
    return f"/access/users/{user.pk}/"


def _user_changes(user: User) -> list[dict[str, object]]:
    entries = AuditEntry.objects.filter(action=Action.USER_CHANGED, object_id=str(user.pk)).order_by("id")
    return [entry.details for entry in entries]


def _new_user_form(**overrides: object) -> dict[str, object]:
    school = Agency.objects.get(name=SCHOOL)
    form: dict[str, object] = {
        "first_name": "Hannah",
        "last_name": "Lewis",
        "username": "hlewis",
        "email": "hannah.lewis@moorside.example",
        "job_title": "Deputy safeguarding lead",
        "agency": school.pk,
        "teams": [Team.objects.get(agency=school).pk],
        "roles": [Role.PARTNER_PRACTITIONER.value],
        "manager": "",
    }
    form.update(overrides)
    return form


def _edit_form(user: User, **overrides: object) -> dict[str, object]:
    form: dict[str, object] = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "username": user.username,
        "email": user.email,
        "job_title": user.job_title,
        "agency": user.agency_id,
        "teams": [team.pk for team in user.teams.all()],
        "roles": sorted(user.roles),
        "manager": user.manager_id or "",
        "is_active": "True" if user.is_active else "False",
    }
    form.update(overrides)
    return form


def _fail_to_sign_in(username: str, times: int) -> None:
    browser = Client()
    for _ in range(times):
        browser.post("/sign-in/", {"username": username, "password": "not-the-password"})


def _signed_in_on_their_own_computer(user: User) -> Client:
    """A second browser, so Tom can be signed in while Alex changes his account."""
    browser = Client()
    browser.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    session = browser.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return browser


# Seeing who has an account


def test_alex_sees_every_user_with_their_agency_roles_and_status(signed_in: SignedIn) -> None:
    page = signed_in("alex").get(USERS)

    assert page.status_code == 200
    html = page.content.decode()
    assert "Priya Sharma" in html and "Moorside Primary School" in html
    assert '<strong class="govuk-tag govuk-tag--blue">Front door practitioner</strong>' in html
    assert "8 users" in html


def test_alex_finds_users_by_name_agency_and_role(signed_in: SignedIn, personas: dict[str, User]) -> None:
    alex = signed_in("alex")
    school = Agency.objects.get(name=SCHOOL)

    by_name = alex.get(USERS, {"q": "tom whit"}).content.decode()
    by_agency = alex.get(USERS, {"agency": school.pk}).content.decode()
    by_role = alex.get(USERS, {"role": Role.LADO.value}).content.decode()

    assert "Tom Whitaker" in by_name and "Priya Sharma" not in by_name
    assert "Priya Sharma" in by_agency and "Tom Whitaker" not in by_agency
    assert "Grace Okafor" in by_role and "1 user" in by_role


def test_a_search_that_matches_nobody_says_so(signed_in: SignedIn) -> None:
    page = signed_in("alex").get(USERS, {"q": "nobody-by-this-name"})

    assert "No users match your filters" in page.content.decode()


def test_the_list_shows_which_accounts_are_locked_out(signed_in: SignedIn) -> None:
    _fail_to_sign_in("priya", times=5)

    locked_only = signed_in("alex").get(USERS, {"status": "locked"}).content.decode()

    assert "Priya Sharma" in locked_only and "Tom Whitaker" not in locked_only
    assert "govuk-tag--red" in locked_only


def test_the_list_is_split_into_pages(signed_in: SignedIn) -> None:
    school = Agency.objects.get(name=SCHOOL)
    User.objects.bulk_create(
        User(username=f"teacher{number:02}", first_name="Teacher", last_name=f"{number:02}", agency=school)
        for number in range(30)
    )

    second_page = signed_in("alex").get(USERS, {"agency": school.pk, "page": 2}).content.decode()

    assert "page 2 of 2" in second_page
    assert 'class="govuk-pagination"' in second_page
    assert f"?agency={school.pk}&amp;page=1" in second_page


# Creating an account


def test_alex_creates_a_user_who_is_emailed_a_link_to_choose_a_password(signed_in: SignedIn) -> None:
    response = signed_in("alex").post(NEW_USER, _new_user_form())

    hannah = User.objects.get(username="hlewis")
    assert response.status_code == 302 and response["Location"] == _edit_url(hannah)
    assert hannah.agency is not None and hannah.agency.name == SCHOOL
    assert hannah.roles == {Role.PARTNER_PRACTITIONER}
    assert not hannah.has_usable_password()
    [email] = mail.outbox
    assert email.to == ["hannah.lewis@moorside.example"]
    assert "hlewis" in email.body
    created = _user_changes(hannah)[0]
    assert created["change"] == "created"
    assert created["fields"]["roles"] == {"from": None, "to": [Role.PARTNER_PRACTITIONER.value]}  # type: ignore[index]


def test_the_emailed_link_lets_the_new_user_choose_a_password_and_sign_in(signed_in: SignedIn) -> None:
    signed_in("alex").post(NEW_USER, _new_user_form())
    link = re.search(r"https?://[^/]+(/password-reset/\S+/)", str(mail.outbox[0].body))
    assert link is not None
    hannah = Client()

    set_password_page = hannah.get(link.group(1), follow=True)
    chosen = hannah.post(
        set_password_page.redirect_chain[-1][0],
        {"new_password1": "a-long-new-passphrase-7", "new_password2": "a-long-new-passphrase-7"},
    )

    assert chosen.status_code == 302
    assert User.objects.get(username="hlewis").check_password("a-long-new-passphrase-7")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "email",
            "hannah.lewis-at-moorside",
            "Enter an email address in the correct format, like name@example.com",
        ),
        ("username", "TOM", "Username is already used by another account"),
        ("username", "h lewis", "Username must only include letters, numbers and @ . + - _"),
        ("first_name", "", "Enter a first name"),
        ("agency", "", "Select the agency this person works for"),
        ("roles", [], "Select at least one role"),
        ("social_worker_id", "12345", "Enter the registration number as SW and digits, like SW123456"),
    ],
)
def test_a_new_user_with_a_mistake_is_not_created_and_alex_is_told_how_to_fix_it(
    signed_in: SignedIn, field: str, value: object, message: str
) -> None:
    page = signed_in("alex").post(NEW_USER, _new_user_form(**{field: value}))

    assert page.status_code == 200
    html = page.content.decode()
    assert "There is a problem" in html and message in html
    assert "<title>Error: " in html
    assert not User.objects.filter(email="hannah.lewis@moorside.example").exists()
    assert mail.outbox == []


def test_teams_must_belong_to_the_users_agency(signed_in: SignedIn) -> None:
    council_team = Team.objects.get(name="Integrated Front Door")

    page = signed_in("alex").post(NEW_USER, _new_user_form(teams=[council_team.pk]))

    assert "Select only teams in Moorside Primary School" in page.content.decode()


def test_a_social_workers_registration_number_is_kept_tidy_and_once(
    signed_in: SignedIn, personas: dict[str, User]
) -> None:
    tom = personas["tom"]
    tom.social_worker_id = "SW100001"
    tom.save()

    taken = signed_in("alex").post(NEW_USER, _new_user_form(social_worker_id="SW100001"))
    made = signed_in("alex").post(NEW_USER, _new_user_form(social_worker_id="sw 100002"))

    assert "Another user has this registration number" in taken.content.decode()
    assert made.status_code == 302
    assert User.objects.get(username="hlewis").social_worker_id == "SW100002"


def test_an_email_address_already_in_use_is_refused(signed_in: SignedIn, personas: dict[str, User]) -> None:
    page = signed_in("alex").post(NEW_USER, _new_user_form(email=personas["priya"].email.upper()))

    assert "Email address is already used by another account" in page.content.decode()


# Changing an account


def test_alex_changes_toms_roles_and_the_change_is_audited(
    signed_in: SignedIn, personas: dict[str, User]
) -> None:
    tom = personas["tom"]
    roles = [Role.FRONT_DOOR_PRACTITIONER.value, Role.SOCIAL_WORKER.value]

    response = signed_in("alex").post(_edit_url(tom), _edit_form(tom, roles=roles))

    assert response.status_code == 302
    assert User.objects.get(pk=tom.pk).roles == set(roles)
    [change] = _user_changes(tom)
    assert change == {"change": "edited", "fields": {"roles": {"from": roles[:1], "to": sorted(roles)}}}


def test_alex_deactivates_an_account_rather_than_deleting_it(
    signed_in: SignedIn, personas: dict[str, User]
) -> None:
    priya = personas["priya"]

    signed_in("alex").post(_edit_url(priya), _edit_form(priya, is_active="False"))

    assert User.objects.get(pk=priya.pk).is_active is False
    assert _user_changes(priya) == [
        {"change": "edited", "fields": {"is_active": {"from": True, "to": False}}}
    ]
    refused = Client().post("/sign-in/", {"username": "priya", "password": "a-test-password-1"})
    assert refused.status_code == 200  # the sign-in page again, not a redirect into the service


def test_a_deactivated_user_is_signed_out_at_their_next_click(
    signed_in: SignedIn, personas: dict[str, User]
) -> None:
    tom = personas["tom"]
    toms_browser = _signed_in_on_their_own_computer(tom)

    signed_in("alex").post(_edit_url(tom), _edit_form(tom, is_active="False"))

    next_click = toms_browser.get("/")
    assert next_click.status_code == 302 and next_click["Location"].startswith("/sign-in/")


def test_saving_without_changes_writes_no_audit_entry(signed_in: SignedIn, personas: dict[str, User]) -> None:
    priya = personas["priya"]

    signed_in("alex").post(_edit_url(priya), _edit_form(priya))

    assert _user_changes(priya) == []


def test_changing_an_email_address_tells_the_old_address(
    signed_in: SignedIn, personas: dict[str, User]
) -> None:
    priya = personas["priya"]
    old_email = priya.email

    signed_in("alex").post(_edit_url(priya), _edit_form(priya, email="p.sharma@moorside.example"))

    assert [email.to for email in mail.outbox] == [[old_email]]


def test_alex_cannot_deactivate_himself_or_remove_his_own_administrator_role(
    signed_in: SignedIn, personas: dict[str, User]
) -> None:
    alex = personas["alex"]
    client = signed_in("alex")

    deactivating = client.post(_edit_url(alex), _edit_form(alex, is_active="False")).content.decode()
    demoting = client.post(
        _edit_url(alex), _edit_form(alex, roles=[Role.BUSINESS_UNIT.value])
    ).content.decode()

    assert "You cannot deactivate your own account" in deactivating
    assert "You cannot remove your own System administrator role" in demoting
    assert User.objects.get(pk=alex.pk).is_active and Role.ADMINISTRATOR in User.objects.get(pk=alex.pk).roles


def test_alex_unlocks_a_locked_account_so_its_owner_can_sign_in(
    signed_in: SignedIn, personas: dict[str, User]
) -> None:
    tom = personas["tom"]
    _fail_to_sign_in("tom", times=5)
    alex = signed_in("alex")
    assert "Unlock account" in alex.get(_edit_url(tom)).content.decode()

    alex.post(f"/access/users/{tom.pk}/unlock/")

    signed_in_again = Client().post("/sign-in/", {"username": "tom", "password": "a-test-password-1"})
    assert signed_in_again.status_code == 302
    assert _user_changes(tom)[0]["change"] == "unlocked"
    assert "Unlock account" not in alex.get(_edit_url(tom)).content.decode()


def test_alex_resets_toms_second_factor_so_he_sets_it_up_again(
    signed_in: SignedIn, personas: dict[str, User]
) -> None:
    tom = personas["tom"]
    TOTPDevice.objects.create(user=tom, name="Authenticator app", confirmed=True)

    signed_in("alex").post(f"/access/users/{tom.pk}/reset-second-factor/")

    assert not TOTPDevice.objects.filter(user=tom).exists()
    assert _user_changes(tom) == [{"change": "second factor reset", "devices_removed": 1}]


def test_resetting_a_second_factor_sends_its_owner_to_set_it_up_again(
    signed_in: SignedIn, personas: dict[str, User]
) -> None:
    tom = personas["tom"]
    toms_browser = _signed_in_on_their_own_computer(tom)

    signed_in("alex").post(f"/access/users/{tom.pk}/reset-second-factor/")

    next_click = toms_browser.get("/", follow=True)
    assert next_click.redirect_chain[-1][0].startswith("/two-factor/")
    assert "Set up your authenticator app" in next_click.content.decode()


def test_alex_sends_a_new_link_to_choose_a_password(signed_in: SignedIn, personas: dict[str, User]) -> None:
    priya = personas["priya"]

    signed_in("alex").post(f"/access/users/{priya.pk}/send-password-link/")

    assert [email.to for email in mail.outbox] == [[priya.email]]
    assert _user_changes(priya) == [{"change": "password link sent"}]


def test_account_actions_need_a_post(signed_in: SignedIn, personas: dict[str, User]) -> None:
    response = signed_in("alex").get(f"/access/users/{personas['tom'].pk}/unlock/")

    assert response.status_code == 405


def test_the_administration_pages_show_no_childrens_records(
    signed_in: SignedIn, personas: dict[str, User]
) -> None:
    alex = signed_in("alex")

    for url in (USERS, NEW_USER, _edit_url(personas["tom"])):
        assert "/people/" not in alex.get(url).content.decode()


# Nobody else


@pytest.mark.parametrize("persona", ["tom", "priya"])
@pytest.mark.parametrize("url", [USERS, NEW_USER, "/access/users/1/", "/access/users/1/unlock/"])
def test_people_who_are_not_administrators_are_refused(signed_in: SignedIn, persona: str, url: str) -> None:
    client = signed_in(persona)

    response = client.post(url) if url.endswith("unlock/") else client.get(url)

    assert response.status_code == 403
    assert "You cannot use this page" in response.content.decode()
    assert AuditEntry.objects.filter(action=Action.ACCESS_REFUSED, username=persona).count() == 1


def test_tom_cannot_create_an_account(signed_in: SignedIn) -> None:
    signed_in("tom").post(NEW_USER, _new_user_form())

    assert not User.objects.filter(username="hlewis").exists()
