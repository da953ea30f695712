"""``workbench serve``: a local web editor over the project's catalogues (see ``app``)."""
