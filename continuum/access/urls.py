from django.urls import path

from . import views

app_name = "access"
urlpatterns = [
    path("users/", views.users, name="users"),
    path("users/new/", views.user_new, name="user-new"),
    path("users/<int:user_id>/", views.user_edit, name="user-edit"),
    path("users/<int:user_id>/unlock/", views.user_unlock, name="user-unlock"),
    path(
        "users/<int:user_id>/reset-second-factor/",
        views.user_reset_second_factor,
        name="user-reset-second-factor",
    ),
    path(
        "users/<int:user_id>/send-password-link/",
        views.user_send_password_link,
        name="user-send-password-link",
    ),
    path("audit/", views.audit_search, name="audit"),
    path("audit/download/", views.audit_csv, name="audit-csv"),
]
