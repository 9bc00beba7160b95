"""System checks of the office's own settings (run by `manage.py check`; `--deploy` adds the deploy ones)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def two_factor_required(app_configs, **kwargs):
    if getattr(settings, "MFA_REQUIRED", True):
        return []
    return [
        Warning(
            "Two-factor sign-in is turned off (MFA_REQUIRED=false).",
            hint="Every account can then be reached with a password alone. Remove MFA_REQUIRED=false.",
            id="mayoral_office.W001",
        )
    ]
