"""Find what a page lets a user submit: every ``<form>`` and every htmx request (``hx-get``/``hx-post``),
with each named control, its kind (text, number, date, id, file...) and the value a browser would send.

Parsed with the standard library's HTML parser into a small tree: the pages are Django templates,
well formed enough that matching end tags is all the repair needed."""

import datetime
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlsplit

from django.utils import timezone

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
TEXT_TYPES = {"text", "search", "email", "url", "tel", "password", "week", "color", ""}
KIND_BY_TYPE = {
    "number": "number",
    "range": "number",
    "date": "date",
    "datetime-local": "datetime",
    "datetime": "datetime",
    "month": "month",
    "time": "time",
    "file": "file",
}
# A person picker's hidden id is filled in by script, and a user-name box is typed: a browser user
# always names someone. The walker puts in the persona's own id or user name.
ME = "{me}"
MY_USERNAME = "{username}"
PERSON_NAMES = {"person", "owner", "lead", "host", "trainer", "deputy", "participants", "inspector", "member"}


@dataclass
class Node:
    tag: str
    attrs: dict
    parent: "Node | None" = None
    children: list = field(default_factory=list)
    text: list = field(default_factory=list)

    def walk(self):
        for child in self.children:
            yield child
            yield from child.walk()

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def classes(self):
        return set((self.attrs.get("class") or "").split())


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: (v if v is not None else "") for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].text.append(data)


def parse_html(html):
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


@dataclass
class Field:
    name: str
    kind: str  # text, number, date, datetime, month, time, file, id, choice, bool
    values: list  # what a browser would send as the form is shown (or a plausible valid value)
    options: list = field(default_factory=list)


@dataclass
class Form:
    method: str  # "get" or "post"
    path: str  # the action, without its query string
    query: dict  # the action's own query parameters
    fields: dict  # name -> Field
    multipart: bool = False
    source: str = ""  # "form" or the htmx attribute it came from

    def signature(self):
        return (self.method, self.path, tuple(sorted(self.query)), tuple(sorted(self.fields)))


def _is_int(value):
    return value.lstrip("-").isdigit()


def _control_fields(controls, *, fill):
    """Fields of a form from its controls; ``fill`` invents a plausible value for an empty one."""
    today = timezone.localdate()
    fields = {}
    for node in controls:
        name = node.attrs.get("name")
        if not name or "disabled" in node.attrs or name == "csrfmiddlewaretoken" or "__prefix__" in name:
            continue  # a formset's empty template is not submitted
        if node.tag == "select":
            options = [o for o in node.walk() if o.tag == "option"]
            values = [o.attrs.get("value", "".join(o.text).strip()) for o in options]
            chosen = [v for o, v in zip(options, values, strict=True) if "selected" in o.attrs and v]
            real = [v for v in values if v]
            if not chosen and fill and real:
                chosen = [real[0]]
            kind = "id" if real and all(_is_int(v) for v in real) else "choice"
            fields[name] = Field(name, kind, chosen, options=values)
        elif node.tag == "textarea":
            text = "".join(node.text).lstrip("\n")
            if not text and fill:
                text = MY_USERNAME if name.rsplit("-", 1)[-1] in PERSON_NAMES else "Walk"
            fields[name] = Field(name, "text", [text])
        elif node.tag == "button":
            if node.attrs.get("type", "submit") == "submit" and name not in fields:
                value = node.attrs.get("value", "")
                fields[name] = Field(name, "id" if _is_int(value) else "choice", [value], options=[value])
        elif node.tag == "input":
            kind_attr = node.attrs.get("type", "text").lower()
            value = node.attrs.get("value", "")
            if kind_attr in ("submit", "image", "reset", "button"):
                if kind_attr == "submit" and name not in fields:
                    fields[name] = Field(name, "choice", [value], options=[value])
                continue
            if kind_attr in ("checkbox", "radio"):
                group = fields.setdefault(name, Field(name, "bool" if kind_attr == "checkbox" else "choice", []))
                group.options.append(value or "on")
                if "checked" in node.attrs:
                    group.values.append(value or "on")
                if group.options and all(_is_int(v) for v in group.options):
                    group.kind = "id"
                continue
            if kind_attr == "hidden":
                picker = any("person-picker" in a.classes() for a in node.ancestors())
                if not value and fill and picker:
                    value = ME
                fields[name] = Field(name, "id" if (picker or _is_int(value)) else "text", [value])
                continue
            kind = KIND_BY_TYPE.get(kind_attr, "text")
            if not value and fill:
                person = kind == "text" and name.rsplit("-", 1)[-1] in PERSON_NAMES
                value = MY_USERNAME if person else _invent(kind_attr, kind, node.attrs, today, name)
            fields[name] = Field(name, kind, [value] if value or kind != "file" else [])
    for group in fields.values():
        if group.kind == "choice" and not group.values and fill and group.options:
            group.values = [group.options[0]]  # a radio group: a browser user picks one
    return fields


FUTURE_WORDS = ("planned", "starts", "schedule")


def _invent(kind_attr, kind, attrs, today, name):
    if kind == "file":
        return ""
    if kind == "number":  # a count of at least one, unless the field asks for more
        low = attrs.get("min", "")
        return low if low.lstrip("-").isdigit() and int(low) > 1 else "1"
    if kind == "date":
        return attrs.get("min") or today.isoformat()
    if kind == "datetime":  # what is planned lies ahead, what is recorded has happened
        ahead = any(word in name for word in FUTURE_WORDS)
        when = timezone.localtime() + datetime.timedelta(days=1 if ahead else 0, hours=-1)
        return when.strftime("%Y-%m-%dT%H:%M")
    if kind == "month":
        return today.strftime("%Y-%m")
    if kind == "time":
        return "09:00"
    return {"email": "walk@example.com", "url": "https://example.com/", "tel": "12345"}.get(kind_attr, "Walk")


def _split(url, page_url):
    parts = urlsplit(urljoin(page_url, url))
    return parts.path, parse_qs(parts.query, keep_blank_values=True)


def _controls(container, root):
    controls = [n for n in container.walk() if n.tag in ("input", "select", "textarea", "button")]
    form_id = container.attrs.get("id")
    if form_id and container.tag == "form":
        controls += [n for n in root.walk() if n.attrs.get("form") == form_id and n not in controls]
    return controls


def find_forms(html, page_url):
    """Every submission the page offers: its forms and its htmx requests."""
    root = parse_html(html)
    forms = []
    for node in root.walk():
        hx = [(attr, node.attrs[attr]) for attr in ("hx-post", "hx-get") if node.attrs.get(attr)]
        if node.tag == "form":
            method = node.attrs.get("method", "get").lower()
            action = node.attrs.get("action") or next((url for a, url in hx if a[3:] == method), "") or page_url
            path, query = _split(action, page_url)
            fill = method == "post"
            forms.append(
                Form(
                    method="post" if method == "post" else "get",
                    path=path,
                    query=query,
                    fields=_control_fields(_controls(node, root), fill=fill),
                    multipart="multipart" in node.attrs.get("enctype", ""),
                    source="form",
                )
            )
            hx = [(a, url) for a, url in hx if _split(url, page_url) != (path, query)]
        for attr, url in hx:
            path, query = _split(url, page_url)
            included = node.attrs.get("hx-include", "")
            if included.startswith("#"):
                targets = [n for n in root.walk() if n.attrs.get("id") == included[1:]]
                controls = [c for t in targets for c in ([t] if t.tag in ("input", "select", "textarea") else [])]
                controls += [c for t in targets for c in _controls(t, root)]
            else:
                controls = _controls(node, root)
            method = attr[3:]
            forms.append(
                Form(
                    method=method,
                    path=path,
                    query=query,
                    fields=_control_fields(controls, fill=method == "post"),
                    multipart=node.attrs.get("hx-encoding", "") == "multipart/form-data",
                    source=attr,
                )
            )
    return forms
