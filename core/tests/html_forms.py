"""Read the forms of a rendered page as a browser would submit them (tests only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class HtmlForm:
    action: str
    method: str
    data: dict[str, list[str]] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)

    def post_data(self, **changes: str | list[str]) -> dict[str, str | list[str]]:
        """What the browser sends, with `changes` typed in by the user."""
        data: dict[str, str | list[str]] = {
            name: values[0] if len(values) == 1 else values for name, values in self.data.items()
        }
        data.update(changes)
        return data

    def value(self, name: str) -> str:
        return self.data.get(name, [""])[0]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[HtmlForm] = []
        self._form: HtmlForm | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._option: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def _add(self, name: str, value: str) -> None:
        assert self._form is not None
        self._form.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._form = HtmlForm(a.get("action", ""), a.get("method", "get").lower())
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            self._form.names.add(name)
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._add(name, a.get("value", "on"))
            elif kind not in ("submit", "button", "file"):
                self._add(name, a.get("value", ""))
        elif tag == "select" and name:
            self._form.names.add(name)
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select:
            value = a.get("value")
            self._option = value
            if value is not None and self._select_first is None:
                self._select_first = value
            if "selected" in a and value is not None:
                self._add(self._select, value)
                self._select_chosen = True
        elif tag == "textarea" and name:
            self._form.names.add(name)
            self._textarea, self._text = name, []

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select:
            if not self._select_chosen and self._select_first is not None:
                self._add(self._select, self._select_first)
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = "".join(self._text)
            self._add(self._textarea, text[1:] if text.startswith("\n") else text)
            self._textarea = None


def forms_of(html: str) -> list[HtmlForm]:
    parser = _Parser()
    parser.feed(html)
    return [form for form in parser.forms if form.method == "post"]


def form_posting_to(html: str, action: str, *, page: str = "") -> HtmlForm:
    """The page's POST form whose action is `action` (an empty action posts to the page)."""
    for form in forms_of(html):
        if form.action == action or (not form.action and action == page):
            return form
    raise AssertionError(f"no form posting to {action}")
