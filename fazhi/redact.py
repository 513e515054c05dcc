"""Secrets out of what fazhi prints: URL passwords and secret-looking query values become ***.

The warehouse keeps source_uri exactly as given (the contract); only terminal output is redacted.
"""

from __future__ import annotations

import re

_USERINFO = re.compile(r"(?P<scheme>https?://)(?P<user>[^/:@\s]+):[^@/\s]+@", re.IGNORECASE)
_PARAM = re.compile(r"(?P<lead>[?&])(?P<name>[\w.-]+)=(?P<value>[^&#\s]*)")
# a parameter name whose words include one of these (api_key, access-token, X.Signature; not keyword)
_SECRET_NAME = re.compile(
    r"(?:^|[_.-])(?:token|key|apikey|secret|password|passwd|pwd|sig|signature|auth|session|sessionid|sid)(?:$|[_.-])",
    re.IGNORECASE,
)


def redact(text: str) -> str:
    """text with URL passwords and secret-looking query values replaced by ***."""
    text = _USERINFO.sub(lambda m: f"{m['scheme']}{m['user']}:***@", text)
    return _PARAM.sub(lambda m: f"{m['lead']}{m['name']}=***" if _SECRET_NAME.search(m["name"]) else m[0], text)
