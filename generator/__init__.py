"""Kinerja Terbuka: a static-site generator for public performance data (SAKIP) of Indonesian local government."""

__version__ = "0.1.0"
