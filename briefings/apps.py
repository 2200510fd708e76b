"""The briefings app: the domain of the knowledge base."""

from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    name = "briefings"
    verbose_name = "Knowledge base"
