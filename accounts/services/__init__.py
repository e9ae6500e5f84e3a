"""Account writes. Other apps call these; they never write accounts tables."""

from .ai import ai_agent_profile_get_or_create, ai_agent_profile_update
from .contact import (
    contact_message_create,
    contact_message_mark_read,
    contact_message_reply,
)
from .deletion import account_delete, account_restore, user_soft_delete
from .family import (
    ConsentContext,
    child_create,
    child_login_email,
    child_password_set,
    child_update,
    pairing_code_create,
    pairing_code_redeem,
)
from .instructors import (
    instructor_application_approval_check,
    instructor_application_approve,
    instructor_application_reject,
    instructor_application_submit,
)
from .notifications import (
    notification_mark_all_read,
    notification_mark_read,
    notifications_mark_read_about,
    notify,
)
from .roles import (
    INSTRUCTORS_GROUP,
    instructor_authoring_enable,
    instructors_group_ensure,
    register_instructor_permissions,
)
from .users import (
    admission_number_next,
    user_require_verified,
    user_sessions_end,
    user_signup_complete,
    user_verification_sync,
)

__all__ = [
    "INSTRUCTORS_GROUP",
    "ConsentContext",
    "account_delete",
    "account_restore",
    "admission_number_next",
    "ai_agent_profile_get_or_create",
    "ai_agent_profile_update",
    "child_create",
    "child_login_email",
    "child_password_set",
    "child_update",
    "contact_message_create",
    "contact_message_mark_read",
    "contact_message_reply",
    "instructor_application_approval_check",
    "instructor_application_approve",
    "instructor_application_reject",
    "instructor_application_submit",
    "instructor_authoring_enable",
    "instructors_group_ensure",
    "notification_mark_all_read",
    "notification_mark_read",
    "notifications_mark_read_about",
    "notify",
    "pairing_code_create",
    "pairing_code_redeem",
    "register_instructor_permissions",
    "user_require_verified",
    "user_sessions_end",
    "user_signup_complete",
    "user_soft_delete",
    "user_verification_sync",
]
