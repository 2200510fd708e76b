"""Security headers on every kind of response: pages, the API, the admin, errors."""

import re

import pytest

pytestmark = pytest.mark.django_db


def policy(response):
    return {
        part.split()[0]: part.split()[1:]
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    }


@pytest.mark.parametrize(
    "path", ["/", "/briefings/", "/api/v1/briefings/", "/admin/login/", "/no-such-page/"]
)
def test_every_response_carries_the_security_headers(client, path, published_briefing):
    response = client.get(path)
    csp = policy(response)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["script-src"][0] == "'self'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_the_reader_pages_need_no_inline_script_or_style(client, published_briefing):
    """Nothing the policy would block: no inline scripts (JSON-LD is data), no style attributes."""
    for path in ["/", published_briefing.get_absolute_url(), "/search/?q=briefing"]:
        html = client.get(path).content.decode()
        scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
        assert all('type="application/ld+json"' in attributes for attributes in scripts), path
        assert " style=" not in html, path
        assert "<style" not in html, path
