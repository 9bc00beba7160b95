from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "decisions"

    def ready(self):
        from decisions.policy import may_open
        from mayoral_office.registry import Section, register_section

        register_section(
            Section(
                app_label="decisions",
                label="Decisions",
                description="CLT agenda, Decision Pathway, forward plan and action tracker.",
                url_name="decisions:index",
                allowed=may_open,
                order=40,
            )
        )
