"""Outbound requests to URLs that users supply (agent endpoints): where they may go.

A member must not turn the server into a proxy into its own network. A destination is
refused when its address is loopback, private, shared (CGNAT), link-local (cloud metadata),
unique-local, multicast, unspecified, reserved or otherwise not globally routable, in any
IPv4 or IPv6 spelling (IPv4-mapped, 6to4, NAT64), or when its name is a well-known
loopback or metadata name; unless EVALFORGE_AGENT_ALLOWED_HOSTS lists the name, the
address or a network holding it.

Names are judged by what they resolve to at connection time: `PinnedResolver` resolves,
checks every address, and hands only those addresses to the HTTP client, which connects to
them (Host header and TLS SNI keep the name). No second lookup, so DNS rebinding between
the check and the connection is impossible. Literal IPs never reach a resolver, so
`check_url` runs before every request too.
"""

import asyncio
import ipaddress
import logging
import re
import socket
from collections.abc import Awaitable, Callable, Iterable

from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

log = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
# (host, port) -> [(family, address)]; tests inject a fake one.
Lookup = Callable[[str, int], Awaitable[list[tuple[int, str]]]]

_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"),)
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
# Names that mean loopback or a cloud metadata service whatever DNS says.
FORBIDDEN_NAMES = frozenset({
    "localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback",
    "metadata", "metadata.google.internal", "metadata.goog", "metadata.azure.com",
    "instance-data", "instance-data.ec2.internal",
})
FORBIDDEN_SUFFIXES = (".localhost",)
_HOST_CHARS = re.compile(r"[A-Za-z0-9._:%-]+")


class Blocked(OSError):
    """The destination is refused by policy (an OSError so HTTP clients treat it as a failed
    connection: nothing is sent)."""


def _ipv4_reason(ip: ipaddress.IPv4Address) -> str | None:
    checks = (
        (ip.is_loopback, "loopback"),
        (ip.is_unspecified or ip in ipaddress.ip_network("0.0.0.0/8"), "unspecified"),
        (ip.is_link_local, "link-local (cloud metadata)"),
        (ip in _CGNAT, "shared (CGNAT)"),
        (ip.is_multicast, "multicast"),
        (ip.is_reserved, "reserved"),
        (ip.is_private, "private"),
        (not ip.is_global, "not publicly routable"),
    )
    return next((reason for hit, reason in checks if hit), None)


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 spelling carries (mapped, 6to4, NAT64), if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if any(ip in net for net in _NAT64):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def forbidden_reason(ip: IPAddress) -> str | None:
    """Why this address may not be reached (None: it is a public address)."""
    if isinstance(ip, ipaddress.IPv4Address):
        return _ipv4_reason(ip)
    embedded = _embedded_ipv4(ip)
    if embedded is not None:
        reason = _ipv4_reason(embedded)
        if reason:
            return f"{reason} (IPv4 inside IPv6)"
        if ip.sixtofour is None:  # mapped or NAT64: the IPv4 address is the destination
            return None
    checks = (
        (ip.is_loopback, "loopback"),
        (ip.is_unspecified, "unspecified"),
        (ip.is_link_local, "link-local"),
        (ip.is_site_local, "site-local"),
        (ip in ipaddress.ip_network("fc00::/7"), "unique-local"),
        (ip.is_multicast, "multicast"),
        (ip in _NAT64_LOCAL, "local NAT64"),
        (ip.is_reserved, "reserved"),
        (ip.is_private or not ip.is_global, "not publicly routable"),
    )
    return next((reason for hit, reason in checks if hit), None)


def _normal_name(host: str) -> str:
    return host.strip("[]").rstrip(".").lower()


def literal_ip(host: str) -> IPAddress | None:
    """The address a URL host spells, in any form a resolver would accept (127.1, 0x7f.1,
    2130706433 included); None for a name."""
    host = _normal_name(host)
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if ":" in host:
        raise Blocked("malformed IPv6 address")
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except (OSError, ValueError):
        return None


def parse_url(url: str) -> URL | None:
    """The URL as the HTTP client (aiohttp) will read it, or None when it cannot be read."""
    try:
        parsed = URL(url)
        # Decoded lazily: force it now, so a bad host (IDNA, port) fails here, not later.
        parsed.host, parsed.port  # noqa: B018
    except (ValueError, TypeError, IndexError):  # yarl: IndexError on some malformed hosts
        return None
    return parsed


class EgressPolicy:
    """The allow-list (names, IPs, CIDRs) and the checks that consult it."""

    def __init__(self, allowed: Iterable[str] = ()) -> None:
        self.names: set[str] = set()
        self.networks: list[Network] = []
        for entry in allowed:
            try:
                self.networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
            except ValueError:
                self.names.add(_normal_name(entry))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, EgressPolicy):
            return NotImplemented
        return (self.names, self.networks) == (other.names, other.networks)

    def _address_allowed(self, ip: IPAddress) -> bool:
        candidates = [ip]
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            candidates.append(ip.ipv4_mapped)
        return any(c in net for c in candidates for net in self.networks if c.version == net.version)

    def check_address(self, host: str, ip: IPAddress) -> None:
        """Raise Blocked unless `ip` (what `host` resolved to) may be reached."""
        if _normal_name(host) in self.names or self._address_allowed(ip):
            return
        reason = forbidden_reason(ip)
        if reason:
            article = "an" if reason[0] in "aeiou" else "a"
            raise Blocked(f"{ip} is {article} {reason} address")

    def check_url(self, url: str | URL) -> URL:
        """The parsed URL, or Blocked: scheme, credentials, literal IPs and known names are
        judged without DNS (names are judged again by what they resolve to)."""
        parsed = url if isinstance(url, URL) else parse_url(url)
        if parsed is None:
            raise Blocked("not a valid URL")
        host = parsed.raw_host or ""
        if parsed.scheme not in ("http", "https") or not host:
            raise Blocked("only http and https URLs with a host")
        if parsed.raw_user is not None or parsed.raw_password is not None:
            raise Blocked("credentials in the URL")
        if not _HOST_CHARS.fullmatch(host):  # raw_host is ASCII: IDNA already applied
            raise Blocked("not a valid host name")
        name = _normal_name(host)
        ip = literal_ip(parsed.host or host)
        if ip is not None:
            # 127.1, 0x7f.1, 2130706433: spellings that hide an address from a reader.
            if ip.version == 4 and str(ip) != name:
                raise Blocked("IP addresses must be written in standard form")
            self.check_address(name, ip)
        elif name not in self.names and (
            name in FORBIDDEN_NAMES or name.endswith(FORBIDDEN_SUFFIXES)
        ):
            raise Blocked(f"{name} is a loopback or cloud metadata name")
        return parsed

    def refusal(self, url: str | URL) -> str | None:
        """Why `url` is refused without DNS, or None."""
        try:
            self.check_url(url)
        except Blocked as exc:
            return str(exc)
        return None


def without_userinfo(url: str) -> str:
    """`url` with any user:password@ removed (for display)."""
    if "@" not in url:
        return url
    parsed = parse_url(url)
    if parsed is None:
        return "***"
    if parsed.raw_user is None and parsed.raw_password is None:
        return url
    return str(parsed.with_user(None))


async def system_lookup(host: str, port: int) -> list[tuple[int, str]]:
    """getaddrinfo in the loop's executor: (family, address) for every answer."""
    infos = await asyncio.get_running_loop().getaddrinfo(
        host, port, type=socket.SOCK_STREAM, family=socket.AF_UNSPEC
    )
    return list(dict.fromkeys((family, sockaddr[0]) for family, _, _, _, sockaddr in infos))


class PinnedResolver(AbstractResolver):
    """An aiohttp resolver that answers only with checked addresses: if any address a name
    resolves to is refused, the whole name is (a rebinding name often answers both)."""

    def __init__(self, policy: EgressPolicy, lookup: Lookup = system_lookup) -> None:
        self.policy = policy
        self.lookup = lookup

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        answers = await self.lookup(host, port)
        if not answers:
            raise OSError(f"no address for {host}")
        results: list[ResolveResult] = []
        for fam, address in answers:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
            try:
                self.policy.check_address(host, ip)
            except Blocked as exc:
                log.warning("agent endpoint %s refused: %s", host, exc)
                raise
            results.append(_result(host, address, port, fam))
        return results

    async def close(self) -> None:
        return None


def _result(host: str, address: str, port: int, family: int) -> ResolveResult:
    return ResolveResult(
        hostname=host, host=address, port=port, family=family, proto=0,
        flags=socket.AI_NUMERICHOST | socket.AI_NUMERICSERV,
    )
