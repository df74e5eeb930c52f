from django.contrib.auth import views as auth_views
from django.urls import path

from . import reporting, views

urlpatterns = [
    path("", views.home, name="home"),
    path("instruments/<slug:slug>/", views.instrument_detail, name="instrument"),
    path("commitments/<int:pk>/", views.commitment_detail, name="commitment"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(template_name="web/login.html"),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(template_name="web/password_change.html"),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="web/password_change_done.html"),
        name="password_change_done",
    ),
    path("dashboard/", reporting.dashboard, name="dashboard"),
    path("reporting/start/", reporting.report_start, name="report_start"),
    path("reporting/<int:pk>/", reporting.report_workspace, name="report"),
    path(
        "reporting/<int:pk>/commitments/<int:commitment_id>/",
        reporting.update_save,
        name="update_save",
    ),
    path(
        "reporting/<int:pk>/<str:action>/",
        reporting.report_action,
        name="report_action",
    ),
    path("shadow-reports/<int:pk>/reply/", reporting.reply, name="reply"),
]
