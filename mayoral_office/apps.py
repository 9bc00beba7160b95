from django.apps import AppConfig


class MayoralOfficeConfig(AppConfig):
    name = "mayoral_office"
    verbose_name = "Mayor's Office"
