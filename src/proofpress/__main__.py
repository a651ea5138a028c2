"""``python -m proofpress`` runs the command line."""

from proofpress.commands.cli import main

main()
