"""Tags and characters share one set of views; every test runs for both."""

import re

import pytest
from django.db import IntegrityError

from catalog.forms import LabelForm


def names_in(content):
    return re.findall(r'data-label-name="([^"]*)"', content)


@pytest.mark.django_db
class TestList:
    def test_visitors_are_sent_to_login(self, client, kind):
        response = client.get(kind.list_url)

        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")

    def test_shows_own_items_a_to_z_ignoring_case(
        self, auth_client, kind, user, other_user
    ):
        kind.factory(user=user, name="beta")
        kind.factory(user=user, name="Alpha")
        kind.factory(user=user, name="Gamma")
        kind.factory(user=other_user, name="Secret of someone else")

        response = auth_client.get(kind.list_url)

        content = response.content.decode()
        assert response.status_code == 200
        assert names_in(content) == ["Alpha", "beta", "Gamma"]
        assert "Secret of someone else" not in content
        assert "<html" in content
        assert "HX-Request" in response["Vary"]

    def test_empty_list_says_so(self, auth_client, kind):
        response = auth_client.get(kind.list_url)

        assert b"No " in response.content
        assert names_in(response.content.decode()) == []

    def test_search_filters_by_name(self, auth_client, kind, user):
        kind.factory(user=user, name="Drama")
        kind.factory(user=user, name="Melodrama")
        kind.factory(user=user, name="Comedy")

        response = auth_client.get(kind.list_url, {"q": "DRAMA"})

        assert names_in(response.content.decode()) == ["Drama", "Melodrama"]

    def test_htmx_search_returns_only_the_results(
        self, auth_client, kind, user, htmx_headers
    ):
        kind.factory(user=user, name="Drama")
        kind.factory(user=user, name="Comedy")

        response = auth_client.get(kind.list_url, {"q": "com"}, headers=htmx_headers)

        content = response.content.decode()
        assert "<html" not in content
        assert 'id="label-results"' in content
        assert names_in(content) == ["Comedy"]
        assert "HX-Request" in response["Vary"]

    def test_search_with_no_match_says_so(self, auth_client, kind, user):
        kind.factory(user=user, name="Drama")

        response = auth_client.get(kind.list_url, {"q": "zzz"})

        assert names_in(response.content.decode()) == []
        assert (
            b"No tags match." in response.content
            or b"No characters match." in response.content
        )

    @pytest.mark.parametrize("q", ["\x00", "x" * 5000, "%", "_", "' OR 1=1 --", "ß"])
    def test_odd_searches_never_fail(self, auth_client, kind, user, q):
        kind.factory(user=user, name="Drama")

        response = auth_client.get(kind.list_url, {"q": q})

        assert response.status_code == 200

    def test_unknown_query_parameters_are_ignored(self, auth_client, kind, user):
        kind.factory(user=user, name="Drama")

        response = auth_client.get(kind.list_url, {"user": "999", "name": "x"})

        assert names_in(response.content.decode()) == ["Drama"]

    def test_names_are_escaped(self, auth_client, kind, user):
        kind.factory(user=user, name='<script>alert("x")</script>')

        content = auth_client.get(kind.list_url).content.decode()

        assert '<script>alert("x")</script>' not in content
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in content


@pytest.mark.django_db
class TestCreate:
    def test_plain_post_creates_and_redirects_with_a_message(
        self, auth_client, kind, user
    ):
        response = auth_client.post(kind.list_url, {"name": "  Drama  "})

        assert response.status_code == 302
        assert response["Location"] == kind.list_url
        label = kind.model.objects.get()
        assert label.name == "Drama"
        assert label.user == user
        followed = auth_client.get(kind.list_url).content.decode()
        assert "“Drama” added." in followed

    def test_htmx_post_returns_a_fresh_form_and_the_sorted_list(
        self, auth_client, kind, user, htmx_headers
    ):
        kind.factory(user=user, name="Alpha")
        kind.factory(user=user, name="Gamma")

        response = auth_client.post(
            kind.list_url, {"name": "Beta"}, headers=htmx_headers
        )

        content = response.content.decode()
        assert response.status_code == 200
        assert "<html" not in content
        assert content.lstrip().startswith("<form")
        assert 'name="name"' in content
        assert 'value="Beta"' not in content
        assert re.search(r'id="label-results"[^>]*hx-swap-oob="true"', content)
        assert names_in(content) == ["Alpha", "Beta", "Gamma"]
        assert "“Beta” added." in content
        assert kind.model.objects.filter(name="Beta", user=user).exists()

    def test_a_post_cannot_set_the_owner(self, auth_client, kind, user, other_user):
        auth_client.post(kind.list_url, {"name": "Mine", "user": other_user.pk})

        assert kind.model.objects.get().user == user

    @pytest.mark.parametrize(
        ("name", "message"),
        [
            ("", "This field is required."),
            ("   ", "This field is required."),
            ("x" * 101, "Ensure this value has at most 100 characters"),
            ("bad\x00name", "Null characters are not allowed."),
            (
                "bad\x07name",
                "Control or invisible formatting characters are not allowed.",
            ),
            (
                "two\nlines",
                "Control or invisible formatting characters are not allowed.",
            ),
        ],
    )
    def test_bad_names_are_refused(self, auth_client, kind, name, message):
        response = auth_client.post(kind.list_url, {"name": name})

        assert response.status_code == 200
        assert message in response.content.decode()
        assert not kind.model.objects.exists()

    def test_emoji_sequences_with_joiners_are_fine(self, auth_client, kind):
        auth_client.post(kind.list_url, {"name": "Family \U0001f468\u200d\U0001f467"})

        assert kind.model.objects.get().name == "Family \U0001f468\u200d\U0001f467"

    def test_names_are_normalised_so_look_alikes_clash(self, auth_client, kind, user):
        auth_client.post(kind.list_url, {"name": "Cafe\u0301"})

        response = auth_client.post(kind.list_url, {"name": "Caf\u00e9"})

        assert kind.model.objects.get().name == "Caf\u00e9"
        assert "You already have a" in response.content.decode()

    def test_htmx_responses_vary_on_hx_request(
        self, auth_client, kind, user, htmx_headers
    ):
        label = kind.factory(user=user, name="Drama")

        responses = [
            auth_client.post(kind.list_url, {"name": "New"}, headers=htmx_headers),
            auth_client.post(
                kind.edit_url(label), {"name": "Dramedy"}, headers=htmx_headers
            ),
            auth_client.post(kind.delete_url(label), headers=htmx_headers),
        ]

        for response in responses:
            assert "HX-Request" in response["Vary"]

    def test_the_forms_name_their_action(self, auth_client, kind):
        content = auth_client.get(kind.list_url).content.decode()

        assert f'action="{kind.list_url}"' in content

    def test_htmx_errors_appear_in_the_form(self, auth_client, kind, htmx_headers):
        response = auth_client.post(kind.list_url, {"name": ""}, headers=htmx_headers)

        content = response.content.decode()
        assert content.lstrip().startswith("<form")
        assert "This field is required." in content
        assert "is-invalid" in content
        assert not kind.model.objects.exists()

    @pytest.mark.parametrize("name", ["drama", "DRAMA", " Drama "])
    def test_duplicates_in_any_case_are_refused(self, auth_client, kind, user, name):
        kind.factory(user=user, name="Drama")

        response = auth_client.post(kind.list_url, {"name": name})

        content = response.content.decode()
        assert response.status_code == 200
        assert "You already have a" in content
        assert "named “Drama”" in content
        assert kind.model.objects.count() == 1

    def test_another_users_name_is_no_conflict_and_not_revealed(
        self, auth_client, kind, user, other_user
    ):
        kind.factory(user=other_user, name="Drama")

        response = auth_client.post(kind.list_url, {"name": "Drama"})

        assert response.status_code == 302
        assert kind.model.objects.filter(user=user, name="Drama").exists()

    def test_a_race_lost_at_the_database_is_a_friendly_error(
        self, auth_client, kind, user, monkeypatch
    ):
        def save_raced(self, commit=True):
            kind.factory(user=user, name="Drama")
            raise IntegrityError("duplicate key value violates unique constraint")

        monkeypatch.setattr(LabelForm, "save", save_raced)

        response = auth_client.post(kind.list_url, {"name": "Drama"})

        assert response.status_code == 200
        assert "You already have a" in response.content.decode()

    def test_bad_input_keeps_what_the_user_typed(self, auth_client, kind):
        response = auth_client.post(kind.list_url, {"name": "x" * 101})

        assert f'value="{"x" * 101}"' in response.content.decode()


@pytest.mark.django_db
class TestRename:
    def test_edit_page_shows_the_form(self, auth_client, kind, user):
        label = kind.factory(user=user, name="Drama")

        response = auth_client.get(kind.edit_url(label))

        assert response.status_code == 200
        assert b"<html" in response.content
        assert b'value="Drama"' in response.content

    def test_htmx_get_turns_the_row_into_a_form(
        self, auth_client, kind, user, htmx_headers
    ):
        label = kind.factory(user=user, name="Drama")

        response = auth_client.get(kind.edit_url(label), headers=htmx_headers)

        content = response.content.decode()
        assert "<html" not in content
        assert content.lstrip().startswith("<li")
        assert f'id="{kind.prefix}-{label.pk}"' in content
        assert 'value="Drama"' in content
        assert "data-cancel-on-escape" in content
        assert "HX-Request" in response["Vary"]

    def test_plain_post_renames_and_redirects(self, auth_client, kind, user):
        label = kind.factory(user=user, name="Drama")

        response = auth_client.post(kind.edit_url(label), {"name": "Dramedy"})

        label.refresh_from_db()
        assert response.status_code == 302
        assert response["Location"] == kind.list_url
        assert label.name == "Dramedy"

    def test_htmx_post_returns_the_updated_row(
        self, auth_client, kind, user, htmx_headers
    ):
        label = kind.factory(user=user, name="Drama")

        response = auth_client.post(
            kind.edit_url(label), {"name": "Dramedy"}, headers=htmx_headers
        )

        content = response.content.decode()
        assert content.lstrip().startswith("<li")
        assert names_in(content) == ["Dramedy"]
        assert "<form" not in content.split('id="messages"')[0]

    def test_renaming_to_a_different_case_of_itself_is_allowed(
        self, auth_client, kind, user
    ):
        label = kind.factory(user=user, name="drama")

        auth_client.post(kind.edit_url(label), {"name": "Drama"})

        label.refresh_from_db()
        assert label.name == "Drama"

    def test_renaming_onto_another_name_is_refused(
        self, auth_client, kind, user, htmx_headers
    ):
        kind.factory(user=user, name="Comedy")
        label = kind.factory(user=user, name="Drama")

        response = auth_client.post(
            kind.edit_url(label), {"name": "comedy"}, headers=htmx_headers
        )

        label.refresh_from_db()
        assert "You already have a" in response.content.decode()
        assert 'value="comedy"' in response.content.decode()
        assert label.name == "Drama"

    def test_htmx_rename_has_the_list_refresh_itself(
        self, auth_client, kind, user, htmx_headers
    ):
        label = kind.factory(user=user, name="Drama")

        response = auth_client.post(
            kind.edit_url(label), {"name": "Zodiac"}, headers=htmx_headers
        )

        assert response["HX-Trigger-After-Settle"] == "labels-changed"

    def test_a_refused_rename_shows_the_saved_name(self, auth_client, kind, user):
        label = kind.factory(user=user, name="Watson")

        response = auth_client.post(kind.edit_url(label), {"name": "Wat\x07son"})

        content = response.content.decode()
        assert "<title>Rename “Watson”" in content
        assert "Wat\x07son”" not in content.split("<form")[0]

    def test_blank_rename_is_refused(self, auth_client, kind, user):
        label = kind.factory(user=user, name="Drama")

        response = auth_client.post(kind.edit_url(label), {"name": " "})

        label.refresh_from_db()
        assert b"This field is required." in response.content
        assert label.name == "Drama"


@pytest.mark.django_db
class TestDelete:
    def test_confirm_page(self, auth_client, kind, user):
        label = kind.factory(user=user, name="Drama")

        response = auth_client.get(kind.delete_url(label))

        content = response.content.decode()
        assert response.status_code == 200
        assert "<html" in content
        assert "Delete “Drama”?" in content
        assert kind.model.objects.exists()

    def test_htmx_get_shows_the_confirm_step_in_the_row(
        self, auth_client, kind, user, htmx_headers
    ):
        label = kind.factory(user=user, name="Drama")

        response = auth_client.get(kind.delete_url(label), headers=htmx_headers)

        content = response.content.decode()
        assert content.lstrip().startswith("<li")
        assert "Delete “Drama”?" in content
        assert "<html" not in content

    def test_plain_post_deletes_and_redirects(self, auth_client, kind, user):
        label = kind.factory(user=user, name="Drama")

        response = auth_client.post(kind.delete_url(label))

        assert response.status_code == 302
        assert response["Location"] == kind.list_url
        assert not kind.model.objects.exists()
        assert "“Drama” deleted." in auth_client.get(kind.list_url).content.decode()

    def test_htmx_post_removes_the_row(self, auth_client, kind, user, htmx_headers):
        label = kind.factory(user=user, name="Drama")

        response = auth_client.post(kind.delete_url(label), headers=htmx_headers)

        content = response.content.decode()
        assert response.status_code == 200
        assert content.startswith('\n<div id="messages"')
        assert "“Drama” deleted." in content
        assert response["HX-Trigger-After-Settle"] == "labels-changed"
        assert not kind.model.objects.exists()


@pytest.mark.django_db
class TestIsolation:
    @pytest.mark.parametrize("method", ["get", "post"])
    @pytest.mark.parametrize("action", ["edit_url", "delete_url"])
    @pytest.mark.parametrize("htmx", [False, True])
    def test_another_users_item_is_404(
        self, auth_client, kind, other_user, method, action, htmx
    ):
        label = kind.factory(user=other_user, name="Theirs")
        headers = {"HX-Request": "true"} if htmx else {}

        response = getattr(auth_client, method)(
            getattr(kind, action)(label), {"name": "Mine now"}, headers=headers
        )

        label.refresh_from_db()
        assert response.status_code == 404
        assert b"Theirs" not in response.content
        assert label.name == "Theirs"

    def test_unknown_id_is_404(self, auth_client, kind):
        response = auth_client.get(f"/{kind.prefix}s/999999/edit/")

        assert response.status_code == 404

    @pytest.mark.parametrize("action", ["edit_url", "delete_url"])
    def test_visitors_are_sent_to_login(self, client, kind, user, action):
        label = kind.factory(user=user)

        response = client.post(getattr(kind, action)(label), {"name": "x"})

        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
        assert kind.model.objects.filter(pk=label.pk).exists()
