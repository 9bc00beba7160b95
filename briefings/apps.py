from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    name = "briefings"

    def ready(self):
        from briefings.policy import may_open
        from mayoral_office.registry import Section, register_section

        register_section(
            Section(
                app_label="briefings",
                label="Briefings",
                description="Briefing and speech packs, commissions, printed packs.",
                url_name="briefings:index",
                allowed=may_open,
                order=30,
            )
        )
