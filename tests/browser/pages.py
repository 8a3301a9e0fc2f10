"""
The app's pages and the states that htmx swaps into them, by name, for the
tests that visit every one (accessibility, valid HTML, screenshots). A new
page is added here once and every such test covers it.
"""

# Paths are formatted with the ``sample`` fixture's objects.
PAGES_FOR_VISITORS = {
    "login": "/accounts/login/",
    "signup": "/accounts/signup/",
    "password-reset": "/accounts/password/reset/",
}
PAGES_FOR_MEMBERS = {
    "profile": "/accounts/profile/",
    "password-change": "/accounts/password/",
    "tags": "/tags/",
    "characters": "/characters/",
    "tag-rename": "/tags/{tag.pk}/edit/",
    "tag-delete": "/tags/{tag.pk}/delete/",
    "series-list": "/series/",
    "series-filtered": "/series/?tags={tag.pk}&status=watching",
    "series-new": "/series/new/",
    "series-detail": "/series/{series.pk}/",
    "series-edit": "/series/{series.pk}/edit/",
    "series-delete": "/series/{series.pk}/delete/",
    "series-poster": "/series/{series.pk}/image/",
}


# What a visitor does on the tags page (holding the sample's tags) to bring
# each state that htmx swaps in.
TAG_LIST_STATES = {
    "row-in-rename-mode": lambda visitor: visitor.start_rename("Drama"),
    "row-in-delete-mode": lambda visitor: visitor.start_delete("Drama"),
    "create-with-error": lambda visitor: visitor.add_label("drama"),
    "create-done": lambda visitor: visitor.add_label("Thriller"),
    "search-without-match": lambda visitor: visitor.type_search("zzz"),
}


def submit_without_title(visitor, poster):
    visitor.fill_series(title="   ")
    visitor.save_series()


# Where a visitor goes (formatted with the ``sample`` fixture's objects) and
# what they do there, given a poster image, to bring each state that htmx
# swaps into a series page.
SERIES_STATES = {
    "list-filtered-by-tag": (
        "/series/",
        lambda visitor, poster: visitor.filter_by("Tags", "Drama"),
    ),
    "form-with-errors": ("/series/{series.pk}/edit/", submit_without_title),
    "detail-after-poster-upload": (
        "/series/{series.pk}/",
        lambda visitor, poster: visitor.upload_poster(poster),
    ),
}
