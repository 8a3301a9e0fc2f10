import copy
import hashlib
from functools import cached_property

from django.contrib import messages
from django.core.cache import caches
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import DatabaseError, IntegrityError, transaction
from django.forms import modelform_factory
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.views.generic import (
    CreateView,
    DeleteView,
    DetailView,
    FormView,
    UpdateView,
    View,
)
from django.views.generic.detail import SingleObjectMixin
from django.views.generic.edit import FormMixin
from django_filters.views import FilterView
from django_htmx.http import HttpResponseLocation

from config.htmx import HtmxFormMixin, HtmxTemplateMixin

from . import cards, filters, pagination, posters, versions
from .forms import ChangedMeanwhile, LabelForm, PosterForm, SeriesForm
from .models import Character, Series, Tag


class LabelMixin:
    """
    Serve one kind of label (``model``: Tag or Character) of the signed-in
    user; ``get_queryset`` is where ownership is enforced.
    """

    model = None
    list_template_name = "catalog/label_list.html"

    def get_queryset(self):
        return self.model.objects.for_user(self.request.user).a_to_z()

    def get_success_url(self):
        return self.model.get_list_url()

    def get_context_data(self, **kwargs):
        meta = self.model._meta
        kwargs.setdefault("kind", meta.model_name)
        kwargs.setdefault("verbose_name", meta.verbose_name)
        kwargs.setdefault("verbose_name_plural", meta.verbose_name_plural)
        kwargs.setdefault("list_url", self.model.get_list_url())
        return super().get_context_data(**kwargs)

    def labels_changed(self, response):
        """Have the page's list refresh itself (count, order, empty state)
        once htmx has settled this response."""
        if self.request.htmx:
            response["HX-Trigger-After-Settle"] = "labels-changed"
        return response


class LabelFormMixin(LabelMixin):
    """Name a label with ``LabelForm``, for the list's create and for rename."""

    def get_form_class(self):
        return modelform_factory(self.model, form=LabelForm)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        kwargs["action"] = self.request.path
        return kwargs

    def save_form(self, form):
        """
        Save ``form`` and return the label, or None when another request took
        the name meanwhile: the database constraint, not luck, decides.
        """
        try:
            with transaction.atomic():
                return form.save()
        except IntegrityError:
            form.add_error("name", form.duplicate_message(form.cleaned_data["name"]))
            return None


class LabelListView(LabelFormMixin, HtmxTemplateMixin, FormMixin, FilterView):
    """
    List the user's labels A to Z, filtered by the kind's ``filterset_class``
    (``?q=``, ``?assigned_only=1``); a POST creates one.
    """

    template_name = "catalog/label_list.html"

    def get_htmx_partial(self):
        return "label-results" if self.request.method == "GET" else "form"

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if self.request.method != "GET":
            kwargs["data"] = None
        return kwargs

    def post(self, request, *args, **kwargs):
        self.filterset = self.get_filterset(self.get_filterset_class())
        self.object_list = self.filterset.qs
        form = self.get_form()
        if form.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def form_valid(self, form):
        label = self.save_form(form)
        if label is None:
            return self.form_invalid(form)
        messages.success(self.request, f"“{label.name}” added.")
        response = self.htmx_or_redirect(
            f"{self.list_template_name}#created",
            form=self.get_form_class()(
                user=self.request.user, action=self.request.path
            ),
            object_list=self.get_queryset(),
            highlight=label.pk,
            oob=True,
        )
        # The list shows every label again, so the URL drops any search.
        response["HX-Replace-Url"] = self.get_success_url()
        return response


class LabelUpdateView(LabelFormMixin, HtmxTemplateMixin, UpdateView):
    """Rename a label: a page without JavaScript, the row itself with htmx."""

    template_name = "catalog/label_form.html"
    htmx_template_name = "catalog/label_list.html#row-form"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        # The form edits a copy: a refused name never shows as the saved one.
        kwargs["instance"] = copy.copy(self.object)
        kwargs["inline"] = bool(self.request.htmx)
        return kwargs

    def get_context_data(self, **kwargs):
        kwargs.setdefault("label", self.object)
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        label = self.save_form(form)
        if label is None:
            return self.form_invalid(form)
        messages.success(self.request, f"Renamed to “{label.name}”.")
        response = self.htmx_or_redirect(f"{self.list_template_name}#row", label=label)
        return self.labels_changed(response)


class LabelDeleteView(LabelMixin, HtmxTemplateMixin, DeleteView):
    """
    Delete a label after a confirmation (a page, or a step in the row with
    htmx). Its series keep existing; only the link to them goes.
    """

    template_name = "catalog/label_confirm_delete.html"
    htmx_template_name = "catalog/label_list.html#row-delete"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("label", self.object)
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        name = self.object.name
        self.object.delete()
        messages.success(self.request, f"“{name}” deleted.")
        # With htmx the row is swapped for nothing: it leaves the list.
        return self.labels_changed(self.htmx_or_redirect(None))


class SeriesMixin:
    """Serve the signed-in user's series; ``get_queryset`` enforces it."""

    model = Series

    def get_queryset(self):
        return Series.objects.for_user(self.request.user)


class SeriesListView(SeriesMixin, HtmxTemplateMixin, FilterView):
    """
    The user's series, newest first, 24 at a time, filtered by
    ``SeriesFilter``. Pages follow a cursor (``?after=``), so a page deep in
    the scroll costs what the first one costs; the total is counted up to
    ``count_limit``. htmx asks for the ``series-results`` when the filters
    change and for the ``next-page`` of cards as the user scrolls.

    What a page shows (labels, cards, total, pickers) is kept in the shared
    ``catalog`` cache for the current version of the user's catalog
    (catalog.versions): a page seen before costs the session, the user and
    one cache round trip.
    """

    filterset_class = filters.SeriesFilter
    template_name = "catalog/series_list.html"
    page_size = 24
    count_limit = 1000
    # Cards hold poster URLs, which S3 storage signs for an hour: a cached
    # page lives half of that, so that it never offers an expired one.
    cache_timeout = 30 * 60
    # What a page depends on; any other parameter never reaches its key.
    cached_params = ("q", "status", "tags", "characters", "after")

    def get_queryset(self):
        # Cards show neither the description nor, until rendered, the labels
        # (catalog.cards fetches those).
        return super().get_queryset().newest_first().defer("description")

    def get_htmx_partial(self):
        # The scroll asks for the next page of cards and a filter for the
        # results; anything else (a chip's remove link swapping #main, an
        # HX-Location after a delete) gets the whole page.
        target = self.request.htmx.target
        return target if target in ("next-page", "series-results") else None

    @cached_property
    def cache_key(self):
        """Name the page by its user, its htmx target and its parameters."""
        user_id = self.request.user.pk
        params = [(name, self.request.GET.getlist(name)) for name in self.cached_params]
        page = repr((self.get_htmx_partial(), params)).encode()
        return f"series-list:{user_id}:{hashlib.blake2b(page).hexdigest()}"

    @cached_property
    def cached_page(self):
        """What this page showed for the current version of the user's
        catalog, or None; the version comes in the same round trip."""
        user_id = self.request.user.pk
        found = caches["catalog"].get_many(
            [versions.token_key(user_id), self.cache_key]
        )
        self.catalog_version = found.get(versions.token_key(user_id))
        if self.catalog_version is None:
            self.catalog_version = versions.start(user_id)
        page = found.get(self.cache_key)
        if page is not None and page["version"] == self.catalog_version:
            return page
        return None

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        page = self.cached_page
        kwargs["labels"] = page["labels"] if page else None
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        list_url = reverse("catalog:series_list")
        raw_cursor = self.request.GET.get("after")
        cursor = pagination.parse_cursor(raw_cursor)
        page = self.cached_page
        if page is None:
            page = self.get_page(cursor, list_url)
            # Links that name no page (bad filters, a cursor that is not one)
            # are answered but not kept: they would only fill the cache.
            if not self.filterset.errors and (cursor or not raw_cursor):
                caches["catalog"].set(self.cache_key, page, self.cache_timeout)
        params = self.request.GET.copy()
        params.pop("after", None)
        params.pop("page", None)
        context.update(
            page,
            list_url=list_url,
            is_first_page=cursor is None,
            bad_cursor=bool(raw_cursor) and cursor is None,
            query=params.urlencode(),
            active_filters=self.filterset.get_active_filters(),
            unknown_ids=self.filterset.get_unknown_ids(),
        )
        return context

    def get_page(self, cursor, list_url):
        """
        Read and render what the page shows after ``cursor``: its cards, the
        cursor of the next page, the bounded total of matches (but for the
        scroll's pages) and the filter's label pickers (for a whole page).
        """
        counting = self.get_htmx_partial() != "next-page"
        series = self.object_list
        if counting:
            series = series.with_total(self.count_limit + 1)
        if cursor is not None:
            series = series.after(*cursor)
        rows = list(series[: self.page_size + 1])
        page = {
            "version": self.catalog_version,
            "labels": (self.filterset.tag_choices, self.filterset.character_choices),
            "cards": cards.render_cards(rows[: self.page_size], list_url=list_url),
            "next_cursor": None,
        }
        if len(rows) > self.page_size:
            page["next_cursor"] = pagination.make_cursor(rows[self.page_size - 1])
        if counting:
            if rows:
                total = rows[0].total
            elif cursor is None:
                total = 0
            else:
                # A page past the end: no row carried the total.
                total = self.object_list.order_by()[: self.count_limit + 1].count()
            page["total"] = min(total, self.count_limit)
            page["total_is_more"] = total > self.count_limit
        if self.get_htmx_partial() is None:
            page["label_pickers"] = render_to_string(
                "catalog/series_list.html#label-pickers",
                {"pickers": self.get_label_pickers()},
            )
        return page

    def get_label_pickers(self):
        """The filter form's tag and character checkboxes, with the checked
        ids as sets (looked up once per page, not once per checkbox)."""
        filterset = self.filterset
        data = filterset.form.cleaned_data if filterset.is_valid() else {}
        return [
            {
                "field": field,
                "kind": model._meta.model_name,
                "label": model._meta.verbose_name_plural.capitalize(),
                "choices": choices,
                "selected": set(data.get(field) or ()),
                "list_url": model.get_list_url(),
            }
            for field, model, choices in (
                ("tags", Tag, filterset.tag_choices),
                ("characters", Character, filterset.character_choices),
            )
        ]


class SeriesDetailView(SeriesMixin, DetailView):
    template_name = "catalog/series_detail.html"

    def get_queryset(self):
        return super().get_queryset().with_labels()

    def get_context_data(self, **kwargs):
        kwargs.setdefault(
            "form",
            PosterForm(
                series=self.object,
                action=reverse("catalog:series_image", args=[self.object.pk]),
            ),
        )
        return super().get_context_data(**kwargs)

    def http_method_not_allowed(self, request, *args, **kwargs):
        # Another user's series is a 404 whatever the method.
        self.get_object()
        return super().http_method_not_allowed(request, *args, **kwargs)


class SeriesFormMixin(SeriesMixin, HtmxFormMixin):
    """Create or edit a series with ``SeriesForm``; a plain POST redirects to
    the series, an htmx POST has htmx load it in place."""

    form_class = SeriesForm
    template_name = "catalog/series_form.html"
    htmx_redirect_class = HttpResponseLocation

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        kwargs["action"] = self.request.path
        kwargs["skipped_uploads"] = getattr(self.request, "skipped_uploads", ())
        return kwargs

    def form_valid(self, form):
        try:
            response = super().form_valid(form)
        except IntegrityError:
            form.add_error(None, "Something changed meanwhile. Please try again.")
            return self.form_invalid(form)
        messages.success(self.request, self.success_message % form.instance.title)
        return response


class SeriesCreateView(SeriesFormMixin, CreateView):
    success_message = "“%s” added."


class SeriesUpdateView(SeriesFormMixin, UpdateView):
    success_message = "“%s” saved."

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ChangedMeanwhile:
            return self.show_saved_values()

    def form_invalid(self, form):
        if form.has_error(NON_FIELD_ERRORS, "changed_meanwhile"):
            return self.show_saved_values()
        return super().form_invalid(form)

    def show_saved_values(self):
        """Answer an edit that raced another save with the saved values."""
        self.object = self.get_object()
        form = self.get_form_class()(
            instance=copy.copy(self.object),
            user=self.request.user,
            action=self.request.path,
        )
        form.notice = form.CHANGED_MEANWHILE
        return self.render_to_response(self.get_context_data(form=form))

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        # The form edits a copy: a refused edit never shows as the saved one.
        kwargs["instance"] = copy.copy(self.object)
        return kwargs


class SeriesDeleteView(SeriesMixin, HtmxFormMixin, DeleteView):
    template_name = "catalog/series_confirm_delete.html"
    success_url = reverse_lazy("catalog:series_list")
    htmx_redirect_class = HttpResponseLocation

    def form_valid(self, form):
        title = self.object.title
        response = super().form_valid(form)
        messages.success(self.request, f"“{title}” deleted.")
        return response


class SeriesPosterView(SeriesMixin, HtmxTemplateMixin, SingleObjectMixin, FormView):
    """
    Upload, replace or remove the poster of a series: a page of its own
    without JavaScript, the poster part of the detail page with htmx.
    """

    form_class = PosterForm
    template_name = "catalog/series_poster.html"
    htmx_template_name = "catalog/series_detail.html#poster"

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["series"] = self.object
        kwargs["action"] = self.request.path
        kwargs["skipped_uploads"] = getattr(self.request, "skipped_uploads", ())
        return kwargs

    def form_valid(self, form):
        removing = form.cleaned_data.get("remove")
        try:
            with transaction.atomic():
                form.save()
        except (OSError, DatabaseError):
            form.add_error(None, "The poster could not be stored. Please try again.")
            return self.form_invalid(form)
        messages.success(
            self.request, "Poster removed." if removing else "Poster saved."
        )
        if not self.request.htmx:
            return HttpResponseRedirect(self.object.get_absolute_url())
        return self.render_to_response(
            self.get_context_data(form=self.get_form_class()(**self.get_new_kwargs()))
        )

    def get_new_kwargs(self):
        return {"series": self.object, "action": self.request.path}


class PosterFileView(View):
    """
    Serve a stored poster file to its owner (and to staff allowed to view
    series in the admin), and to no one else: names are random, and even a
    known name answers 404 to another user. Used when posters live on the
    local disk; a bucket signs its own URLs.
    """

    content_types = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}

    def get(self, request, stem, extension, suffix=None):
        names = [f"uploads/series/{stem}.{ext}" for ext in posters.EXTENSIONS]
        visible = Series.objects.all()
        if not request.user.has_perm("catalog.view_series"):
            visible = visible.for_user(request.user)
        if not visible.filter(image__in=names).exists():
            raise Http404("No such poster.")
        name = f"uploads/series/{stem}{suffix or ''}.{extension}"
        storage = Series._meta.get_field("image").storage
        try:
            stored = storage.open(name)
        except FileNotFoundError:
            raise Http404("No such poster.") from None
        response = FileResponse(stored, content_type=self.content_types[extension])
        response["Cache-Control"] = "private, max-age=31536000, immutable"
        return response
