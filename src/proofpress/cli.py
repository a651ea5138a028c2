"""The ``proofpress`` command line."""

from __future__ import annotations

import click

from proofpress import __version__


@click.group()
@click.version_option(__version__, prog_name="proofpress")
def main() -> None:
    """Prove DEV-style posts before they ship."""
