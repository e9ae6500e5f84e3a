"""The demo accounts `seed_demo` creates (one per role), shown by `make run`.

Plain data: the login table and who each login is (first name, last name,
role value of `accounts.User.Role`).
"""

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

# role key -> (first name, last name, User.Role value)
DEMO_PEOPLE = {
    "admin": ("Achieng", "Odhiambo", "admin"),
    "staff": ("Wanjiru", "Kamau", "staff"),
    "instructor": ("Mwalimu", "Otieno", "instructor"),
    "partner": ("Baraka", "Mutua", "partner"),
    "parent": ("Grace", "Njeri", "parent"),
    "student": ("Amani", "Njeri", "student"),
}


def logins_text() -> str:
    """Return the demo logins as `seed_demo` and `make run` print them."""
    lines = [f"Demo logins (password for all: {DEMO_PASSWORD}):"]
    lines += [f"  {role:<11} {email}" for role, email in DEMO_LOGINS]
    return "\n".join(lines)
