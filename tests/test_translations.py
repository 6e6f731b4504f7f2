"""The Simplified Chinese catalogue is complete: every translatable string in the code has a msgstr.

The catalogue is regenerated with ``makemessages`` into a temporary copy of ``locale/`` (so the test never
rewrites the real one) and read back with the small parser in ``scripts/untranslated.py``. To fix a
failure, run the command in that script's docstring and fill in the messages it prints.
"""

import importlib.util
import shutil
import textwrap

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from tests.conftest import skip_or_fail

IGNORE = ["venv", "staticfiles", "node_modules", "tests", "media", "vendor", "htmlcov"]


def load_untranslated_script():
    spec = importlib.util.spec_from_file_location("untranslated", settings.BASE_DIR / "scripts" / "untranslated.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


po = load_untranslated_script()


def test_the_po_parser_reads_plurals_contexts_continuations_fuzzy_and_obsolete_entries():
    text = textwrap.dedent(
        r"""
        msgid ""
        msgstr ""
        "Language: zh_Hans\n"

        #: templates/base.html:3
        msgid "Inbox"
        msgstr "收件箱"

        #, fuzzy, python-format
        msgid "Hello %(name)s"
        msgstr "你好"

        msgctxt "hazard grade"
        msgid "Major"
        msgstr ""

        msgid "%(count)s hazard"
        msgid_plural "%(count)s hazards"
        msgstr[0] ""

        msgid ""
        "A long "
        "message with a \"quote\""
        msgstr "一条"
        "长消息"

        #~ msgid "Old"
        #~ msgstr ""
        """
    )
    entries = {entry.msgid: entry for entry in po.parse_po(text)}
    assert entries["Inbox"].translated and entries["Inbox"].references == ["templates/base.html:3"]
    assert entries["Hello %(name)s"].fuzzy
    assert entries["Major"].msgctxt == "hazard grade"
    assert entries["%(count)s hazard"].msgid_plural == "%(count)s hazards"
    assert entries['A long message with a "quote"'].msgstr == {0: "一条长消息"}
    assert entries["Old"].obsolete
    assert [entry.msgid for entry in po.untranslated(list(entries.values()))] == [
        "Hello %(name)s",
        "Major",
        "%(count)s hazard",
    ]


@pytest.mark.slow
def test_every_message_has_a_simplified_chinese_translation(tmp_path, monkeypatch):
    if not shutil.which("xgettext") or not shutil.which("msgmerge"):
        skip_or_fail("GNU gettext (xgettext, msgmerge) is not installed")
    # makemessages writes next to any ``locale`` directory it finds under the working directory, so it
    # runs in a copy of the source tree whose locale/ is a copy too: the real catalogue is never touched.
    tree = tmp_path / "src"
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.sqlite3", ".*", *IGNORE)
    for entry in settings.BASE_DIR.iterdir():
        if entry.name.startswith(".") or entry.name in IGNORE:
            continue
        if entry.is_dir():
            shutil.copytree(entry, tree / entry.name, ignore=skip)
        elif entry.suffix in {".py", ".html", ".txt"}:
            tree.mkdir(exist_ok=True)
            shutil.copy2(entry, tree / entry.name)
    locale = tree / "locale"
    locale.mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(tree)
    with override_settings(LOCALE_PATHS=[str(locale)]):
        call_command("makemessages", locale=["zh_Hans"], ignore_patterns=IGNORE, verbosity=0)

    catalogue = locale / "zh_Hans" / "LC_MESSAGES" / "django.po"
    missing = po.untranslated(po.parse_po(catalogue.read_text(encoding="utf-8")))
    listing = "\n".join(
        f"  {'[fuzzy] ' if entry.fuzzy else ''}{entry.msgid!r}"
        + (f" (context {entry.msgctxt!r})" if entry.msgctxt else "")
        + (f"  ← {entry.references[0]}" if entry.references else "")
        for entry in missing
    )
    if missing:
        pytest.fail(
            f"{len(missing)} message(s) have no zh-hans translation or are fuzzy "
            f"(fill locale/zh_Hans/LC_MESSAGES/django.po; scripts/untranslated.py lists them):\n{listing}",
            pytrace=False,
        )


def test_the_untranslated_script_prints_what_is_missing_and_exits_nonzero(tmp_path, capsys):
    catalogue = tmp_path / "django.po"
    catalogue.write_text('msgid "Inbox"\nmsgstr "收件箱"\n\nmsgid "Organisation"\nmsgstr ""\n', encoding="utf-8")
    assert po.main([str(catalogue)]) == 1
    assert 'msgid "Organisation"' in capsys.readouterr().out
    catalogue.write_text('msgid "Inbox"\nmsgstr "收件箱"\n', encoding="utf-8")
    assert po.main(["--count", str(catalogue)]) == 0
    assert capsys.readouterr().out.strip() == "0"
