from django import template

register = template.Library()


@register.filter
def printable(value):
    """Show unprintable characters (a NUL byte, say) as U+FFFD, so that text
    echoed from a request never puts them into the page."""
    return "".join(
        char if char.isprintable() or char in "\n\t" else "\ufffd"
        for char in str(value)
    )
