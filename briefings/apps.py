from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    """Not advertised until the app is built: the menu and the home page list only apps that exist. Its issue
    registers its `registry.Section` from `ready()`, allowed by the app's policy, as casework and diary do. Until
    then its landing page stays at its address, behind that policy."""

    name = "briefings"
