"""Audiences: a ``Presentation`` shared with viewers over SSH (``ssh``), no Textual here.

``options`` (what the command line asks for) imports nothing heavy; the server
(``server``, ``viewer``) imports asyncssh, only when a talk is shared.
"""
