"""The `wpsmonitor` command: the project's own commands and Django's, with settings preset."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wpsmonitor.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    execute_from_command_line(["wpsmonitor", *(args or ["help"])])
    return 0


if __name__ == "__main__":
    sys.exit(main())
