from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from . import posters, versions
from .models import Character, Series, Tag


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


@receiver(post_save, sender=Series)
@receiver(post_save, sender=Tag)
@receiver(post_save, sender=Character)
def catalog_saved(sender, instance, **kwargs):
    """A series or label was saved: its owner's catalog changed."""
    versions.changed(instance.user_id)


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def catalog_started(sender, instance, created, **kwargs):
    """A new user starts with a new token: should their id have been used
    before (a restored or flushed database), pages cached for it are not
    theirs."""
    if created:
        versions.changed(instance.pk)


@receiver(post_delete, sender=Series)
@receiver(post_delete, sender=Tag)
@receiver(post_delete, sender=Character)
def catalog_deleted(sender, instance, origin, **kwargs):
    """A series or label was deleted: its owner's catalog changes, unless the
    owner is being deleted with it."""
    deleted = origin.model if isinstance(origin, QuerySet) else type(origin)
    if deleted is not get_user_model():
        versions.changed(instance.user_id)


@receiver(m2m_changed, sender=Series.tags.through)
@receiver(m2m_changed, sender=Series.characters.through)
def catalog_links_changed(sender, instance, action, **kwargs):
    """Links between a series and its labels changed, from either side."""
    if action in ("post_add", "post_remove", "post_clear"):
        versions.changed(instance.user_id)
