"""The decisions app's forms, one module per area (meetings, pathway, actions, incidents)."""
