import unicodedata

from crispy_forms.bootstrap import FieldWithButtons, StrictButton
from crispy_forms.layout import HTML, Column, Field, Layout, Row, Submit
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import transaction

from config.forms import CrispyFormMixin

from . import posters
from .filters import ID_PATTERN
from .models import Character, Series, Tag, validate_no_control_characters

LABEL_CHECKBOXES = "catalog/includes/label_checkboxes.html"


def clean_label_name(name):
    """
    Normalise a tag or character name (NFC, so that look-alike spellings are
    one name) and refuse one with nothing visible in it.
    """
    name = unicodedata.normalize("NFC", name)
    validate_no_control_characters(name)
    if not any(char.isprintable() and not char.isspace() for char in name):
        raise forms.ValidationError("Enter a name with visible characters.")
    return name


class LabelForm(CrispyFormMixin, forms.ModelForm):
    """
    Name a tag or a character of ``user``. ``inline`` lays the form out for
    renaming in place inside the item's row.
    """

    class Meta:
        fields = ["name"]

    def __init__(self, *args, user, inline=False, **kwargs):
        instance = kwargs.get("instance")
        prefix = f"{self._meta.model._meta.model_name}-"
        if instance is not None and instance.pk:
            # Unique ids: a row's form stands beside the list's create form.
            prefix += f"{instance.pk}-"
            kwargs.setdefault("auto_id", f"id_{prefix.replace('-', '_')}%s")
        self.form_id = f"{prefix}form"
        super().__init__(*args, **kwargs)
        self.instance.user = user
        verbose_name = self._meta.model._meta.verbose_name
        name = self.fields["name"]
        name.widget.attrs["autocomplete"] = "off"
        if self.instance.pk:
            name.label = f"Name of the {verbose_name}"
        else:
            name.label = f"New {verbose_name}"
            name.widget.attrs["placeholder"] = f"Add a {verbose_name}"
        if inline:
            name.widget.attrs["autofocus"] = True
            self.helper.attrs |= {
                "hx-target": "closest li",
                "data-cancel-on-escape": "",
            }
            self.helper.form_show_labels = False
            name.widget.attrs["aria-label"] = name.label

    def build_layout(self, helper):
        label = "Save" if self.instance.pk else "Add"
        helper.form_class = "label-form"
        helper.layout = Layout(
            FieldWithButtons(
                "name",
                StrictButton(label, type="submit", css_class="btn-primary"),
            )
        )

    def clean_name(self):
        name = clean_label_name(self.cleaned_data["name"])
        model = self._meta.model
        clash = (
            model.objects.for_user(self.instance.user)
            .filter(name__iexact=name)
            .exclude(pk=self.instance.pk)
            .first()
        )
        if clash is not None:
            raise forms.ValidationError(
                self.duplicate_message(clash.name), code="duplicate"
            )
        return name

    def duplicate_message(self, name):
        verbose_name = self._meta.model._meta.verbose_name
        return f"You already have a {verbose_name} named “{name}”."


class LabelNamesField(forms.CharField):
    """Comma-separated names of new labels, each checked like a label name."""

    def __init__(self, *, max_names=20, **kwargs):
        self.max_names = max_names
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 1000)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        names = {}
        for name in (part.strip() for part in value.split(",")):
            if not name:
                continue
            if len(name) > Tag._meta.get_field("name").max_length:
                raise forms.ValidationError(
                    "“%(name)s…” is longer than 100 characters.",
                    params={"name": name[:20]},
                    code="max_length",
                )
            name = clean_label_name(name)
            names.setdefault(name.casefold(), name)
        if len(names) > self.max_names:
            raise forms.ValidationError(
                "Add at most %(max)s at a time.", params={"max": self.max_names}
            )
        return list(names.values())


class PosterField(forms.FileField):
    """An image upload judged by its content: cleans to a ``Poster``."""

    widget = forms.FileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "JPEG, PNG, WebP or GIF, up to 10 MB.")
        super().__init__(**kwargs)
        self.widget.attrs.setdefault(
            "accept", "image/jpeg,image/png,image/webp,image/gif"
        )

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload or upload is initial:
            return None
        return posters.check_and_encode(upload)


class OwnLabelsField(forms.ModelMultipleChoiceField):
    """Tag or character ids, checked for shape (ASCII digits that fit a
    bigint) before the database sees them."""

    def _check_values(self, value):
        for pk in value:
            if not ID_PATTERN.fullmatch(str(pk)):
                shown = str(pk)[:20].encode("ascii", "replace").decode()
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": shown},
                )
        return super()._check_values(value)


class SkippedUploadsMixin:
    """
    Say "too large" for the file fields whose upload was dropped while it
    arrived (``catalog.uploads``): the view passes ``skipped_uploads``.
    """

    def __init__(self, *args, skipped_uploads=(), **kwargs):
        self.skipped_uploads = set(skipped_uploads)
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        for name in sorted(self.skipped_uploads & set(self.fields)):
            self.add_error(name, posters.too_large())
        return cleaned


def bounded_formfield(model_field, **kwargs):
    """Give a number's form field the bounds of its model validators, so
    the message (and the browser's min and max) match what is stored."""
    for validator in model_field.validators:
        if isinstance(validator, MinValueValidator):
            kwargs.setdefault("min_value", validator.limit_value)
        elif isinstance(validator, MaxValueValidator):
            kwargs.setdefault("max_value", validator.limit_value)
    return model_field.formfield(**kwargs)


class SeriesForm(SkippedUploadsMixin, CrispyFormMixin, forms.ModelForm):
    """
    Create or edit a series of ``user``: only the user's own tags and
    characters can be chosen, and new ones can be named on the spot. Saving
    stores the series and all its labels in one transaction.
    """

    new_tags = LabelNamesField(
        label="New tags", help_text="Comma-separated; they are created for you."
    )
    new_characters = LabelNamesField(
        label="New characters", help_text="Comma-separated; they are created for you."
    )
    poster = PosterField(label="Poster image", required=False)
    # When the edited series was last saved: a save made meanwhile by someone
    # else (another tab, another device) is not silently overwritten.
    version = forms.CharField(required=False, widget=forms.HiddenInput)

    form_id = "series-form"
    CHANGED_MEANWHILE = (
        "This series was changed elsewhere after you opened it. The form now "
        "shows the saved values: make your changes again."
    )
    notice = ""

    class Meta:
        model = Series
        fields = [
            "title",
            "description",
            "year",
            "seasons",
            "episodes",
            "status",
            "rating",
            "link",
            "tags",
            "characters",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "tags": forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
            "characters": forms.CheckboxSelectMultiple(
                attrs={"class": "form-check-input"}
            ),
        }
        field_classes = {"tags": OwnLabelsField, "characters": OwnLabelsField}
        formfield_callback = bounded_formfield

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.user = user
        self.fields["tags"].queryset = Tag.objects.for_user(user)
        self.fields["characters"].queryset = Character.objects.for_user(user)
        self.fields["link"].assume_scheme = "https"
        self.fields["title"].widget.attrs["autofocus"] = not self.instance.pk
        if self.instance.pk:
            self.fields["version"].initial = self.instance.updated.isoformat()

    def build_layout(self, helper):
        self.submit_label = "Save changes" if self.instance.pk else "Add series"
        helper.layout = Layout(
            HTML(
                '{% if form.notice %}<div class="alert alert-warning" role="alert">'
                "{{ form.notice }}</div>{% endif %}"
            ),
            "version",
            "title",
            Row(
                Column("status", css_class="col-sm-6 col-lg-3"),
                Column("rating", css_class="col-sm-6 col-lg-3"),
                Column("year", css_class="col-sm-4 col-lg-2"),
                Column("seasons", css_class="col-sm-4 col-lg-2"),
                Column("episodes", css_class="col-sm-4 col-lg-2"),
            ),
            "link",
            "description",
            "poster",
            Row(
                Column(
                    Field("tags", template=LABEL_CHECKBOXES),
                    "new_tags",
                    css_class="col-md-6",
                ),
                Column(
                    Field("characters", template=LABEL_CHECKBOXES),
                    "new_characters",
                    css_class="col-md-6",
                ),
            ),
        )
        super().build_layout(helper)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.saved_version(lock=False) != cleaned.get(
            "version"
        ):
            raise forms.ValidationError(
                self.CHANGED_MEANWHILE, code="changed_meanwhile"
            )
        return cleaned

    def saved_version(self, lock):
        rows = Series.objects.filter(pk=self.instance.pk)
        if lock:
            rows = rows.select_for_update()
        updated = rows.values_list("updated", flat=True).first()
        return updated.isoformat() if updated else None

    def save(self, commit=True):
        with transaction.atomic():
            # Checked again under a row lock: two saves racing past clean()
            # cannot both win.
            version = self.cleaned_data["version"]
            if self.instance.pk and commit and self.saved_version(True) != version:
                raise ChangedMeanwhile
            series = super().save(commit=commit)
            if commit:
                self.add_new_labels(series)
                # Last, so that a failure before it leaves no files behind.
                if self.cleaned_data.get("poster"):
                    posters.attach(series, self.cleaned_data["poster"])
        return series

    def add_new_labels(self, series):
        """Create (or reuse, ignoring case) the newly named labels and add
        them to ``series``."""
        user = series.user
        for field, model, related in [
            ("new_tags", Tag, series.tags),
            ("new_characters", Character, series.characters),
        ]:
            for name in self.cleaned_data.get(field, []):
                label = model.objects.for_user(user).filter(name__iexact=name).first()
                if label is None:
                    label, _ = model.objects.get_or_create(user=user, name=name)
                related.add(label)


class ChangedMeanwhile(Exception):
    """The series was saved by someone else between clean() and save()."""


class PosterForm(SkippedUploadsMixin, CrispyFormMixin, forms.Form):
    """Upload, replace or remove the poster of a series."""

    image = PosterField(label="Poster image", required=False)
    remove = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, series, **kwargs):
        self.series = series
        super().__init__(*args, **kwargs)

    def build_layout(self, helper):
        helper.form_id = "poster-form"
        helper.attrs |= {
            "hx-target": "#poster",
            "hx-encoding": "multipart/form-data",
            "data-progress": "",
        }
        helper.layout = Layout("image")
        label = "Replace poster" if self.series.image else "Upload poster"
        helper.add_input(Submit("submit", label, css_class="btn-primary"))

    def clean(self):
        cleaned = super().clean()
        wants_image = not cleaned.get("remove") and not cleaned.get("image")
        if wants_image and "image" not in self.errors:
            self.add_error("image", "Choose an image to upload.")
        return cleaned

    def save(self):
        if self.cleaned_data.get("remove"):
            posters.detach(self.series)
        else:
            posters.attach(self.series, self.cleaned_data["image"])
        return self.series
