from django.urls import path

from . import views

app_name = "socialcare"

urlpatterns = [
    path("<int:person_id>/journey/", views.journey_page, name="journey"),
    path("<int:person_id>/journey/record/<slug:slug>/", views.step, name="step"),
    path("<int:person_id>/journey/record/<slug:slug>/<int:record_id>/", views.step, name="step-change"),
    path("<int:person_id>/journey/allocate/<slug:service>/", views.allocate, name="allocate"),
    path("<int:person_id>/journey/close/", views.close_referral, name="close"),
    path("<int:person_id>/journey/placement/", views.change_placement, name="placement"),
    path("<int:person_id>/journey/legal-status/", views.change_legal_status, name="legal-status"),
    path("<int:person_id>/journey/stop-looked-after/", views.cease_looked_after, name="cease"),
    path("<int:person_id>/journey/step-up/", views.step_up, name="step-up"),
    path("<int:person_id>/journey/step-down/", views.step_down, name="step-down"),
]
