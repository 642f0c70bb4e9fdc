"""Run doclint as ``python -m doclint``."""

from doclint.cli import main

if __name__ == "__main__":
    main()
