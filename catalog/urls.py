from django.urls import path, re_path

from . import views
from .filters import CharacterFilter, TagFilter
from .models import Character, Tag

app_name = "catalog"


def label_urls(model, filterset_class, prefix):
    """The list, rename and delete paths of one kind of label."""
    name = model._meta.model_name
    return [
        path(
            f"{prefix}/",
            views.LabelListView.as_view(model=model, filterset_class=filterset_class),
            name=f"{name}_list",
        ),
        path(
            f"{prefix}/<int:pk>/edit/",
            views.LabelUpdateView.as_view(model=model),
            name=f"{name}_edit",
        ),
        path(
            f"{prefix}/<int:pk>/delete/",
            views.LabelDeleteView.as_view(model=model),
            name=f"{name}_delete",
        ),
    ]


urlpatterns = [
    path("", views.SeriesListView.as_view(), name="home"),
    path("series/", views.SeriesListView.as_view(), name="series_list"),
    path("series/new/", views.SeriesCreateView.as_view(), name="series_create"),
    path("series/<int:pk>/", views.SeriesDetailView.as_view(), name="series_detail"),
    path("series/<int:pk>/edit/", views.SeriesUpdateView.as_view(), name="series_edit"),
    path(
        "series/<int:pk>/delete/",
        views.SeriesDeleteView.as_view(),
        name="series_delete",
    ),
    path(
        "series/<int:pk>/image/",
        views.SeriesPosterView.as_view(),
        name="series_image",
    ),
    re_path(
        r"^media/uploads/series/(?P<stem>[0-9a-f]{32})"
        r"(?P<suffix>-thumb|-thumb2x|-large)?\.(?P<extension>jpg|png|webp)$",
        views.PosterFileView.as_view(),
        name="poster_file",
    ),
    *label_urls(Tag, TagFilter, "tags"),
    *label_urls(Character, CharacterFilter, "characters"),
]
