"""Run doclint as ``python -m doclint``."""

from doclint.launcher import entry_point

if __name__ == "__main__":
    entry_point()
