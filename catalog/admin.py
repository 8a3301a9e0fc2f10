from django import forms
from django.contrib import admin
from django.db import transaction
from django.utils.html import format_html

from .forms import OwnLabelsField, SeriesForm
from .models import Character, Series, Tag


def owner_fixed_once_saved(readonly_fields, obj):
    """A saved series or label keeps its owner: another user's labels would
    hang on it, and its old owner's pages stay cached until their catalog
    changes again (catalog.versions)."""
    return (*readonly_fields, "user") if obj is not None else readonly_fields


@admin.register(Tag, Character)
class LabelAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "created")
    list_filter = (("user", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("user",)
    search_fields = ("name",)
    ordering = ("user__email", "name")
    raw_id_fields = ("user",)

    def get_readonly_fields(self, request, obj=None):
        return owner_fixed_once_saved(super().get_readonly_fields(request, obj), obj)


class SeriesAdminForm(forms.ModelForm):
    """Offer only the owner's tags and characters, and refuse others'."""

    class Meta:
        model = Series
        fields = ["user", *SeriesForm.Meta.fields]
        field_classes = {"tags": OwnLabelsField, "characters": OwnLabelsField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        owner = self.instance.user if self.instance.user_id else None
        if owner is not None:
            self.fields["tags"].queryset = Tag.objects.for_user(owner)
            self.fields["characters"].queryset = Character.objects.for_user(owner)

    def clean(self):
        cleaned = super().clean()
        owner = cleaned.get("user") or (
            self.instance.user if self.instance.pk else None
        )
        for field in ("tags", "characters"):
            foreign = [
                label.name
                for label in cleaned.get(field) or []
                if owner and label.user_id != owner.pk
            ]
            if foreign:
                self.add_error(
                    field, f"These belong to another user: {', '.join(foreign)}."
                )
        return cleaned


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    form = SeriesAdminForm
    list_display = (
        "poster_thumbnail",
        "title",
        "user",
        "status",
        "year",
        "rating",
        "created",
    )
    list_display_links = ("poster_thumbnail", "title")
    list_filter = ("status", ("tags", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("user",)
    search_fields = ("title",)
    date_hierarchy = "created"
    raw_id_fields = ("user",)
    filter_horizontal = ("tags", "characters")
    # Posters go through the app's upload (checked, re-encoded, with
    # renditions); the admin only shows them.
    readonly_fields = ("poster_thumbnail", "created", "updated")

    def get_readonly_fields(self, request, obj=None):
        return owner_fixed_once_saved(super().get_readonly_fields(request, obj), obj)

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is None:
            # Labels are offered once the owner is known: add, then edit.
            fields = [f for f in fields if f not in ("tags", "characters")]
        return fields

    def delete_queryset(self, request, queryset):
        # A bulk delete skips Series.delete(): recount the labels it touched.
        with transaction.atomic():
            touched = {
                model: list(
                    model.objects.filter(series__in=queryset)
                    .values_list("pk", flat=True)
                    .distinct()
                )
                for model in (Tag, Character)
            }
            queryset.delete()
            for model, pks in touched.items():
                model.objects.filter(pk__in=pks).recount_series()

    @admin.display(description="Poster")
    def poster_thumbnail(self, series):
        if not series.image:
            return "—"
        return format_html(
            '<img src="{}" srcset="{} 2x" width="40" height="60" alt="" '
            'loading="lazy">',
            series.thumbnail_url,
            series.thumbnail_2x_url,
        )
