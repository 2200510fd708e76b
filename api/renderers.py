"""DRF's browsable API under the site's Content-Security-Policy."""

from rest_framework import renderers

# DRF's page lays out a few elements with style attributes ("float: right", "float: right;
# margin-right: 10px") and its scripts add one more. 'unsafe-hashes' allows exactly these
# declarations on these pages, and no other inline style or any inline script.
STYLE_ATTRIBUTE_HASHES = [
    "'unsafe-hashes'",
    "'sha256-WZ567ntT3BKIFaeoTtOOEdkkOJR5UidQJ809ufOE0zk='",
    "'sha256-OfgyIBrd+/vP79JdFMYP+re4T+fIenvkrHPD2HZ8/cs='",
    "'sha256-1kn+agGaGZdaFPNbx228buXQB9KXcy9RVE6NMUiW4SQ='",
]


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None:
            response._csp_update = {"style-src": STYLE_ATTRIBUTE_HASHES}
        return super().render(data, accepted_media_type, renderer_context)
