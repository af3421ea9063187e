"""The presenter's screens: the slides, and the overlays pushed over them."""
