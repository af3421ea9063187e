"""The presenter console: a second terminal's view of the talk, and the presenter's socket.

``sharing`` runs in the presenter (it listens for consoles); ``console_app``
is ``tui-slides console`` (it joins one).
"""
