"""The translation memory: every finished translation of the project, and the TMX files it keeps or shares.

``memory`` stores and finds units (``build/memory.sqlite``, a cache rebuilt from the catalogues and
TMX files, safe to delete); ``files`` imports and exports TMX; ``match`` scores a unit against a new
source and carries values over; ``pretranslate`` and ``analysis`` use them.
"""
