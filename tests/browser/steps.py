"""
What a person does in the app, step by step, for the browser tests.

Each step acts the way a person would (labels, roles, visible names) and
works with JavaScript on or off; the tests assert what the person then sees.
A new capability adds its steps here.
"""

import re
from contextlib import contextmanager

from PIL import Image
from playwright.sync_api import expect

NEW_LABEL = re.compile(r"^New ")
LABEL_NAME = re.compile(r"^Name of the ")
SEARCH = re.compile(r"^Search ")
SAVE_SERIES = re.compile(r"^(Add series|Save changes)$")
UPLOAD_POSTER = re.compile(r"^(Upload|Replace) poster$")

# Whether the focused element shows it: an outline or a ring of box-shadow.
FOCUS_IS_VISIBLE = """() => {
  const style = getComputedStyle(document.activeElement);
  const outline = style.outlineStyle !== "none" && style.outlineWidth !== "0px";
  return outline || style.boxShadow !== "none";
}"""


class Visitor:
    def __init__(self, page):
        self.page = page
        self.htmx_requests = []
        page.on("request", self.on_request)

    def on_request(self, request):
        if request.headers.get("hx-request"):
            self.htmx_requests.append(f"{request.method} {request.url}")

    # Anywhere

    @property
    def messages(self):
        """The page's message region."""
        return self.page.locator("#messages")

    def open(self, path):
        self.page.goto(path)

    def go_to(self, name):
        """Follow the main navigation's link called ``name``."""
        nav = self.page.get_by_role("navigation", name="Main")
        nav.get_by_role("link", name=name, exact=True).click()

    def click_link(self, name):
        self.page.get_by_role("link", name=name, exact=True).click()

    def press_button(self, name):
        self.page.get_by_role("button", name=name, exact=True).click()

    @contextmanager
    def swap(self):
        """
        Around an action that htmx answers, wait until the answer is swapped
        in and settled, as a person waits to see the result. Without
        JavaScript the action loads a page, which Playwright waits for.
        """
        if not self.page.evaluate("'htmx' in window"):
            yield
            return
        with self.page.expect_response(is_htmx):
            yield
        busy = self.page.locator(".htmx-request, .htmx-swapping, .htmx-settling")
        expect(busy).to_have_count(0)

    @property
    def scripts_run(self):
        """Whether the page runs its JavaScript (htmx among it)."""
        return self.page.evaluate("'htmx' in window")

    def mark_page(self):
        """Leave a value on ``window`` that only a full page load erases."""
        self.page.evaluate("window.__marker = 1")

    def page_was_reloaded(self):
        return self.page.evaluate("window.__marker !== 1")

    # Accounts

    def sign_up(self, email, name, password):
        self.open("/accounts/signup/")
        self.page.locator("[name=email]").fill(email)
        self.page.locator("[name=name]").fill(name)
        self.page.locator("[name=password1]").fill(password)
        self.page.locator("[name=password2]").fill(password)
        self.press_button("Create account")

    def log_in(self, email, password):
        self.open("/accounts/login/")
        self.page.locator("[name=username]").fill(email)
        self.page.locator("[name=password]").fill(password)
        self.press_button("Log in")
        expect(self.page).not_to_have_url(re.compile(r"/accounts/login/"))

    def log_out(self):
        self.press_button("Log out")

    # Tags and characters (one set of pages, so one set of steps)

    @property
    def new_label_field(self):
        return self.page.get_by_role("textbox", name=NEW_LABEL)

    @property
    def label_name_field(self):
        """The name field of a rename, inline or on its own page."""
        return self.page.get_by_role("textbox", name=LABEL_NAME)

    @property
    def label_count(self):
        """The count of tags or characters, which screen readers announce."""
        return self.page.locator("#label-count")

    @property
    def search_field(self):
        return self.page.get_by_role("searchbox", name=SEARCH)

    def label_row(self, name):
        """The list item of the tag or character ``name``, out of rename mode."""
        rename = self.page.get_by_role("link", name=f"Rename {name}", exact=True)
        return self.page.get_by_role("listitem").filter(has=rename)

    def add_label(self, name):
        """Type ``name`` into the list's create field and press Enter."""
        self.new_label_field.fill(name)
        with self.swap():
            self.new_label_field.press("Enter")

    def start_rename(self, name):
        with self.swap():
            self.click_link(f"Rename {name}")

    def save_rename(self, new_name):
        """Replace the name in the rename field and press Enter."""
        self.label_name_field.fill(new_name)
        with self.swap():
            self.label_name_field.press("Enter")

    def rename_label(self, name, new_name):
        self.start_rename(name)
        self.save_rename(new_name)

    def cancel_rename_with_escape(self):
        with self.swap():
            self.label_name_field.press("Escape")

    def type_search(self, text):
        """Type ``text`` into the search field key by key, without submitting."""
        with self.swap():
            self.search_field.press_sequentially(text, delay=50)

    def start_delete(self, name):
        with self.swap():
            self.click_link(f"Delete {name}")

    @property
    def delete_button(self):
        """The button that confirms a delete, in the row or on its own page."""
        return self.page.get_by_role("button", name=re.compile(r"^Delete\b"))

    def confirm_delete(self):
        with self.swap():
            self.delete_button.click()

    # Series

    @property
    def series_count(self):
        """The list's count of results, which screen readers announce."""
        return self.page.locator("#series-count")

    def series_card(self, title):
        return self.page.locator(".series-card").filter(
            has=self.page.get_by_role("link", name=title, exact=True)
        )

    def start_series(self):
        """Open the form for a new series from the series list."""
        self.go_to("Series catalog")
        self.click_link("Add a series")

    def fill_series(
        self,
        *,
        title=None,
        status=None,
        rating=None,
        tags=(),
        characters=(),
        new_tags=None,
    ):
        """Fill the series form's fields that are given; tick the labels."""
        page = self.page
        if title is not None:
            page.get_by_label("Title").fill(title)
        if status is not None:
            page.get_by_label("Status").select_option(label=status)
        if rating is not None:
            page.get_by_label("Rating").fill(str(rating))
        for name in tags:
            page.get_by_role("group", name="Tags").get_by_label(name).check()
        for name in characters:
            page.get_by_role("group", name="Characters").get_by_label(name).check()
        if new_tags is not None:
            page.get_by_label("New tags").fill(new_tags)

    def save_series(self):
        """
        Press "Add series" or "Save changes". With htmx, errors come back in
        place and a saved series is loaded in place (``HX-Location``).
        """
        with self.swap():
            self.page.get_by_role("button", name=SAVE_SERIES).click()

    def upload_poster(self, path):
        """Choose the image at ``path`` on a series page and upload it."""
        self.page.get_by_label("Poster image").set_input_files(path)
        with self.swap():
            self.page.get_by_role("button", name=UPLOAD_POSTER).click()

    @property
    def poster_part(self):
        """The part of a series page that shows the poster and its forms."""
        return self.page.get_by_role("region", name="Poster")

    @property
    def poster(self):
        return self.page.get_by_role("img", name=re.compile(r"^Poster of "))

    def poster_is_shown(self):
        """Whether the series page's poster image loaded and decoded."""
        return self.poster.evaluate(
            "(img) => img.decode().then(() => img.naturalWidth > 0, () => false)"
        )

    def open_label_picker(self, kind):
        """Open the list's drop-down of ``kind`` ("Tags" or "Characters")."""
        summary = self.page.locator("summary").filter(has_text=kind)
        picker = self.page.locator("details.label-picker").filter(has=summary)
        if picker.get_attribute("open") is None:
            picker.locator("summary").click()
        return picker

    def filter_by(self, kind, name):
        """
        Tick ``name`` among the list's ``kind`` ("Tags" or "Characters"):
        htmx applies it at once; without JavaScript, "Apply filters" does.
        """
        checkbox = self.open_label_picker(kind).get_by_label(name, exact=True)
        if self.scripts_run:
            with self.swap():
                checkbox.check()
        else:
            checkbox.check()
            self.press_button("Apply filters")

    def search_series(self, text):
        """Type ``text`` into the list's title filter and have it applied."""
        field = self.page.get_by_role("searchbox", name="Title")
        if self.scripts_run:
            field.clear()
            with self.swap():
                field.press_sequentially(text, delay=50)
        else:
            field.fill(text)
            self.press_button("Apply filters")

    def remove_filter(self, text):
        """Follow the remove link of the active filter chip ``text``."""
        with self.swap():
            self.click_link(f"{text} (remove)")

    def follow_chip(self, name):
        """Follow a tag or character chip on a series card (a plain link)."""
        self.page.locator(".series-card").get_by_role(
            "link", name=name, exact=True
        ).first.click()

    # Keyboard alone

    def press(self, key):
        """Press ``key`` where the focus is; a link or a form may load a page."""
        self.page.keyboard.press(key)

    def press_and_swap(self, key):
        """Press ``key`` on an element that htmx answers; wait for the swap."""
        with self.swap():
            self.page.keyboard.press(key)

    def tab_to(self, target, *, backwards=False, limit=60):
        """
        Press Tab (Shift+Tab when ``backwards``) until ``target`` has focus,
        failing if a stop on the way shows no focus.
        """
        key = "Shift+Tab" if backwards else "Tab"
        for _ in range(limit):
            if target.evaluate("(element) => element === document.activeElement"):
                return
            self.page.keyboard.press(key)
            # Past either end of the page, focus is in the browser's own UI.
            if self.page.evaluate("document.activeElement === document.body"):
                continue
            stop = self.page.evaluate("document.activeElement.outerHTML.slice(0, 80)")
            assert self.focus_is_visible(), f"No visible focus on {stop}"
        raise AssertionError(f"{limit} presses of {key} never reached {target}")

    def focus_is_visible(self):
        return self.page.evaluate(FOCUS_IS_VISIBLE)

    def choose_file(self, path):
        """Open the focused file field's chooser with Space; pick ``path``."""
        with self.page.expect_file_chooser() as chooser:
            self.page.keyboard.press("Space")
        chooser.value.set_files(path)

    def type(self, text):
        """Replace the focused field's text with ``text``, key by key."""
        self.page.keyboard.press("ControlOrMeta+A")
        self.page.keyboard.type(text)


def make_poster(path, size=(300, 450)):
    """Write a plain PNG poster of ``size`` to ``path``; return ``path``."""
    Image.new("RGB", size, (40, 90, 120)).save(path)
    return path


def is_htmx(response):
    return bool(response.request.headers.get("hx-request"))
