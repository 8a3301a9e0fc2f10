"""
What a person does in the app, step by step, for the browser tests.

Each step acts the way a person would (labels, roles, visible names) and
works with JavaScript on or off; the tests assert what the person then sees.
A new capability adds its steps here.
"""

import re
from contextlib import contextmanager

from playwright.sync_api import expect

NEW_LABEL = re.compile(r"^New ")
LABEL_NAME = re.compile(r"^Name of the ")
SEARCH = re.compile(r"^Search ")


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


def is_htmx(response):
    return bool(response.request.headers.get("hx-request"))
