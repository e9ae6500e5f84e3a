"""The demo accounts `seed_demo` creates (one per role), shown by `make run`."""

DEMO_PASSWORD = "Karibu-Demo-2026"
DEMO_DOMAIN = "demo.urbanhomeschool.co.ke"

DEMO_LOGINS = [
    ("admin", f"admin@{DEMO_DOMAIN}"),
    ("staff", f"staff@{DEMO_DOMAIN}"),
    ("instructor", f"instructor@{DEMO_DOMAIN}"),
    ("partner", f"partner@{DEMO_DOMAIN}"),
    ("parent", f"parent@{DEMO_DOMAIN}"),
    ("student", f"student@{DEMO_DOMAIN}"),
]
