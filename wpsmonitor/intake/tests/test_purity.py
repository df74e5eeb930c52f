"""The readers and parsers are pure Python: importing them loads no Django."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_intake_readers_and_parsers_loads_no_django() -> None:
    code = (
        "import sys\n"
        "import wpsmonitor.intake.readers, wpsmonitor.intake.matrix\n"
        "import wpsmonitor.intake.resolution, wpsmonitor.intake.parsing\n"
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
