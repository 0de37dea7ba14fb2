"""disclose: compliance checker for government-transparency (政务公开) work."""

__version__ = "0.1.0"
