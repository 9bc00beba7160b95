from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "procurement"

    def ready(self):
        from mayoral_office import choices, registry
        from mayoral_office.access import office_staff
        from procurement import chases, dashboard, demo, header_search, policy, volume
        from procurement.models import BudgetLine, Category, CostCentre, Requisition, Supplier
        from procurement.selectors import home

        registry.register_section(
            registry.Section(
                app_label="procurement",
                label="Procurement",
                description="Budgets and requisitions: quotes and approvals by value, purchase orders, invoices and "
                "the spend the council publishes.",
                url_name="procurement:index",
                allowed=policy.may_open,  # no query: the user's facts come from kept tables
                order=40,
            )
        )
        for provider in header_search.providers(policy.may_open):
            registry.register_search_provider(provider)
        registry.register_home_summary(home.home_work)
        registry.register_demo_seeder(registry.DemoSeeder("procurement", demo.seed, order=40))
        registry.register_volume_seeder(registry.VolumeSeeder("procurement", volume.seed, order=40))
        for model in (Requisition, BudgetLine):  # each record's History page (transfers have no visible_to)
            registry.register_record_history(model, model.objects.visible_to)
        for kind in chases.KINDS:  # what the daily digests chase
            registry.register_chase_kind(kind)
        registry.register_dashboard_panel(
            registry.DashboardPanel("procurement", "procurement", "Budgets", dashboard.tables, office_staff, order=40)
        )
        # the filter panels' reference tables, kept between requests (budget lines: also who holds one, for the menu)
        choices.register(CostCentre, Category, Supplier, BudgetLine)
