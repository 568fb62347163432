from django.urls import path

from . import views

app_name = "insight"

urlpatterns = [
    path("", views.dashboard_page, name="dashboard"),
    path("indicators/<slug:indicator_id>/", views.indicator_page, name="indicator"),
    path("indicators/<slug:indicator_id>/children/", views.children_page, name="children"),
    path("population/", views.population_page, name="population"),
    path("report/", views.report_index, name="report-index"),
    path("report/<int:year>/", views.report_page, name="report"),
    path("report/<int:year>/pdf/", views.report_pdf, name="report-pdf"),
    path("report/<int:year>/narrative/<slug:section>/", views.narrative_page, name="narrative"),
]
