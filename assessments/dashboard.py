"""What the assessments app shows on the role dashboards (see accounts/dashboard.py)."""
