from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPAppConfig


class MayoralOfficeConfig(AppConfig):
    default = True  # this module also defines the two configs below, so Django must be told which is the app's
    name = "mayoral_office"
    verbose_name = "Mayor's Office"

    def ready(self):
        from django.contrib.auth.models import Group, Permission

        from mayoral_office import (
            checks,  # noqa: F401  (registers the system checks)
            choices,
            demo_directory,
            demo_guides,
            demo_objectives,
            directory,
            guides,
            objectives,
            registry,
            search,
        )
        from mayoral_office.models import (
            Absence,
            ChaseSettings,
            ClosureDay,
            Directorate,
            Guide,
            Member,
            Portfolio,
            SupportAssignment,
            User,
            Ward,
        )

        # the filter panels' reference tables, whose options are kept between requests, and who holds which role,
        # with what permissions, and whom they support (the officer and member lists and every page's rules read them)
        choices.register(User, Group, Permission, Member, Ward, Directorate, Portfolio, SupportAssignment)
        choices.register(Guide)  # the "How do I ...?" links of each page, kept until a guide changes
        # what every page's deadlines and the home page's chase read: the days the office is closed, the chase's
        # settings, and who covers whom (mayoral_office/working_days.py, models ChaseSettings, absences.py)
        choices.register(ClosureDay, ChaseSettings, Absence)
        registry.register_chase_kind(guides.CHASE_KIND)
        registry.register_search_provider(
            registry.SearchProvider("mayoral_office.guide", "How-to guides", guides.search, order=90)
        )
        registry.register_demo_seeder(registry.DemoSeeder("guides", demo_guides.seed, order=60))
        registry.register_demo_seeder(registry.DemoSeeder("directory", demo_directory.seed, order=5))
        registry.register_demo_seeder(registry.DemoSeeder("absences", demo_directory.seed_absence, order=61))
        for name, label, find, url_name, order in (
            ("mayoral_office.organisation", "Organisations", directory.search_organisations, "directory", 12),
            ("mayoral_office.stakeholder", "People in the directory", directory.search_people, "people", 13),
        ):
            more = search.list_url(url_name)
            registry.register_search_provider(
                registry.SearchProvider(name, label, find, directory.may_read, more, order=order)
            )
        registry.register_demo_seeder(registry.DemoSeeder("objectives", demo_objectives.seed, order=50))
        registry.register_dashboard_panel(
            registry.DashboardPanel(
                "objectives",
                "mayoral_office",
                "The Mayor's objectives",
                objectives.dashboard_tables,
                objectives.may_see_dashboard_panel,
                order=5,
            )
        )


# Third-party apps, named for the people who configure the office.
class SignInLockoutsConfig(AxesAppConfig):
    verbose_name = "Sign-in lock-outs"


class TwoFactorDevicesConfig(TOTPAppConfig):
    verbose_name = "Two-factor devices"
