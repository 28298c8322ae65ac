"""The package version, kept in one place for the CLI and the package metadata."""

__version__ = "0.1.0"
