#!/usr/bin/env python3
"""Fill msgstr entries of a .po file from JSON files of {msgid: translation}.

Used for the translation pass: `makemessages` lists every message, translators (people or helpers)
write JSON maps, this script puts them in. Plural entries take a list [singular, plural] or one string
(Chinese has a single plural form). Existing translations are kept unless --overwrite is given; fuzzy
flags are cleared on entries it fills.

    python scripts/po_fill.py locale/zh_Hans/LC_MESSAGES/django.po translations/*.json
    python scripts/po_fill.py --missing locale/zh_Hans/LC_MESSAGES/django.po > missing.json
"""

import json
import re
import sys


def _unquote(lines):
    return "".join(json.loads(line[line.index('"') :]) for line in lines)


def _quote(text):
    return json.dumps(text, ensure_ascii=False)


def parse(path):
    """Return a list of entries: dict(lines=[...], msgid, plural, msgstr list, fuzzy, start)."""
    with open(path, encoding="utf-8") as handle:
        blocks = handle.read().split("\n\n")
    entries = []
    for block in blocks:
        lines = block.split("\n")
        entry = {"lines": lines, "msgid": None, "plural": None, "msgstr": [], "fuzzy": False, "ctx": None}
        current = None
        buf = {}
        for line in lines:
            if line.startswith("#,") and "fuzzy" in line:
                entry["fuzzy"] = True
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$', line)
            if m:
                current = m.group(1)
                buf[current] = [m.group(2)]
            elif line.startswith('"') and current:
                buf[current].append(line)
        if "msgid" in buf:
            entry["msgid"] = _unquote(buf["msgid"])
            entry["ctx"] = _unquote(buf["msgctxt"]) if "msgctxt" in buf else None
            if "msgid_plural" in buf:
                entry["plural"] = _unquote(buf["msgid_plural"])
                entry["msgstr"] = [_unquote(v) for k, v in sorted(buf.items()) if k.startswith("msgstr[")]
            else:
                entry["msgstr"] = [_unquote(buf.get("msgstr", ['""']))]
        entries.append(entry)
    return entries


def render(entry, translations):
    lines = [line for line in entry["lines"] if not (line.startswith("#,") and "fuzzy" in line and translations)]
    if translations and entry["fuzzy"]:
        flags = [line for line in entry["lines"] if line.startswith("#,")]
        for flag in flags:
            rest = ", ".join(f for f in flag[2:].split(",") if f.strip() and f.strip() != "fuzzy")
            if rest:
                lines.insert(0, f"#, {rest.strip()}")
    out = []
    skipping = False
    for line in lines:
        if re.match(r"^msgstr", line):
            skipping = True
            continue
        if skipping and line.startswith('"'):
            continue
        skipping = False
        out.append(line)
    trailing = []
    while out and out[-1] == "":
        trailing.append(out.pop())
    if entry["plural"] is not None:
        values = translations if isinstance(translations, list) else [translations]
        out.append(f"msgstr[0] {_quote(values[0])}")
    else:
        out.append(f"msgstr {_quote(translations)}")
    return "\n".join(out + trailing)


def missing(entries):
    return {e["msgid"]: "" for e in entries if e["msgid"] and (e["fuzzy"] or not any(e["msgstr"]))}


def main(argv):
    overwrite = "--overwrite" in argv
    argv = [a for a in argv if a != "--overwrite"]
    if argv and argv[0] == "--missing":
        print(json.dumps(missing(parse(argv[1])), ensure_ascii=False, indent=1))
        return 0
    po, *sources = argv
    table = {}
    for src in sources:
        with open(src, encoding="utf-8") as handle:
            table.update(json.load(handle))
    entries = parse(po)
    blocks, filled = [], 0
    for entry in entries:
        msgid = entry["msgid"]
        needs = entry["fuzzy"] or not any(entry["msgstr"]) or overwrite
        # A message with a context is looked up as "context\u0004msgid" first (gettext's own key).
        value = table.get(f"{entry['ctx']}\u0004{msgid}") if entry["ctx"] else None
        value = value or table.get(msgid)
        if msgid and needs and value:
            blocks.append(render(entry, value))
            filled += 1
        else:
            blocks.append("\n".join(entry["lines"]))
    with open(po, "w", encoding="utf-8") as handle:
        handle.write("\n\n".join(blocks))
    left = len(missing(parse(po)))
    print(f"filled {filled}; still untranslated or fuzzy: {left}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
