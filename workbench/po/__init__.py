"""Gettext catalogues: the data model, a faithful reader, and a writer in GNU gettext's layout."""

from workbench.po.catalog import Catalog, Message

__all__ = ["Catalog", "Message"]
