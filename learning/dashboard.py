"""What the learning app shows on the role dashboards (see accounts/dashboard.py)."""
