from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", include("catalog.urls")),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
]

handler500 = "config.views.server_error"
