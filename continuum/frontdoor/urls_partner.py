"""The partner-facing pages: making a referral (the MARF), My referrals, and Operation Encompass."""

from django.urls import URLPattern, path

from . import partner_views as views

QUESTIONS = ("about-you", "worry", "voice", "level", "consent", "follow-up")
DRAFT = "referrals/<uuid:public_id>"

urlpatterns: list[URLPattern] = [
    path("referrals/", views.my_referrals, name="my-referrals"),
    path("referrals/new/", views.referral_start, name="referral-start"),
    path(f"{DRAFT}/", views.referral, name="referral"),
    *[
        path(f"{DRAFT}/{section}/", views.question, {"section": section}, name=f"referral-{section}")
        for section in QUESTIONS
    ],
    path(f"{DRAFT}/children/", views.children, name="referral-children"),
    path(f"{DRAFT}/children/add/", views.child, name="referral-child-add"),
    path(f"{DRAFT}/children/<int:child_id>/", views.child, name="referral-child"),
    path(f"{DRAFT}/children/<int:child_id>/remove/", views.child_remove, name="referral-child-remove"),
    path(f"{DRAFT}/household/", views.household, name="referral-household"),
    path(f"{DRAFT}/household/add/", views.member, name="referral-member-add"),
    path(f"{DRAFT}/household/<int:member_id>/", views.member, name="referral-member"),
    path(f"{DRAFT}/household/<int:member_id>/remove/", views.member_remove, name="referral-member-remove"),
    path(f"{DRAFT}/check/", views.check, name="referral-check"),
    path(f"{DRAFT}/sent/", views.sent, name="referral-sent"),
    path(f"{DRAFT}/delete/", views.discard, name="referral-delete"),
    path("encompass/", views.encompass, name="encompass"),
]
