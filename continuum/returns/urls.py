from django.urls import path

from . import views

app_name = "returns"

urlpatterns = [
    path("", views.index, name="index"),
    path("cin-census/<int:year>/", views.cin_census_download, name="cin-census"),
    path("ssda903/<int:year>/", views.ssda903_download, name="ssda903"),
    path("annex-a/", views.annex_a_download, name="annex-a"),
    path("checks/<int:pk>/", views.check_page, name="check"),
    path("checks/<int:pk>/progress/", views.check_progress, name="check-progress"),
    # A return's slug, as registered in checks.RETURNS: /returns/cin-census/2026/check/
    path("<slug:slug>/<int:year>/check/", views.check_return, name="check-return"),
]
