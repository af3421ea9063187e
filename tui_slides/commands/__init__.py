"""What each command does: one module a command, each importing what it needs when it runs.

The grammar and the dispatch are ``tui_slides.cli``; what every command
shares (reading a deck, saying what is wrong, exit statuses) is ``common``.
"""
