from crispy_forms.bootstrap import FieldWithButtons, StrictButton
from crispy_forms.layout import Layout
from django import forms

from config.forms import CrispyFormMixin


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
                StrictButton(label, type="submit", css_class="btn btn-primary"),
            )
        )

    def clean_name(self):
        name = self.cleaned_data["name"]
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
