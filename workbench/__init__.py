"""workbench: articles to gettext catalogues, terminology, checks and bilingual exports."""

__version__ = "0.1.0"
