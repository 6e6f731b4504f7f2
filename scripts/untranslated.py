#!/usr/bin/env python3
"""Print the messages of a gettext catalogue that still need a translator: no msgstr, or fuzzy.

    .venv/bin/python scripts/untranslated.py                 # locale/zh_Hans/LC_MESSAGES/django.po
    .venv/bin/python scripts/untranslated.py --json          # machine-readable, for filling in bulk
    .venv/bin/python scripts/untranslated.py --count path.po

Refresh the catalogue first so it knows every string in the code:

    .venv/bin/python manage.py makemessages -l zh_Hans --ignore=.venv --ignore=staticfiles \\
        --ignore=node_modules --ignore=tests --ignore=media --ignore=static/vendor

Exits 1 when something is untranslated, 0 when the catalogue is complete. The parser is deliberately
small (msgctxt, msgid, msgid_plural, msgstr, msgstr[n], the fuzzy flag, obsolete ``#~`` entries) so
the project needs no polib; tests/test_translations.py uses it too.
"""

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_PO = Path(__file__).resolve().parent.parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)
    obsolete: bool = False

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values()) and not self.fuzzy

    def as_po(self) -> str:
        lines = [f"#: {' '.join(self.references)}"] if self.references else []
        if self.fuzzy:
            lines.append("#, fuzzy")
        if self.msgctxt is not None:
            lines.append(f"msgctxt {_quote(self.msgctxt)}")
        lines.append(f"msgid {_quote(self.msgid)}")
        if self.msgid_plural is not None:
            lines.append(f"msgid_plural {_quote(self.msgid_plural)}")
        return "\n".join(lines)


def _unquote(token: str) -> str:
    token = token.strip()
    if len(token) < 2 or token[0] != '"' or token[-1] != '"':
        raise ValueError(f"not a quoted PO string: {token!r}")
    body, out, i = token[1:-1], [], 0
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            out.append(_ESCAPES.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def parse_po(text: str) -> list[Entry]:
    """Entries of a PO file, the header (empty msgid) included, obsolete ones marked."""
    entries: list[Entry] = []
    entry = Entry()
    started = False  # the current entry has a keyword line
    target: tuple[str, int | None] | None = None  # which field continuation lines append to

    def finish():
        nonlocal entry, started, target
        if started:
            entries.append(entry)
        entry, started, target = Entry(), False, None

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            finish()
            continue
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
            if line.startswith("|"):  # previous msgid of an obsolete entry
                continue
        elif line.startswith("#"):
            if started and target is not None and target[0] == "msgstr":
                finish()  # a comment after msgstr starts the next entry
            if line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
            elif line.startswith("#:"):
                entry.references.extend(line[2:].split())
            continue
        if line.startswith('"'):
            if target is None:
                raise ValueError(f"continuation line outside an entry: {raw!r}")
            _append(entry, target, _unquote(line))
            continue
        keyword, _, rest = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and started and target is not None and target[0] == "msgstr":
            finish()  # entries not separated by a blank line
        started = True
        entry.obsolete = entry.obsolete or obsolete
        if keyword.startswith("msgstr[") and keyword.endswith("]"):
            target = ("msgstr", int(keyword[7:-1]))
            entry.msgstr[target[1]] = ""
        elif keyword in ("msgctxt", "msgid", "msgid_plural", "msgstr"):
            target = (keyword, 0 if keyword == "msgstr" else None)
            if keyword == "msgstr":
                entry.msgstr[0] = ""
            elif keyword == "msgctxt":
                entry.msgctxt = ""
            elif keyword == "msgid_plural":
                entry.msgid_plural = ""
        else:
            raise ValueError(f"unexpected line in PO file: {raw!r}")
        _append(entry, target, _unquote(rest))
    finish()
    return entries


def _append(entry: Entry, target, text: str) -> None:
    name, index = target
    if name == "msgstr":
        entry.msgstr[index] += text
    elif name == "msgid":
        entry.msgid += text
    elif name == "msgid_plural":
        entry.msgid_plural = (entry.msgid_plural or "") + text
    else:
        entry.msgctxt = (entry.msgctxt or "") + text


def untranslated(entries: list[Entry]) -> list[Entry]:
    """Live (not obsolete, not header) entries that have an empty msgstr or are marked fuzzy."""
    return [e for e in entries if e.msgid and not e.obsolete and not e.translated]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("po", nargs="?", type=Path, default=DEFAULT_PO)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--json", action="store_true", help="a JSON list of {msgid, msgid_plural, msgctxt, fuzzy}")
    group.add_argument("--count", action="store_true", help="only the number of untranslated messages")
    args = parser.parse_args(argv)
    if not args.po.exists():
        print(f"{args.po} does not exist: run makemessages first (see this script's docstring)", file=sys.stderr)
        return 2
    missing = untranslated(parse_po(args.po.read_text(encoding="utf-8")))
    if args.json:
        rows = [
            {"msgid": e.msgid, "msgid_plural": e.msgid_plural, "msgctxt": e.msgctxt, "fuzzy": e.fuzzy} for e in missing
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    elif args.count:
        print(len(missing))
    else:
        for e in missing:
            print(e.as_po(), end="\n\n")
        print(f"{len(missing)} untranslated or fuzzy message(s) in {args.po}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
