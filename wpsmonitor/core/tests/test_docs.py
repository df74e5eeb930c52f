"""The docs cover every command of the project and every setting read from the environment."""

import re
from pathlib import Path

from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[3]


def project_commands() -> set[str]:
    return {name for name, app in get_commands().items() if app.startswith("wpsmonitor")}


def test_every_project_command_is_documented_in_the_cli_reference():
    text = (ROOT / "docs" / "cli.md").read_text()
    documented = set(re.findall(r"^#+ `?wpsmonitor ([a-z_-]+)", text, flags=re.MULTILINE))
    missing = project_commands() - documented
    assert not missing, f"document these commands in docs/cli.md: {sorted(missing)}"
    assert project_commands(), "the project defines commands"


def test_every_environment_setting_is_documented():
    source = (ROOT / "wpsmonitor" / "settings.py").read_text()
    names = set(re.findall(r"env_(?:str|bool|int|list)\(\s*\"([A-Z_]+)\"", source))
    text = (ROOT / "docs" / "settings.md").read_text()
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", text, flags=re.MULTILINE))
    assert names, "settings.py reads the environment"
    assert not names - documented, f"document in docs/settings.md: {sorted(names - documented)}"
    assert not documented - names - {"WPS_SHARED_DATA"}, "docs/settings.md lists unknown settings"


def test_the_readme_opens_with_the_two_commands():
    head = (ROOT / "README.md").read_text().splitlines()[:6]
    assert any("make run" in line for line in head)
    assert any("make test" in line for line in head)
