"""The reader app: the public site's views, templates tags and feeds; it holds no models."""

from django.apps import AppConfig


class ReaderConfig(AppConfig):
    name = "reader"
    verbose_name = "Reader site"
