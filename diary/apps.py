from django.apps import AppConfig


class DiaryConfig(AppConfig):
    name = "diary"

    def ready(self):
        from diary import demo, policy
        from mayoral_office import registry

        registry.register_section(
            registry.Section(
                app_label="diary",
                label="Diary",
                description="Members' engagements, invitations and week-ahead packs.",
                url_name="diary:index",
                allowed=lambda user: policy.allows(user, "diary.view"),
                order=20,
            )
        )
        # selectors.home_work (invitations awaiting the user's decision) is ready to register as a home summary
        # once the core's pinned home-page queries (tests/mayoral_office/test_query_counts.py) name its count.
        registry.register_demo_seeder(registry.DemoSeeder("diary", demo.seed, order=20))
