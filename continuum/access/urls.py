from django.urls import path

from . import views

app_name = "access"
urlpatterns = [
    path("users/", views.users, name="users"),
    path("users/new/", views.user_new, name="user-new"),
    path("users/<int:user_id>/", views.user_edit, name="user-edit"),
    path("audit/", views.audit_search, name="audit"),
]
