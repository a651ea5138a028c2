"""``python -m proofpress`` runs the command line."""

from proofpress.cli import main

main()
