from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit


class CrispyFormMixin:
    """
    Build the form's crispy helper: the form posts to its own page and, with
    htmx, swaps itself for the server's answer so errors appear in place.
    """

    submit_label = "Save"
    form_id = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        if self.form_id:
            self.helper.form_id = self.form_id
        self.helper.attrs = {
            "hx-post": "",
            "hx-target": "this",
            "hx-swap": "outerHTML",
        }
        self.helper.add_input(Submit("submit", self.submit_label))
