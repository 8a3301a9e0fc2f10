import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from accounts.models import User

from .factories import PASSWORD, UserFactory

SIGNUP = reverse("accounts:signup")
LOGIN = reverse("accounts:login")
LOGOUT = reverse("accounts:logout")
PROFILE = reverse("accounts:profile")
PASSWORD_CHANGE = reverse("accounts:password_change")
PASSWORD_RESET = reverse("accounts:password_reset")
STRONG = "tangerine-lighthouse-42"


def signup_data(**overrides):
    data = {
        "email": "new@example.com",
        "name": "New Person",
        "password1": STRONG,
        "password2": STRONG,
    }
    return data | overrides


@pytest.mark.django_db
class TestSignup:
    def test_page_shows_the_form(self, client):
        response = client.get(SIGNUP)

        assert response.status_code == 200
        assert b'name="email"' in response.content
        assert b'name="password2"' in response.content
        assert b"<html" in response.content

    def test_creates_the_account_and_signs_in(self, client):
        response = client.post(SIGNUP, signup_data())

        assert response.status_code == 302
        assert response["Location"] == reverse("catalog:home")
        user = User.objects.get()
        assert user.email == "new@example.com"
        assert user.name == "New Person"
        assert user.check_password(STRONG)
        assert int(client.session[SESSION_KEY]) == user.pk

    def test_stores_the_email_in_lower_case(self, client):
        client.post(SIGNUP, signup_data(email="New.Person@Example.COM"))

        assert User.objects.get().email == "new.person@example.com"

    def test_htmx_success_redirects_the_whole_page(self, client, htmx_headers):
        response = client.post(SIGNUP, signup_data(), headers=htmx_headers)

        assert response.status_code == 200
        assert response["HX-Redirect"] == reverse("catalog:home")
        assert User.objects.count() == 1

    @pytest.mark.parametrize("email", ["taken@example.com", "TAKEN@Example.com"])
    def test_refuses_an_email_in_use_in_any_case(self, client, email):
        UserFactory(email="taken@example.com")

        response = client.post(SIGNUP, signup_data(email=email))

        assert response.status_code == 200
        assert "An account with this email address already exists." in (
            response.content.decode()
        )
        assert User.objects.count() == 1
        assert SESSION_KEY not in client.session

    @pytest.mark.parametrize(
        ("overrides", "message"),
        [
            ({"password2": "something-else-99"}, "didn’t match"),
            ({"password1": "12345678", "password2": "12345678"}, "too common"),
            ({"password1": "short", "password2": "short"}, "too short"),
            ({"email": ""}, "This field is required."),
            ({"name": ""}, "This field is required."),
            ({"password1": "", "password2": ""}, "This field is required."),
            ({"email": "not-an-email"}, "Enter a valid email address."),
        ],
    )
    def test_bad_input_shows_the_error_and_stores_nothing(
        self, client, overrides, message
    ):
        response = client.post(SIGNUP, signup_data(**overrides))

        assert response.status_code == 200
        assert message in response.content.decode()
        assert not User.objects.exists()
        assert SESSION_KEY not in client.session

    def test_errors_keep_what_the_user_typed(self, client):
        response = client.post(SIGNUP, signup_data(password2="nope-nope-nope"))

        assert b'value="new@example.com"' in response.content
        assert b'value="New Person"' in response.content

    def test_htmx_errors_return_only_the_form(self, client, htmx_headers):
        response = client.post(SIGNUP, signup_data(password2="x"), headers=htmx_headers)

        content = response.content.decode()
        assert response.status_code == 200
        assert "<html" not in content
        assert content.lstrip().startswith("<form")
        assert "didn’t match" in content
        assert "HX-Request" in response["Vary"]
        assert not User.objects.exists()

    def test_signed_in_users_are_sent_home(self, auth_client):
        response = auth_client.get(SIGNUP)

        assert response.status_code == 302
        assert response["Location"] == reverse("catalog:home")

    def test_the_login_page_link_keeps_next(self, client):
        content = client.get(f"{LOGIN}?next=/tags/").content.decode()

        assert f'href="{SIGNUP}?next=/tags/"' in content

    def test_honours_a_local_next(self, client):
        response = client.post(f"{SIGNUP}?next=/accounts/profile/", signup_data())

        assert response["Location"] == "/accounts/profile/"

    @pytest.mark.parametrize(
        "target", ["https://evil.example/", "//evil.example/", "/\\evil.example"]
    )
    def test_never_redirects_off_site(self, client, target):
        response = client.post(f"{SIGNUP}?next={target}", signup_data())

        assert response["Location"] == reverse("catalog:home")


@pytest.mark.django_db
class TestLogin:
    NEUTRAL = "The email address or password is incorrect."

    def test_page_shows_the_form(self, client):
        response = client.get(LOGIN)

        assert response.status_code == 200
        assert b'name="username"' in response.content
        assert b'type="email"' in response.content

    def test_signs_in_with_email_in_any_case(self, client, user):
        response = client.post(
            LOGIN, {"username": user.email.upper(), "password": PASSWORD}
        )

        assert response.status_code == 302
        assert response["Location"] == reverse("catalog:home")
        assert int(client.session[SESSION_KEY]) == user.pk

    def test_htmx_success_redirects_the_whole_page(self, client, user, htmx_headers):
        response = client.post(
            LOGIN, {"username": user.email, "password": PASSWORD}, headers=htmx_headers
        )

        assert response["HX-Redirect"] == reverse("catalog:home")

    @pytest.mark.parametrize(
        "data",
        [
            {"username": "{email}", "password": "wrong-password"},
            {"username": "nobody@example.com", "password": PASSWORD},
            {"username": "{email}", "password": ""},
            {"username": "", "password": ""},
        ],
        ids=["wrong password", "unknown email", "no password", "blank"],
    )
    def test_failures_share_one_neutral_message(self, client, user, data):
        data = {k: v.format(email=user.email) for k, v in data.items()}

        response = client.post(LOGIN, data)

        content = response.content.decode()
        assert response.status_code == 200
        assert content.count(self.NEUTRAL) == 1
        assert "This field is required" not in content
        assert SESSION_KEY not in client.session

    def test_inactive_account_gets_the_same_message(self, client):
        user = UserFactory(is_active=False)

        response = client.post(LOGIN, {"username": user.email, "password": PASSWORD})

        assert self.NEUTRAL in response.content.decode()
        assert SESSION_KEY not in client.session

    def test_htmx_failure_returns_the_form_in_place(self, client, user, htmx_headers):
        response = client.post(
            LOGIN, {"username": user.email, "password": "bad"}, headers=htmx_headers
        )

        assert response.status_code == 200
        assert b"<html" not in response.content
        assert self.NEUTRAL.encode() in response.content

    def test_never_redirects_off_site(self, client, user):
        response = client.post(
            f"{LOGIN}?next=https://evil.example/",
            {"username": user.email, "password": PASSWORD},
        )

        assert response["Location"] == reverse("catalog:home")

    def test_follows_a_local_next(self, client, user):
        response = client.post(
            f"{LOGIN}?next=/accounts/profile/",
            {"username": user.email, "password": PASSWORD},
        )

        assert response["Location"] == "/accounts/profile/"


@pytest.mark.django_db
class TestLogout:
    def test_post_signs_out(self, auth_client):
        response = auth_client.post(LOGOUT)

        assert response.status_code == 302
        assert response["Location"] == LOGIN
        assert SESSION_KEY not in auth_client.session

    def test_get_is_refused(self, auth_client):
        response = auth_client.get(LOGOUT)

        assert response.status_code == 405
        assert SESSION_KEY in auth_client.session


@pytest.mark.django_db
class TestLoginRequired:
    @pytest.mark.parametrize("url", ["/", PROFILE, PASSWORD_CHANGE])
    def test_visitors_are_sent_to_login(self, client, url):
        response = client.get(url)

        assert response.status_code == 302
        assert response["Location"] == f"{LOGIN}?next={url}"

    def test_htmx_visitors_get_a_full_page_redirect(self, client, htmx_headers):
        response = client.get(PROFILE, headers=htmx_headers)

        assert response.status_code == 200
        assert response["HX-Redirect"] == f"{LOGIN}?next={PROFILE}"
        assert response.content == b""

    @pytest.mark.parametrize("url", [SIGNUP, LOGIN, PASSWORD_RESET, "/healthz"])
    def test_public_pages_are_open(self, client, url):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
class TestProfile:
    def test_shows_own_name_and_email(self, auth_client, user):
        response = auth_client.get(PROFILE)

        assert response.status_code == 200
        assert f'value="{user.email}"'.encode() in response.content
        assert f'value="{user.name}"'.encode() in response.content

    def test_changes_name_and_email(self, auth_client, user):
        response = auth_client.post(
            PROFILE, {"name": "Renamed", "email": "Renamed@Example.com"}
        )

        user.refresh_from_db()
        assert response.status_code == 302
        assert response["Location"] == PROFILE
        assert user.name == "Renamed"
        assert user.email == "renamed@example.com"

    def test_success_message_follows(self, auth_client):
        response = auth_client.post(
            PROFILE, {"name": "Renamed", "email": "r@example.com"}, follow=True
        )

        assert b"Your profile was saved." in response.content

    def test_refuses_another_users_email(self, auth_client, user, other_user):
        response = auth_client.post(
            PROFILE, {"name": "X", "email": other_user.email.upper()}
        )

        user.refresh_from_db()
        assert response.status_code == 200
        assert b"An account with this email address already exists." in (
            response.content
        )
        assert user.name != "X"

    def test_a_refused_change_does_not_show_as_saved(
        self, auth_client, user, other_user
    ):
        response = auth_client.post(
            PROFILE, {"name": "Hijacked", "email": other_user.email}
        )

        assert "Hijacked" not in response.content.decode().split("<main")[0]

    def test_ignores_privilege_fields(self, auth_client, user):
        auth_client.post(
            PROFILE,
            {
                "name": "Sneaky",
                "email": user.email,
                "is_staff": "on",
                "is_superuser": "on",
                "is_active": "",
            },
        )

        user.refresh_from_db()
        assert user.name == "Sneaky"
        assert not user.is_staff
        assert not user.is_superuser
        assert user.is_active

    def test_blank_fields_store_nothing(self, auth_client, user):
        response = auth_client.post(PROFILE, {"name": "", "email": ""})

        old = (user.name, user.email)
        user.refresh_from_db()
        assert response.content.decode().count("This field is required.") == 2
        assert (user.name, user.email) == old

    def test_htmx_error_in_place(self, auth_client, htmx_headers):
        response = auth_client.post(
            PROFILE, {"name": "", "email": "x@example.com"}, headers=htmx_headers
        )

        assert b"<html" not in response.content
        assert b"This field is required." in response.content


@pytest.mark.django_db
class TestPasswordChange:
    def test_changes_the_password_and_keeps_this_session(self, auth_client, user):
        response = auth_client.post(
            PASSWORD_CHANGE,
            {
                "old_password": PASSWORD,
                "new_password1": STRONG,
                "new_password2": STRONG,
            },
        )

        user.refresh_from_db()
        assert response.status_code == 302
        assert user.check_password(STRONG)
        assert auth_client.get(PROFILE).status_code == 200

    def test_signs_out_other_sessions(self, client, user, django_user_model):
        from django.test import Client

        other_browser = Client()
        other_browser.force_login(user)
        client.force_login(user)

        client.post(
            PASSWORD_CHANGE,
            {
                "old_password": PASSWORD,
                "new_password1": STRONG,
                "new_password2": STRONG,
            },
        )

        assert client.get(PROFILE).status_code == 200
        assert other_browser.get(PROFILE).status_code == 302

    def test_wrong_old_password_changes_nothing(self, auth_client, user):
        response = auth_client.post(
            PASSWORD_CHANGE,
            {"old_password": "nope", "new_password1": STRONG, "new_password2": STRONG},
        )

        user.refresh_from_db()
        assert response.status_code == 200
        assert b"Your old password was entered incorrectly." in response.content
        assert user.check_password(PASSWORD)

    def test_weak_password_is_refused(self, auth_client, user):
        response = auth_client.post(
            PASSWORD_CHANGE,
            {
                "old_password": PASSWORD,
                "new_password1": "password",
                "new_password2": "password",
            },
        )

        user.refresh_from_db()
        assert b"too common" in response.content
        assert user.check_password(PASSWORD)


@pytest.mark.django_db
class TestPasswordReset:
    def test_sends_a_link_that_sets_a_new_password(self, client, user):
        response = client.post(PASSWORD_RESET, {"email": user.email.upper()})

        assert response["Location"] == reverse("accounts:password_reset_done")
        assert len(mail.outbox) == 1
        body = mail.outbox[0].body
        link = next(line for line in body.splitlines() if "/password/reset/" in line)
        path = link.split("testserver", 1)[1]
        set_password_url = client.get(path)["Location"]
        response = client.post(
            set_password_url, {"new_password1": STRONG, "new_password2": STRONG}
        )
        user.refresh_from_db()
        assert response["Location"] == reverse("accounts:password_reset_complete")
        assert user.check_password(STRONG)

    def test_unknown_email_looks_the_same_and_sends_nothing(self, client):
        response = client.post(PASSWORD_RESET, {"email": "nobody@example.com"})

        assert response["Location"] == reverse("accounts:password_reset_done")
        assert mail.outbox == []

    def test_bad_link_says_so(self, client):
        response = client.get(
            reverse("accounts:password_reset_confirm", args=["MQ", "bad-token"])
        )

        assert response.status_code == 200
        assert b"invalid or has already been used" in response.content


@pytest.mark.django_db
class TestLoginThrottling:
    LOCKED = "Too many failed attempts."

    def fail(self, client, email, times, address="10.0.0.1"):
        for _ in range(times):
            client.post(
                LOGIN, {"username": email, "password": "wrong"}, REMOTE_ADDR=address
            )

    def test_an_account_locks_after_five_failures(self, client, user):
        self.fail(client, user.email, 5)

        response = client.post(
            LOGIN,
            {"username": user.email, "password": PASSWORD},
            REMOTE_ADDR="10.0.0.2",
        )

        assert response.status_code == 429
        assert self.LOCKED in response.content.decode()
        assert SESSION_KEY not in client.session

    def test_an_unknown_email_locks_the_same_way(self, client):
        self.fail(client, "nobody@example.com", 5)

        response = client.post(
            LOGIN,
            {"username": "nobody@example.com", "password": "x"},
            REMOTE_ADDR="10.0.0.3",
        )

        assert response.status_code == 429
        assert self.LOCKED in response.content.decode()

    def test_an_address_locks_across_accounts(self, client, user):
        for n in range(5):
            self.fail(client, f"guess{n}@example.com", 1, address="10.9.9.9")

        response = client.post(
            LOGIN,
            {"username": user.email, "password": PASSWORD},
            REMOTE_ADDR="10.9.9.9",
        )

        assert response.status_code == 429
        assert SESSION_KEY not in client.session

    def test_fewer_failures_still_allow_a_login(self, client, user):
        self.fail(client, user.email, 4)

        response = client.post(
            LOGIN,
            {"username": user.email, "password": PASSWORD},
            REMOTE_ADDR="10.0.0.1",
        )

        assert response.status_code == 302
        assert int(client.session[SESSION_KEY]) == user.pk

    def test_the_admin_login_is_throttled_too(self, client):
        from accounts.models import User

        admin = User.objects.create_superuser("root@example.com", PASSWORD, name="R")
        for _ in range(5):
            client.post(
                "/admin/login/",
                {"username": admin.email, "password": "wrong"},
                REMOTE_ADDR="10.0.0.5",
            )

        response = client.post(
            "/admin/login/",
            {"username": admin.email, "password": PASSWORD},
            REMOTE_ADDR="10.0.0.6",
        )

        assert response.status_code == 429
        assert SESSION_KEY not in client.session

    def test_htmx_lockout_answers_in_the_form(self, client, user, htmx_headers):
        self.fail(client, user.email, 5)

        response = client.post(
            LOGIN,
            {"username": user.email, "password": PASSWORD},
            headers=htmx_headers,
        )

        content = response.content.decode()
        assert response.status_code == 429
        assert "<html" not in content
        assert self.LOCKED in content


@pytest.mark.django_db
class TestPasswordResetHardening:
    def test_links_use_the_configured_domain(self, client, user, settings):
        settings.SITE_DOMAIN = "catalog.example.com"

        client.post(PASSWORD_RESET, {"email": user.email})

        assert "://catalog.example.com/accounts/password/reset/" in mail.outbox[0].body

    def test_resets_are_throttled_per_email_without_saying_so(self, client, user):
        for n in range(7):
            response = client.post(
                PASSWORD_RESET, {"email": user.email}, REMOTE_ADDR=f"10.1.0.{n}"
            )
            assert response["Location"] == reverse("accounts:password_reset_done")

        assert len(mail.outbox) == 5

    def test_resets_are_throttled_per_address(self, client):
        emails = [UserFactory().email for _ in range(7)]

        for email in emails:
            client.post(PASSWORD_RESET, {"email": email}, REMOTE_ADDR="10.2.0.1")

        assert len(mail.outbox) == 5
