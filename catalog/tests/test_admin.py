import pytest
from django.urls import reverse


@pytest.mark.django_db
class TestLabelAdmin:
    def changelist(self, kind):
        return reverse(f"admin:catalog_{kind.prefix}_changelist")

    def test_lists_items_with_their_owner(self, admin_client, kind, user):
        kind.factory(user=user, name="Drama")

        response = admin_client.get(self.changelist(kind))

        assert response.status_code == 200
        assert b"Drama" in response.content
        assert user.email.encode() in response.content

    def test_searches_by_name(self, admin_client, kind, user):
        kind.factory(user=user, name="Drama")
        kind.factory(user=user, name="Comedy")

        response = admin_client.get(self.changelist(kind), {"q": "dra"})

        assert b"Drama" in response.content
        assert b"Comedy" not in response.content

    def test_filters_by_owner(self, admin_client, kind, user, other_user):
        kind.factory(user=user, name="Mine")
        kind.factory(user=other_user, name="Theirs")

        response = admin_client.get(
            self.changelist(kind), {"user__id__exact": other_user.pk}
        )

        assert b"Theirs" in response.content
        assert b"Mine" not in response.content

    def test_a_saved_label_keeps_its_owner(self, admin_client, kind, user, other_user):
        label = kind.factory(user=user, name="Mine")

        response = admin_client.post(
            reverse(f"admin:catalog_{kind.prefix}_change", args=[label.pk]),
            {"user": other_user.pk, "name": "Renamed"},
        )

        label.refresh_from_db()
        assert response.status_code == 302
        assert (label.user, label.name) == (user, "Renamed")


@pytest.mark.django_db
class TestSeriesAdmin:
    def test_lists_series_with_columns(self, admin_client, user):
        from .factories import SeriesFactory

        SeriesFactory(user=user, title="The Wire", status="completed")

        response = admin_client.get(reverse("admin:catalog_series_changelist"))

        content = response.content.decode()
        assert response.status_code == 200
        assert "The Wire" in content
        assert "Completed" in content

    def test_filters_by_status_and_tag_and_searches_titles(self, admin_client, user):
        from .factories import SeriesFactory, TagFactory

        tag = TagFactory(user=user, name="Crime")
        SeriesFactory(user=user, title="The Wire", status="completed", tags=[tag])
        SeriesFactory(user=user, title="Other", status="planned")
        url = reverse("admin:catalog_series_changelist")

        by_status = admin_client.get(url, {"status__exact": "completed"})
        by_tag = admin_client.get(url, {"tags__id__exact": tag.pk})
        by_title = admin_client.get(url, {"q": "wire"})

        for response in (by_status, by_tag, by_title):
            assert b"The Wire" in response.content
            assert b">Other<" not in response.content

    def test_change_form_offers_only_the_owners_labels(
        self, admin_client, user, other_user
    ):
        from .factories import SeriesFactory, TagFactory

        TagFactory(user=user, name="Mine")
        TagFactory(user=other_user, name="Theirs")
        series = SeriesFactory(user=user)

        response = admin_client.get(
            reverse("admin:catalog_series_change", args=[series.pk])
        )

        assert b"Mine" in response.content
        assert b"Theirs" not in response.content

    def test_the_add_form_offers_no_labels_until_the_owner_is_known(
        self, admin_client, other_user
    ):
        from .factories import TagFactory

        TagFactory(user=other_user, name="Theirs")

        response = admin_client.get(reverse("admin:catalog_series_add"))

        assert b'name="tags"' not in response.content
        assert b"Theirs" not in response.content

    def test_change_refuses_another_users_tag(self, admin_client, user, other_user):
        from .factories import SeriesFactory, TagFactory

        theirs = TagFactory(user=other_user, name="Theirs")
        series = SeriesFactory(user=user, title="Mine")

        response = admin_client.post(
            reverse("admin:catalog_series_change", args=[series.pk]),
            {
                "user": user.pk,
                "title": "Mine",
                "status": "planned",
                "tags": [theirs.pk],
            },
        )

        assert response.status_code == 200
        assert not series.tags.exists()

    def test_a_saved_series_keeps_its_owner(self, admin_client, user, other_user):
        from .factories import SeriesFactory

        series = SeriesFactory(user=user, title="Mine")

        response = admin_client.post(
            reverse("admin:catalog_series_change", args=[series.pk]),
            {"user": other_user.pk, "title": "Renamed", "status": "planned"},
        )

        series.refresh_from_db()
        assert response.status_code == 302
        assert (series.user, series.title) == (user, "Renamed")

    def test_huge_ids_are_a_field_error(self, admin_client, user):
        from .factories import SeriesFactory

        series = SeriesFactory(user=user)

        response = admin_client.post(
            reverse("admin:catalog_series_change", args=[series.pk]),
            {"user": user.pk, "title": "X", "status": "planned", "tags": ["1" * 30]},
        )

        assert response.status_code == 200
        assert b"is not a valid value" in response.content

    def test_shows_the_poster_thumbnail_and_staff_can_see_it(self, admin_client, user):
        from .factories import SeriesFactory
        from .test_posters import image_file

        series = SeriesFactory(user=user)
        self.client_for(user).post(
            reverse("catalog:series_image", args=[series.pk]), {"image": image_file()}
        )
        series.refresh_from_db()

        changelist = admin_client.get(reverse("admin:catalog_series_changelist"))
        image = admin_client.get(series.thumbnail_url)

        assert series.thumbnail_url.encode() in changelist.content
        assert image.status_code == 200

    def client_for(self, user):
        from django.test import Client

        client = Client()
        client.force_login(user)
        return client

    def test_bulk_delete_keeps_label_counts_right(self, admin_client, user):
        from catalog.models import Series

        from .factories import SeriesFactory, TagFactory

        tag = TagFactory(user=user)
        doomed = SeriesFactory.create_batch(2, user=user, tags=[tag])
        SeriesFactory(user=user, tags=[tag])

        admin_client.post(
            reverse("admin:catalog_series_changelist"),
            {
                "action": "delete_selected",
                "_selected_action": [s.pk for s in doomed],
                "post": "yes",
            },
        )

        tag.refresh_from_db()
        assert Series.objects.count() == 1
        assert tag.series_count == 1
