"""The SSRF guard: a URL may be fetched only when every address its host resolves to is global.

A URL from a feed, a sitemap or a user's list must not reach the machine or its network (cloud metadata
at 169.254.169.254, a database on localhost, a router at 192.168.0.1). The check runs after DNS
resolution, so a public name pointing at a private address is caught, and again on every redirect hop.

Known limit: httpx resolves the name again when it connects, so a DNS server that answers differently
within the same second (DNS rebinding) is not caught; a resolver-pinning transport would close that.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

from wiretrace.errors import IngestError

Resolver = Callable[[str, int], list[str]]


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (IPv4 and IPv6), as the system resolver gives them."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def _is_global(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone ("fe80::1%eth0")
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is loopback
    return ip.is_global and not ip.is_multicast


def check_url(url: str, *, allow_private: bool, resolver: Resolver = system_resolver) -> None:
    """Raise ``IngestError`` unless ``url`` is http(s) to a host whose every address is global."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise IngestError(f"{url}: only http and https URLs are fetched, not {parts.scheme or 'no scheme'!r}")
    host = parts.hostname
    if not host:
        raise IngestError(f"{url}: the URL has no host")
    if parts.username or parts.password:
        raise IngestError(f"{url}: URLs with credentials are not fetched")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise IngestError(f"{url}: invalid port") from None
    if allow_private:
        return
    try:
        addresses = [host] if _is_ip(host) else resolver(host, port)
    except (OSError, UnicodeError) as exc:
        raise IngestError(f"{url}: cannot resolve host {host!r} ({exc})") from None
    if not addresses:
        raise IngestError(f"{url}: host {host!r} resolves to no address")
    private = [a for a in addresses if not _is_global(a)]
    if private:
        raise IngestError(
            f"{url}: refused, host {host!r} resolves to a non-public address ({private[0]}); "
            "set fetch.allow_private to fetch from private, loopback or link-local addresses"
        )


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
