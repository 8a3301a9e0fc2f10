from django.contrib import admin

from .models import Character, Tag


@admin.register(Tag, Character)
class LabelAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "created")
    list_filter = (("user", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("user",)
    search_fields = ("name",)
    ordering = ("user__email", "name")
    raw_id_fields = ("user",)
