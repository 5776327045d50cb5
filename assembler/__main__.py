"""`python -m assembler` runs the `assemble` command."""

from .cli import main

main()
