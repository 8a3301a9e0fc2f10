from django.db import transaction
from django.db.models.signals import post_delete
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
