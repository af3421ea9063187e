"""Audiences: a ``Presentation`` shared with viewers' terminals over SSH. No Textual here.

``options`` (what ``--ssh`` asks for), ``auth`` (codes, failure limits),
``terminal`` (colours, keys) and ``command`` (``--ssh`` checked and bound,
``serve``) import nothing heavy. The server imports asyncssh, only when a talk
is shared: ``server`` (``ShareServer``: follows the presentation, sends each
viewer its screen), ``door`` (authentication, refused requests), ``viewer``
(one session), ``hostkey``, ``frames`` (slides drawn with the Rich renderables)
and ``screen`` (only the cells that changed).
"""
