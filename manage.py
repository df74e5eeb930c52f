#!/usr/bin/env python
"""Django's command-line utility; `wpsmonitor` is the same with the project's own commands."""

import sys

from wpsmonitor.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
