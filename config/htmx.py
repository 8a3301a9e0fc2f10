"""The project's one place for htmx decisions: which template, and how to
redirect or deliver messages when the request came from htmx."""

from django.contrib import messages
from django.contrib.auth import middleware as auth_middleware
from django.http import HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.cache import patch_vary_headers
from django_htmx.http import HttpResponseClientRedirect

from config.forms import CrispyFormMixin


class HtmxTemplateMixin:
    """
    Render ``"<template>#<htmx_partial>"`` (or ``htmx_template_name``) for
    htmx requests, the whole page otherwise, and vary the response on
    ``HX-Request`` so that caches keep the two apart.
    """

    htmx_partial = None
    htmx_template_name = None

    def get_htmx_partial(self):
        return self.htmx_partial

    def get_template_names(self):
        names = super().get_template_names()
        htmx = self.request.htmx
        if not htmx or htmx.history_restore_request:
            return names
        if self.htmx_template_name:
            return [self.htmx_template_name]
        partial = self.get_htmx_partial()
        if partial:
            return [f"{name}#{partial}" for name in names]
        return names

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        patch_vary_headers(response, ("HX-Request",))
        return response

    def htmx_or_redirect(self, template_name, **context):
        """
        Answer a successful POST: a plain request is redirected to
        ``get_success_url()``; an htmx request gets ``template_name`` (a
        partial) rendered with ``context``, or an empty body when it is None.
        """
        if not self.request.htmx:
            return HttpResponseRedirect(self.get_success_url())
        if template_name is None:
            response = HttpResponse()
        else:
            context = self.get_context_data(**context)
            response = TemplateResponse(self.request, template_name, context)
        patch_vary_headers(response, ("HX-Request",))
        return response


class HtmxFormMixin(HtmxTemplateMixin):
    """
    Answer an htmx form with its ``form`` partial, errors in place; on
    success, have htmx load the next page whole.
    """

    htmx_partial = "form"
    htmx_redirect_class = HttpResponseClientRedirect

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if issubclass(self.get_form_class(), CrispyFormMixin):
            # The form names its action, so nothing depends on JavaScript.
            kwargs.setdefault("action", self.request.get_full_path())
        return kwargs

    def form_valid(self, form):
        response = super().form_valid(form)
        return htmx_redirect(self.request, response, self.htmx_redirect_class)


def htmx_redirect(request, response, redirect_class=HttpResponseClientRedirect):
    """
    Turn a redirect into ``HX-Redirect`` for htmx, so the browser loads the
    whole page instead of swapping it into part of the current one; or, with
    ``HttpResponseLocation``, into ``HX-Location``, which swaps the new page's
    body in without a reload.
    """
    if request.htmx and response.status_code in (301, 302, 303):
        response = redirect_class(response["Location"])
        patch_vary_headers(response, ("HX-Request",))
    return response


class LoginRequiredMiddleware(auth_middleware.LoginRequiredMiddleware):
    """Require login everywhere; htmx visitors get a full-page redirect."""

    def handle_no_permission(self, request, view_func):
        return htmx_redirect(request, super().handle_no_permission(request, view_func))


class HtmxMessagesMiddleware:
    """
    Append pending messages to htmx responses as an out-of-band swap of the
    page's ``#messages`` region, unless the response already showed them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not self.wants_messages(request, response):
            return response
        storage = messages.get_messages(request)
        if storage.used or not len(storage):
            return response
        response.write(
            render_to_string(
                "includes/messages.html", {"messages": storage, "oob": True}, request
            )
        )
        return response

    def wants_messages(self, request, response):
        return (
            getattr(request, "htmx", False)
            and not response.streaming
            and 200 <= response.status_code < 300
            and response.status_code != 204
            and "HX-Redirect" not in response
            and "HX-Location" not in response
            and response.get("Content-Type", "").startswith("text/html")
        )
