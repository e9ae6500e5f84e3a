"""Identity, roles, families, notifications and onboarding.

One module per sub-domain, re-exported here so `from accounts.models import
User` keeps working.
"""

from .ai import AIAgentProfile
from .consent import PAIRING_CODE_ALPHABET, PairingCode, ParentalConsent
from .contact import ContactMessage
from .deletion import AccountDeletion
from .families import Student
from .instructors import InstructorApplication, InstructorProfile, PartnerProfile
from .notifications import Notification
from .users import AllUsersManager, User, UserManager, UserQuerySet

__all__ = [
    "PAIRING_CODE_ALPHABET",
    "AIAgentProfile",
    "AccountDeletion",
    "AllUsersManager",
    "ContactMessage",
    "InstructorApplication",
    "InstructorProfile",
    "Notification",
    "PairingCode",
    "ParentalConsent",
    "PartnerProfile",
    "Student",
    "User",
    "UserManager",  # migration 0001 names it
    "UserQuerySet",
]
