from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete
from django.dispatch import receiver

from . import posters
from .models import Series


@receiver(post_delete, sender=Series)
def delete_poster_files(sender, instance, **kwargs):
    """Delete a deleted series' poster files once the deletion commits
    (also when the series goes with its user)."""
    names = posters.poster_names(instance)
    if names:
        storage = instance.image.storage
        transaction.on_commit(lambda: posters.delete_files(storage, names))


@receiver(m2m_changed, sender=Series.tags.through)
@receiver(m2m_changed, sender=Series.characters.through)
def count_label_links(sender, instance, action, reverse, model, pk_set, **kwargs):
    """Keep each label's ``series_count`` in step with its links, whichever
    side (series or label) they are changed from."""
    if reverse:
        # ``instance`` is a label; ``pk_set`` holds series.
        labels = type(instance).objects.filter(pk=instance.pk)
        if action == "pre_clear":
            labels.update(series_count=0)
        elif action in ("post_add", "post_remove") and pk_set:
            change = len(pk_set) if action == "post_add" else -len(pk_set)
            labels.update(series_count=F("series_count") + change)
        return
    # ``instance`` is a series; ``pk_set`` holds labels of ``model``.
    if action == "pre_clear":
        field = "tags" if model.__name__ == "Tag" else "characters"
        pk_set = set(getattr(instance, field).values_list("pk", flat=True))
        action = "post_remove"
    if action in ("post_add", "post_remove") and pk_set:
        change = 1 if action == "post_add" else -1
        model.objects.filter(pk__in=pk_set).update(
            series_count=F("series_count") + change
        )
