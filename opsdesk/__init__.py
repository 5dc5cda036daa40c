"""OpsDesk: a desktop risk and quality register."""

__version__ = "0.1.0"
