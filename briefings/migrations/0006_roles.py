"""The two editorial roles as groups, with the model permissions the admin checks.

Object-level rules (a contributor edits only their own drafts) live in briefings/policies.py.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTRIBUTOR = {
    "briefing": ["add", "change", "view"],
    "briefingquote": ["add", "change", "delete", "view"],
    "briefingactor": ["add", "change", "delete", "view"],
    "faqentry": ["add", "change", "delete", "view"],
    "quote": ["add", "change", "view"],
    "actor": ["add", "view"],
    "actoralias": ["add", "view"],
    "source": ["add", "view"],
    "topic": ["view"],
    "place": ["view"],
    "office": ["view"],
    "tenure": ["view"],
    "correction": ["view"],
}
EDITOR_MODELS = [
    "actor", "actoralias", "briefing", "briefingactor", "briefingquote", "correction",
    "faqentry", "office", "place", "quote", "source", "tenure", "topic",
]  # fmt: skip


def create_roles(apps, schema_editor):
    # Permissions are normally created after migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="briefings")

    contributor, _ = Group.objects.get_or_create(name="Contributor")
    contributor.permissions.set(
        perms.filter(
            codename__in=[
                f"{action}_{model}" for model, actions in CONTRIBUTOR.items() for action in actions
            ]
        )
    )
    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.set(
        perms.filter(content_type__model__in=EDITOR_MODELS)
        | Permission.objects.filter(
            content_type__app_label="auth", codename__in=["view_user"]
        )
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Contributor", "Editor"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("briefings", "0005_actor_redirect"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
