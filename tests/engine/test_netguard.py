"""The egress guard on its own: the address classifier, URL checks without DNS, and the
pinned resolver with a scripted DNS (rebinding)."""

import ipaddress
import socket

import pytest

from app.netguard import Blocked, EgressPolicy, PinnedResolver, forbidden_reason, without_userinfo

FORBIDDEN = {
    "127.0.0.1": "loopback",
    "127.255.0.9": "loopback",
    "10.1.2.3": "private",
    "172.16.0.1": "private",
    "192.168.1.10": "private",
    "100.64.0.1": "shared (CGNAT)",
    "100.100.100.200": "shared (CGNAT)",  # Alibaba Cloud metadata
    "169.254.169.254": "link-local (cloud metadata)",
    "0.0.0.0": "unspecified",
    "0.1.2.3": "unspecified",
    "224.0.0.1": "multicast",
    "240.0.0.1": "reserved",
    "255.255.255.255": "reserved",
    "198.18.0.1": "private",
    "192.0.2.7": "private",  # TEST-NET-1
    "::1": "loopback",
    "::": "unspecified",
    "fe80::1": "link-local",
    "fc00::1": "unique-local",
    "fd00:ec2::254": "unique-local",  # AWS IPv6 metadata
    "fec0::1": "site-local",
    "ff02::1": "multicast",
    "::ffff:127.0.0.1": "loopback (IPv4 inside IPv6)",
    "::ffff:169.254.169.254": "link-local (cloud metadata) (IPv4 inside IPv6)",
    "::ffff:10.0.0.1": "private (IPv4 inside IPv6)",
    "2002:7f00:1::": "loopback (IPv4 inside IPv6)",  # 6to4 of 127.0.0.1
    "2002:c0a8:101::1": "private (IPv4 inside IPv6)",  # 6to4 of 192.168.1.1
    "64:ff9b::a00:1": "private (IPv4 inside IPv6)",  # NAT64 of 10.0.0.1
    "64:ff9b::a9fe:a9fe": "link-local (cloud metadata) (IPv4 inside IPv6)",
    "64:ff9b:1::1": "local NAT64",
    "::7f00:1": "reserved",  # IPv4-compatible ::127.0.0.1
    "2001:db8::1": "not publicly routable",  # documentation
    "2001::1": "not publicly routable",  # Teredo
}
PUBLIC = ["8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700::1111", "::ffff:8.8.8.8",
          "64:ff9b::808:808", "2002:808:808::1"]


@pytest.mark.parametrize(("address", "reason"), FORBIDDEN.items())
def test_forbidden_addresses_name_their_range(address: str, reason: str) -> None:
    assert forbidden_reason(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are_allowed(address: str) -> None:
    assert forbidden_reason(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(("url", "reason"), [
    ("http://127.0.0.1:8080/x", "127.0.0.1 is a loopback address"),
    ("http://[::ffff:127.0.0.1]/", "::ffff:7f00:1 is a loopback (IPv4 inside IPv6) address"),
    ("http://[::1]:9/", "::1 is a loopback address"),
    ("http://0.0.0.0/", "0.0.0.0 is an unspecified address"),
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local (cloud metadata) address"),
    ("http://[fe80::1%25eth0]/", "fe80::1%eth0 is a link-local address"),
    ("http://2130706433/", "IP addresses must be written in standard form"),
    ("http://0x7f.1/", "IP addresses must be written in standard form"),
    ("http://127.1/", "IP addresses must be written in standard form"),
    ("http://localhost:8000/", "localhost is a loopback or cloud metadata name"),
    ("http://LOCALHOST./", "localhost is a loopback or cloud metadata name"),
    ("http://api.localhost/", "api.localhost is a loopback or cloud metadata name"),
    ("http://metadata.google.internal/computeMetadata/v1/", "metadata.google.internal is a loopback or cloud metadata name"),
    ("http://user:pw@agent.example/", "credentials in the URL"),
    ("ftp://agent.example/", "only http and https URLs with a host"),
    ("http://[::1/", "not a valid URL"),
    ("http://[71J1]`)@/", "not a valid URL"),  # yarl raises IndexError on this one
    ("http://8T\u0130\u2488P/", "not a valid URL"),  # IDNA fails when the host is decoded
    ("http://a\x00b/", "not a valid host name"),
])
def test_urls_refused_without_dns(url: str, reason: str) -> None:
    assert EgressPolicy().refusal(url) == reason


@pytest.mark.parametrize("url", ["https://agent.example/run", "http://8.8.8.8/", "http://[2606:4700::1111]:8443/a"])
def test_public_urls_pass(url: str) -> None:
    assert EgressPolicy().refusal(url) is None


def test_the_allow_list_takes_names_ips_and_networks() -> None:
    policy = EgressPolicy(["localhost", "10.0.0.0/8", "::1", "[fd00::5]"])
    assert policy.refusal("http://localhost:9/") is None
    assert policy.refusal("http://10.200.0.1/") is None
    assert policy.refusal("http://[::1]:9/") is None
    assert policy.refusal("http://[fd00::5]/") is None
    assert policy.refusal("http://[::ffff:10.0.0.1]/") is None  # the same IPv4 address
    assert policy.refusal("http://192.168.0.1/") == "192.168.0.1 is a private address"
    assert policy.refusal("http://127.0.0.1/") == "127.0.0.1 is a loopback address"


def test_userinfo_is_removed_for_display() -> None:
    assert without_userinfo("https://bob:s3cret@agent.example/run?x=1") == "https://agent.example/run?x=1"
    assert without_userinfo("https://agent.example/run") == "https://agent.example/run"
    assert without_userinfo("https://a.example/@b") == "https://a.example/@b"


class ScriptedDNS:
    """Answers each lookup with the next scripted answer (the last one repeats)."""

    def __init__(self, *answers: list[str]) -> None:
        self.answers, self.calls = list(answers), 0

    async def __call__(self, host: str, port: int) -> list[tuple[int, str]]:
        answer = self.answers[min(self.calls, len(self.answers) - 1)]
        self.calls += 1
        return [(socket.AF_INET6 if ":" in a else socket.AF_INET, a) for a in answer]


async def test_the_resolver_hands_out_exactly_the_addresses_it_checked() -> None:
    dns = ScriptedDNS(["93.184.216.34", "2606:4700::1111"], ["127.0.0.1"])
    resolver = PinnedResolver(EgressPolicy(), dns)
    hosts = await resolver.resolve("rebind.example", 443)
    assert [(h["hostname"], h["host"], h["port"]) for h in hosts] == [
        ("rebind.example", "93.184.216.34", 443), ("rebind.example", "2606:4700::1111", 443)]
    assert dns.calls == 1  # the client connects to these: no second lookup to rebind


@pytest.mark.parametrize("answer", [["127.0.0.1"], ["93.184.216.34", "10.0.0.7"], ["::ffff:169.254.169.254"]])
async def test_a_name_with_any_forbidden_address_is_refused(answer: list[str]) -> None:
    with pytest.raises(Blocked):
        await PinnedResolver(EgressPolicy(), ScriptedDNS(answer)).resolve("evil.example", 80)


async def test_an_allowed_name_may_resolve_to_internal_addresses() -> None:
    resolver = PinnedResolver(EgressPolicy(["agents.internal"]), ScriptedDNS(["10.0.0.7"]))
    assert [h["host"] for h in await resolver.resolve("agents.internal", 80)] == ["10.0.0.7"]
