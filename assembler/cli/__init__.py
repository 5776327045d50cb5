"""The ``assemble`` command line."""

from assembler.cli.main import main

__all__ = ["main"]
