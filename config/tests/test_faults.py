"""Faults under the app: dead connections and requests racing each other."""

import os
import threading

import pytest
from django.core import signals
from django.db import connection, connections
from django.test import Client

from catalog.forms import LabelForm
from catalog.models import Tag


def require_postgresql():
    """These faults are PostgreSQL's; CI always runs them."""
    if connection.vendor == "postgresql":
        return
    if os.environ.get("CI") == "true":
        pytest.fail("CI must run the fault tests on PostgreSQL (set DATABASE_URL).")
    pytest.skip("needs PostgreSQL: set DATABASE_URL")


@pytest.mark.django_db(transaction=True)
def test_the_next_request_succeeds_after_the_connection_is_killed(user):
    require_postgresql()
    # As in production: the connection is kept between requests, and the
    # start of each request checks it (CONN_MAX_AGE with health checks).
    connection.settings_dict["CONN_MAX_AGE"] = 600
    try:
        signals.request_started.send(sender=None)
        Tag.objects.create(user=user, name="Before")
        signals.request_finished.send(sender=None)
        pid = connection.connection.info.backend_pid
        killer = connections.create_connection("default")
        with killer.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        killer.close()

        signals.request_started.send(sender=None)
        names = list(Tag.objects.values_list("name", flat=True))

        assert names == ["Before"]
        assert connection.connection.info.backend_pid != pid
    finally:
        connection.settings_dict["CONN_MAX_AGE"] = 0
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_two_requests_creating_one_tag_make_one_row_and_one_friendly_error(
    user, monkeypatch
):
    require_postgresql()
    both_checked = threading.Barrier(2, timeout=10)
    original = LabelForm.clean_name

    def clean_name_then_wait(form):
        # Both requests pass the uniqueness check before either inserts.
        name = original(form)
        both_checked.wait()
        return name

    monkeypatch.setattr(LabelForm, "clean_name", clean_name_then_wait)
    responses = []

    def create():
        client = Client()
        client.force_login(user)
        try:
            responses.append(client.post("/tags/", {"name": "Drama"}))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=create) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    codes = sorted(response.status_code for response in responses)
    assert codes == [200, 302]
    refused = next(r for r in responses if r.status_code == 200)
    assert "You already have a tag named" in refused.content.decode()
    assert Tag.objects.filter(user=user).count() == 1
