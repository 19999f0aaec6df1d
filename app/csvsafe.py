"""CSV formula injection (OWASP): a text cell that starts with = + - @, a tab or a carriage
return is a formula to a spreadsheet, so exports prefix it with a single quote.

The escape is reversible without ambiguity: every text that starts with quotes followed by
one of those characters gains one more quote, and the dataset importer takes exactly one
off a cell of that shape. So an exported `'=x` is the text `=x`, `''=x` is `'=x`, and any
other cell (a quote before ordinary text included) reads back as written. A hand-written
file's `'=x` is read as `=x` too: the convention is the spreadsheets' own.
"""

import re

_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")


def escape(text: str) -> str:
    return "'" + text if _FORMULA.match(text) else text


def unescape(cell: str) -> str:
    return cell[1:] if _ESCAPED.match(cell) else cell
