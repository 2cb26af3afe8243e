"""Amounts as people type and read them: the one parser and the one number/money format.

Every amount field of the product (canvas contributions, the legal wizard, the ledger) reads
text with :func:`parse_amount`, and every page, export and report shows numbers with
:func:`format_amount` and euros with :func:`format_money`. Symbols and patterns come from the
CLDR data in Babel, so Dutch shows ``€ 1.200.000,50`` and English ``€1,200,000.50``.

Reading rules (why): a person may type in the page's language or, out of habit, in the other
one. We read the text both ways and only accept a result that is one of those readings:

* ``1200000`` (no separators) is the same in both languages;
* ``1.200.000,50`` on a Dutch page and ``1,200,000.50`` on an English page are read as written;
* text that only makes sense the other language's way (``1,200,000.50`` on a Dutch page,
  ``1.200.000`` on an English one) is read that way — there is no other reading;
* one separator followed by exactly three digits (``50,000``, ``1.200``) is read as the page's
  digit grouping when the separator is the page's group symbol (that is how the page itself
  shows numbers); when it is the page's decimal symbol the text is refused, because the person
  may well have meant thousands (``50,000`` on a Dutch page: fifty or fifty thousand?).

Refusals raise :class:`AmountError` whose message names the text and shows an example in the
page's language. No input is ever read as a number that none of its readings gives.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Final

from babel import Locale
from babel.numbers import format_currency, format_decimal, get_decimal_symbol, get_group_symbol
from django.utils import translation
from django.utils.translation import gettext as _

from grenzeloos.core.errors import UserError

LANGUAGES: Final = ("nl", "en")
#: Longer text is not an amount anyone types (and bounds the work done on hostile input).
MAX_LENGTH: Final = 40
#: Digits before the decimal separator (a thousand billion euros is plenty).
MAX_INTEGER_DIGITS: Final = 15

_CURRENCY = re.compile(r"^(?:€|eur(?:o|os)?)\s*|\s*(?:€|eur(?:o|os)?)$", re.IGNORECASE)
_SPACE_GROUPED = re.compile(r"^\d{1,3}(?: \d{3})+(?:[.,]\d+)?$")
_ONLY_NUMBER_CHARS = re.compile(r"^[\d.,]+$")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_CENT: Final = Decimal("0.01")


class AmountError(UserError):
    """The text is not an amount, or it can be read as two different amounts."""


def _language(language: str) -> str:
    code = (language or "nl").split("-")[0].split("_")[0].lower()
    return code if code in LANGUAGES else "nl"


def _symbols(language: str) -> tuple[str, str]:
    """(group symbol, decimal symbol) of a language."""
    return get_group_symbol(language), get_decimal_symbol(language)


def example_amount(language: str) -> str:
    """The example shown with every refusal: 1.200.000,50 or 1,200,000.50."""
    return format_decimal(Decimal("1200000.50"), locale=_language(language), format="#,##0.00")


def _read(text: str, group: str, decimal: str) -> Decimal | None:
    """``text`` (digits, "." and "," only) read with the given symbols, or None if it cannot be."""
    g, d = re.escape(group), re.escape(decimal)
    match = re.fullmatch(rf"(\d+|[1-9]\d{{0,2}}(?:{g}\d{{3}})+)(?:{d}(\d+))?", text)
    if match is None:
        return None
    whole = match.group(1).replace(group, "")
    return Decimal(f"{whole}.{match.group(2)}" if match.group(2) else whole)


def readings(text: str) -> set[Decimal]:
    """Every number the text could mean, read with Dutch and with English symbols.

    Exposed so callers (and the tests) can see what a person might have meant.
    """
    try:
        core, _sign, _spaced = _strip(text)
    except AmountError:
        return set()
    found = {_read(core, *_symbols(language)) for language in LANGUAGES}
    return {value for value in found if value is not None}


def _strip(text: str) -> tuple[str, int, bool]:
    """The digits-and-separators core of the text, its sign and whether spaces grouped it."""
    t = _SPACES.sub(" ", str(text)).strip()
    if not t or len(t) > MAX_LENGTH:
        raise AmountError("length")
    sign = 1
    for _round in range(3):
        before = t
        t = _CURRENCY.sub("", t).strip()
        if t[:1] in ("-", "−"):
            sign, t = -1, t[1:].strip()
        if t[:1] == "+":
            t = t[1:].strip()
        if t == before:
            break
    # "€ 50,-" / "50.-": a whole amount, written the shop way.
    if t.endswith((",-", ".-", ",—", ".—")):
        t = t[:-2]
    spaced = " " in t
    if spaced:
        if not _SPACE_GROUPED.match(t):
            raise AmountError("spaces")
        t = t.replace(" ", "")
    if not _ONLY_NUMBER_CHARS.match(t):
        raise AmountError("characters")
    return t, sign, spaced


def _refuse_invalid(text: str, language: str) -> AmountError:
    with translation.override(language):
        return AmountError(
            _("“%(text)s” is not an amount. Write amounts like %(example)s or %(plain)s.")
            % {
                "text": text.strip()[:MAX_LENGTH],
                "example": example_amount(language),
                "plain": "1200000",
            }
        )


def _refuse_ambiguous(text: str, whole: Decimal, language: str) -> AmountError:
    with translation.override(language):
        return AmountError(
            _(
                "“%(text)s” can be read in two ways. If you mean %(grouped)s, write %(grouped)s "
                "or %(plain)s; amounts with decimals are written like %(example)s."
            )
            % {
                "text": text.strip(),
                "grouped": format_amount(whole, language),
                "plain": f"{whole:f}",
                "example": example_amount(language),
            }
        )


def parse_amount(text: str, language: str) -> Decimal:
    """The number meant by ``text`` typed on a page in ``language`` ("nl" or "en").

    Raises :class:`AmountError` (a :class:`UserError`) with a message in that language when the
    text is not an amount or could mean two different amounts. See the module docstring.
    """
    language = _language(language)
    try:
        core, sign, spaced = _strip(text)
    except AmountError:
        raise _refuse_invalid(str(text), language) from None
    group, decimal = _symbols(language)
    other_group, other_decimal = decimal, group
    mine = _read(core, group, decimal)
    theirs = _read(core, other_group, other_decimal)
    if spaced:
        # Spaces did the grouping; a separator left over can only be the decimal one, and with
        # exactly three digits after it the person may have meant more grouping (1 200.000).
        fraction = re.split(r"[.,]", core)[1] if re.search(r"[.,]", core) else ""
        if len(fraction) == 3:
            whole = Decimal(core.replace(".", "").replace(",", ""))
            raise _refuse_ambiguous(str(text), whole, language)
        mine = Decimal(core.replace(",", ".")) if core.count(",") + core.count(".") <= 1 else None
        theirs = None
    if mine is None and theirs is None:
        raise _refuse_invalid(str(text), language)
    if mine is None:
        value = theirs
    elif theirs is None or theirs == mine:
        value = mine
    elif group in core:
        # One group symbol and three digits: the page's own way of writing thousands.
        value = mine
    else:
        raise _refuse_ambiguous(str(text), max(mine, theirs), language)
    assert value is not None
    if len(str(int(value))) > MAX_INTEGER_DIGITS:
        raise _refuse_invalid(str(text), language)
    return sign * value if value else value


def _decimal(value: Decimal | int | float | str) -> Decimal:
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        raise UserError(f"{value!r} is not a number") from None
    if not number.is_finite():
        raise UserError(f"{value!r} is not a number")
    return number


def format_amount(value: Decimal | int | float | str, language: str, *, exact: bool = False) -> str:
    """A number as the language writes it, grouped, at most two decimals: 1.200.000,5.

    ``exact=True`` keeps every decimal (for a form's input, so saving it again keeps the
    number); exactly three decimals get a fourth zero so the text cannot be read as grouping.
    """
    number = _decimal(value)
    pattern = "#,##0.##"
    if exact:
        places = max(0, -number.normalize().as_tuple().exponent)  # type: ignore[operator]
        pattern = "#,##0.0000" if places == 3 else "#,##0." + "#" * places if places else "#,##0"
    return format_decimal(number, locale=_language(language), format=pattern)


def format_money(value: Decimal | int | float | str, language: str) -> str:
    """Euros as the language writes them: ``€ 216.000`` (nl), ``€216,000`` (en).

    Whole amounts without cents, others with two decimals (``€ 12,50``). The pattern is CLDR's,
    via Babel; its no-break space after "€" becomes a plain space, as the product always wrote it.
    """
    number = _decimal(value)
    locale = Locale.parse(_language(language))
    pattern = locale.currency_formats["standard"].pattern
    if number == number.to_integral_value():
        pattern = pattern.replace(".00", "")
    else:
        number = number.quantize(_CENT, rounding=ROUND_HALF_UP)
    text = format_currency(number, "EUR", locale=locale, format=pattern, currency_digits=False)
    return text.replace("\xa0", " ")


def to_json_number(value: Decimal) -> int | float:
    """A parsed amount as a JSON number: whole amounts as int, others as float."""
    return int(value) if value == value.to_integral_value() else float(value)
