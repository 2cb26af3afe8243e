"""``{{ text|keep_amounts }}``: in a page, "€" stays on the line of its amount.

The money format (:func:`grenzeloos.core.amounts.format_money`) writes a plain space after
"€" ("€ 1.250"), which every text export and document keeps; a page joins the two with a
no-break space so a narrow column cannot put the sign and the number on different lines.
"""

from __future__ import annotations

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_SIGN_SPACE = re.compile(r"€ (?=[-−]?\d)")


@register.filter(needs_autoescape=True)
def keep_amounts(value: object, autoescape: bool = True) -> SafeString:
    text = conditional_escape(str(value)) if autoescape else str(value)
    return mark_safe(_SIGN_SPACE.sub("€\N{NO-BREAK SPACE}", str(text)))  # noqa: S308 — escaped above
