from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "procurement"

    def ready(self):
        from mayoral_office.registry import Section, register_section
        from procurement.policy import may_open

        register_section(
            Section(
                app_label="procurement",
                label="Procurement",
                description="Budgets and requisitions with approvals.",
                url_name="procurement:index",
                allowed=may_open,
                order=50,
            )
        )
