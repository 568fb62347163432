from django.urls import path

from . import chronology_views, work_views

app_name = "journey"

urlpatterns: list = [  # type: ignore[type-arg]
    path("my-work/", work_views.my_work, name="my-work"),
    path("my-work/teams/<int:team_id>/", work_views.team_work, name="team-work"),
    path("people/<int:person_id>/chronology/", chronology_views.chronology, name="chronology"),
]
