from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms

from config.forms import CrispyFormMixin

from .models import User


class SignupForm(CrispyFormMixin, auth_forms.BaseUserCreationForm):
    submit_label = "Create account"
    form_id = "signup-form"

    class Meta:
        model = User
        fields = ("email", "name")
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
        }


class LoginForm(CrispyFormMixin, auth_forms.AuthenticationForm):
    """
    Email and password login that answers every failure, blank fields
    included, with one message that does not reveal which accounts exist.
    """

    submit_label = "Log in"
    form_id = "login-form"
    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": "The email address or password is incorrect.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget.input_type = "email"
        self.fields["username"].widget.attrs["autocomplete"] = "email"
        self.fields["username"].required = False
        self.fields["password"].required = False

    def clean(self):
        if not self.cleaned_data.get("username") or not self.cleaned_data.get(
            "password"
        ):
            raise self.get_invalid_login_error()
        return super().clean()


class LockedOutLoginForm(LoginForm):
    """The login form of a throttled login: it never authenticates."""

    def clean(self):
        raise forms.ValidationError(
            "Too many failed attempts. Wait 15 minutes, or reset your password.",
            code="locked_out",
        )


class ProfileForm(CrispyFormMixin, forms.ModelForm):
    form_id = "profile-form"

    class Meta:
        model = User
        fields = ("name", "email")
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
        }


class PasswordChangeForm(CrispyFormMixin, auth_forms.PasswordChangeForm):
    submit_label = "Change password"
    form_id = "password-form"


class PasswordResetForm(CrispyFormMixin, auth_forms.PasswordResetForm):
    """Reset links name ``DJANGO_SITE_DOMAIN`` when it is set."""

    submit_label = "Send reset link"
    form_id = "password-reset-form"

    def save(self, **kwargs):
        if settings.SITE_DOMAIN:
            kwargs.setdefault("domain_override", settings.SITE_DOMAIN)
        return super().save(**kwargs)


class SetPasswordForm(CrispyFormMixin, auth_forms.SetPasswordForm):
    submit_label = "Set password"
    form_id = "set-password-form"


class AdminUserCreationForm(auth_forms.AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "name")


class AdminUserChangeForm(auth_forms.UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"
