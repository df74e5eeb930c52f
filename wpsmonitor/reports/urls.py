from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("scorecards/", views.scorecard_index, name="scorecards"),
    path("scorecards/<str:scope>/<str:key>/", views.scorecard, name="scorecard"),
    path("scorecards/<str:scope>/<str:key>/data.json", views.scorecard_json, name="scorecard_json"),
    path(
        "scorecards/<str:scope>/<str:key>/records/",
        views.scorecard_records,
        name="scorecard_records",
    ),
    path(
        "scorecards/<str:scope>/<str:key>/publish/",
        views.scorecard_publish,
        name="scorecard_publish",
    ),
    path(
        "scorecards/<str:scope>/<str:key>/snapshots/<int:pk>/",
        views.snapshot_detail,
        name="snapshot",
    ),
    path("instruments/<slug:slug>/shadow/", views.shadow_form, name="shadow"),
    path("generated/<uuid:pk>/", views.generated_status, name="generated"),
    path("generated/<uuid:pk>/progress/", views.generated_progress, name="generated_progress"),
    path("generated/<uuid:pk>/download/", views.generated_download, name="generated_download"),
    path("open-data/", views.open_data, name="open_data"),
    path("open-data/ledger.<str:suffix>", views.open_data_download, name="open_data_download"),
    path("open-data/tables/<str:table>.<str:fmt>", views.open_data_table, name="open_data_table"),
]
