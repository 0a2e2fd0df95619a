"""Signals that carry effects upward between packages (DESIGN.md section 2).

Declared here so that a lower package can send what a higher one listens to without importing it.
Each domain issue adds its own; every signal carries ids and a time, never ORM objects.
"""

from blinker import Namespace

redress_signals = Namespace()
