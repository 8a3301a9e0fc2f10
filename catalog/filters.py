import django_filters

from .models import Character, Tag


class LabelFilter(django_filters.FilterSet):
    """Filter a user's tags or characters by name (``?q=``)."""

    q = django_filters.CharFilter(
        method="filter_q", label="Search", max_length=100, strip=True
    )

    def filter_q(self, queryset, name, value):
        return queryset.search(value)


class TagFilter(LabelFilter):
    class Meta:
        model = Tag
        fields = ["q"]


class CharacterFilter(LabelFilter):
    class Meta:
        model = Character
        fields = ["q"]
