"""Run doclint as ``python -m doclint``."""

from doclint.cli import entry_point

if __name__ == "__main__":
    entry_point()
