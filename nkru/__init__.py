"""nkru: the history of Russia (and Soviet) – North Korea relations, 1945 to today."""

__version__ = "0.1.0"
