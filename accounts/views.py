import copy
import hashlib
import logging

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.messages.views import SuccessMessageMixin
from django.core.cache import cache
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import CreateView, UpdateView

from config.htmx import HtmxFormMixin, htmx_redirect

from . import forms

logger = logging.getLogger(__name__)


@method_decorator(login_not_required, name="dispatch")
class SignupView(HtmxFormMixin, CreateView):
    form_class = forms.SignupForm
    template_name = "accounts/signup.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return HttpResponseRedirect(self.get_success_url())
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        login(
            self.request,
            self.object,
            backend="django.contrib.auth.backends.ModelBackend",
        )
        messages.success(self.request, f"Welcome, {self.object.name}!")
        return response

    def get_success_url(self):
        url = self.request.POST.get("next") or self.request.GET.get("next")
        if url and url_has_allowed_host_and_scheme(
            url,
            allowed_hosts={self.request.get_host()},
            require_https=self.request.is_secure(),
        ):
            return url
        return resolve_url("catalog:home")


class LoginView(HtmxFormMixin, auth_views.LoginView):
    authentication_form = forms.LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class ProfileView(HtmxFormMixin, SuccessMessageMixin, UpdateView):
    form_class = forms.ProfileForm
    template_name = "accounts/profile.html"
    # Not "user": that name is the signed-in user in every template.
    context_object_name = "account"
    success_url = reverse_lazy("accounts:profile")
    success_message = "Your profile was saved."

    def get_object(self, queryset=None):
        # A copy: a refused change must not show in the page as if saved.
        return copy.copy(self.request.user)


class PasswordChangeView(
    HtmxFormMixin, SuccessMessageMixin, auth_views.PasswordChangeView
):
    form_class = forms.PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")
    success_message = "Your password was changed. Other sessions were signed out."


class PasswordResetView(HtmxFormMixin, auth_views.PasswordResetView):
    """
    Send a reset link, at most ``limit`` times an hour per address and per
    email; past that the page reads the same but nothing is sent.
    """

    form_class = forms.PasswordResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    limit = 5

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        address = self.request.META.get("REMOTE_ADDR", "")
        keys = [
            f"password-reset:email:{hashlib.sha256(email.encode()).hexdigest()}",
            f"password-reset:address:{address}",
        ]
        if any(self.count(key) > self.limit for key in keys):
            logger.warning("Password reset throttled.")
            return htmx_redirect(self.request, redirect(self.get_success_url()))
        return super().form_valid(form)

    @staticmethod
    def count(key):
        cache.add(key, 0, timeout=3600)
        return cache.incr(key)


class PasswordResetConfirmView(HtmxFormMixin, auth_views.PasswordResetConfirmView):
    form_class = forms.SetPasswordForm
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


def login_attempt_email(request, credentials=None):
    """The account a login attempt names (django-axes), in any letter case."""
    credentials = credentials or {}
    email = (
        credentials.get("username")
        or credentials.get("email")
        or request.POST.get("username")
    )
    return str(email or "").strip().lower() or None


def locked_out(request, original_response=None, credentials=None):
    """
    Answer a throttled login (django-axes) with the login page and a message
    that is the same whether or not the account exists.
    """
    logger.warning("Login throttled for an address or account.")
    form = forms.LockedOutLoginForm(request, data=request.POST or None)
    form.is_valid()
    template = "registration/login.html"
    if request.htmx:
        template += "#form"
    return render(request, template, {"form": form}, status=429)
