from django.urls import path

from . import views
from .models import Character, Tag

app_name = "catalog"


def label_urls(model, prefix):
    """The list, rename and delete paths of one kind of label."""
    name = model._meta.model_name
    return [
        path(
            f"{prefix}/", views.LabelListView.as_view(model=model), name=f"{name}_list"
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
    path("", views.HomeView.as_view(), name="home"),
    *label_urls(Tag, "tags"),
    *label_urls(Character, "characters"),
]
