"""Where the development server listens, as one URL for settings and `make run`."""

from __future__ import annotations

# Addresses that mean "every interface": a browser cannot open them, so the
# URL in emails and certificates names this machine instead.
_ANY_ADDRESS = {"", "0.0.0.0", "::", "[::]"}


def dev_site_url(host: str, port: int | str) -> str:
    """Return the base URL a browser on this machine opens for `host`:`port`."""
    host = host.strip()
    if host in _ANY_ADDRESS:
        host = "localhost"
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 literal
    return f"http://{host}:{int(port)}"
