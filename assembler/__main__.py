"""`python -m assembler` runs the `assemble` command."""

from assembler.cli.main import main

main()
