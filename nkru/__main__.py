"""``python -m nkru``."""

from nkru.cli import main

main()
