from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:pk>/", views.job_detail, name="job"),
    path("<int:pk>/status/", views.job_status, name="job_status"),
    path("<int:pk>/columns/", views.job_mapping, name="job_mapping"),
    path("<int:pk>/import/", views.job_commit, name="job_commit"),
]
