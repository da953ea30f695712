"""What every command's handler needs from its arguments: the project's configuration."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.config import Config, load_config


def project_config(args: argparse.Namespace) -> Config:
    """The configuration of the project ``-C DIR`` names, else of the one around the current folder."""
    return load_config(Path(args.project) if getattr(args, "project", None) else None)
