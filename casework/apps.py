from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = "Casework"

    def ready(self):
        from casework.services import case_recalculate_for_closure_day
        from mayoral_office.working_days import register_deadline_recalculator

        register_deadline_recalculator(case_recalculate_for_closure_day)
