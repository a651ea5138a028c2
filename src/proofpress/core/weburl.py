"""Addresses as a browser reads them (the WHATWG URL standard), for every decision about one.

Python's ``urllib.parse`` reads some addresses differently from browsers (``https://a\\@b/`` is
host ``b`` to Python and ``a`` to a browser; a tab inside ``java\tscript:`` hides the scheme).
Whatever decides what an address is (a host, a scheme, local or remote) reads it here. The
click-to-load script (``theme/assets/javascripts/pp-embeds.js``) reads hosts with the browser's
own ``URL``, which follows the same standard. A leaf module: it imports nothing of Proofpress.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

_EDGE_CONTROLS = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def browser_url(value: str) -> str:
    """A URL as a browser's parser sees it before parsing (the WHATWG URL standard): leading and
    trailing control characters and spaces stripped, tabs and newlines removed anywhere, and
    backslashes read as slashes (as browsers do for http(s) and for relative addresses)."""
    return _TAB_OR_NEWLINE.sub("", _EDGE_CONTROLS.sub("", value)).replace("\\", "/")


def url_scheme(value: str) -> str:
    """The lowercased scheme a browser would read from ``value``, or "" for a relative one."""
    match = _SCHEME.match(browser_url(value))
    return match[1].lower() if match else ""


_SPECIAL_SCHEMES = ("http", "https", "ws", "wss", "ftp")
_AUTHORITY_END = re.compile(r"[/?#]")
# Characters the WHATWG host parser refuses in a domain (after percent-decoding).
_FORBIDDEN_HOST = re.compile(r"[\x00-\x20#%/:<>?@\[\\\]^|\x7f]")


def browser_host(value: str) -> str | None:
    """The host a browser reads from ``value`` (WHATWG URL rules), lowercase ASCII, when it is an
    absolute http(s), ws(s) or ftp address with a host; None otherwise (relative, another scheme,
    or an address a browser refuses). The one host reader: every decision about a host uses it.

    As browsers do: tabs and newlines are dropped, backslashes are slashes, any number of slashes
    may follow the scheme, userinfo ends at the last ``@`` of the authority, the port is digits,
    the host is percent-decoded and mapped to ASCII with IDNA (a full-width ``c`` is ``c``).
    So ``https://evil.example\\@codepen.io/`` is evil.example, as in the browser's address bar.
    """
    clean = browser_url(value)
    match = _SCHEME.match(clean)
    if not match or match[1].lower() not in _SPECIAL_SCHEMES:
        return None
    authority = _AUTHORITY_END.split(clean[match.end() :].lstrip("/"), maxsplit=1)[0]
    host_port = authority.rpartition("@")[2]
    if host_port.startswith("["):  # an IPv6 address
        host, _, port = host_port.partition("]")
        host, port = host + "]", port.removeprefix(":")
        return host.lower() if not port or (port.isascii() and port.isdigit()) else None
    host, _, port = host_port.partition(":")
    if port and not (port.isascii() and port.isdigit()):
        return None
    try:
        ascii_host = unquote(host, errors="strict").encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None
    if not ascii_host or _FORBIDDEN_HOST.search(ascii_host):
        return None
    return ascii_host


def is_web_address(value: str, schemes: tuple[str, ...] = ("http", "https")) -> bool:
    """An absolute address with a host, no spaces, whose scheme is one of ``schemes`` both as
    written and as a browser reads it (so ``java\tscript:`` or `` //host`` never pass), and
    whose host Python's parser and the browser read alike (so never ``https://a\\@b/``)."""
    try:
        parts = urlsplit(value)
        python_host = parts.hostname
    except ValueError:
        return False
    host = browser_host(value)
    return (
        parts.scheme in schemes
        and url_scheme(value) == parts.scheme
        and host is not None
        and python_host is not None
        and _idna(python_host) == host
        and not any(c.isspace() for c in value)
    )


def _idna(host: str) -> str | None:
    if ":" in host:  # Python gives an IPv6 address without its brackets
        return f"[{host.lower()}]"
    try:
        return host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None


def is_remote_url(value: str) -> bool:
    """Whether a browser would fetch ``value`` from anywhere but this site: any scheme, or a
    scheme-relative ``//host`` (``/\\host`` and ``\\\\host`` included)."""
    return bool(url_scheme(value)) or browser_url(value).startswith("//")
