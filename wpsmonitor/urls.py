from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from wpsmonitor.api import api
from wpsmonitor.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("intake/", include("wpsmonitor.intake.urls")),
    path("reports/", include("wpsmonitor.reports.urls")),
    path("analyse/", include("wpsmonitor.analysis.urls")),
    path("", include("wpsmonitor.web.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
