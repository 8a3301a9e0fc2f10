from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit


class CrispyFormMixin:
    """
    Build the form's crispy helper: the form posts to ``action`` (its own
    page when not given) and, with htmx, swaps itself for the server's answer
    so that errors appear in place.
    """

    submit_label = "Save"
    form_id = None

    def __init__(self, *args, action="", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_action = action
        if self.form_id:
            self.helper.form_id = self.form_id
        self.helper.attrs = {
            "hx-post": action,
            "hx-target": "this",
            "hx-swap": "outerHTML",
        }
        self.build_layout(self.helper)

    def build_layout(self, helper):
        """Finish the helper's layout; by default, add the submit button."""
        helper.add_input(Submit("submit", self.submit_label))
