"""``python -m briefings``: the same as the ``briefings`` command."""

from .cli import main

main()
