"""Every interface string is translated into Albanian and Serbian (Latin)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from django.conf import settings

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "check_translations.py"


def load_checker():  # noqa: ANN201
    spec = importlib.util.spec_from_file_location("check_translations", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_translations"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("language", ["sq", "sr_Latn"])
def test_no_message_is_left_untranslated_or_fuzzy(language):
    checker = load_checker()
    for locale_dir in settings.LOCALE_PATHS:
        path = Path(locale_dir) / language / "LC_MESSAGES" / "django.po"
        assert path.exists(), f"{path} is missing: run makemessages -l {language}"
        assert checker.problems(path) == []
        assert path.with_suffix(".mo").exists(), "run compilemessages"


def test_the_checker_finds_empty_fuzzy_and_broken_translations(tmp_path):
    checker = load_checker()
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: sq\\n"\n\n'
        'msgid "Saved."\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Home"\nmsgstr "Ballina"\n\n'
        '#, python-format\nmsgid "Save %(ref)s"\nmsgstr "Ruaj %(reference)s"\n\n'
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "një"\nmsgstr[1] ""\n\n'
        'msgid "Yes"\nmsgstr ""\n"Po"\n',
        encoding="utf-8",
    )

    found = checker.problems(po)

    assert len(found) == 4
    assert "'Saved.' is not translated" in found[0]
    assert "fuzzy" in found[1]
    assert "placeholders" in found[2]
    assert "'one' is not translated" in found[3]


def test_the_checker_exits_with_1_when_something_is_missing(tmp_path, capsys):
    checker = load_checker()
    (tmp_path / "sq" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "sq" / "LC_MESSAGES" / "django.po").write_text(
        'msgid "Home"\nmsgstr ""\n', encoding="utf-8"
    )

    code = checker.main(["--locale-dir", str(tmp_path), "--languages", "sq"])

    assert code == 1
    assert "1 message(s) need a translation." in capsys.readouterr().out
