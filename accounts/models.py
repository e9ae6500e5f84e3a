"""Identity, roles, families, notifications and onboarding."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower, Now
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from urbanhome.core.cbc import GradeLevel
from urbanhome.core.models import AliveQuerySet, BaseModel, SoftDeleteModel

from .validators import (
    validate_json_object,
    validate_learning_profile,
    validate_quick_actions,
    validate_string_list,
)


class UserQuerySet(AliveQuerySet):
    def with_role(self, role):
        return self.filter(role=role)


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    """Default user manager: soft-deleted users do not exist (nor log in)."""

    use_in_migrations = True

    def get_queryset(self):
        return super().get_queryset().filter(is_deleted=False)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("role", User.Role.STUDENT)
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(
            role=User.Role.ADMIN, is_staff=True, is_superuser=True, is_verified=True
        )
        return self._create_user(email, password, **extra)


class AllUsersManager(models.Manager.from_queryset(UserQuerySet)):
    pass


class User(AbstractBaseUser, PermissionsMixin, SoftDeleteModel):
    """A person who signs in: student, parent, instructor, partner or staff."""

    class Role(models.TextChoices):
        STUDENT = "student", _("Student")
        PARENT = "parent", _("Parent")
        INSTRUCTOR = "instructor", _("Instructor")
        ADMIN = "admin", _("Administrator")
        PARTNER = "partner", _("Partner")
        STAFF = "staff", _("Staff")

    email = models.EmailField(_("email address"), max_length=255, unique=True)
    # Django's hash string ("bcrypt_sha256$..."), in the spec's column name.
    password = models.CharField(
        _("password"), max_length=255, db_column="password_hash"
    )
    role = models.CharField(max_length=50, choices=Role.choices, db_index=True)
    is_active = models.BooleanField(default=True, db_default=True)
    is_verified = models.BooleanField(
        default=False,
        db_default=False,
        help_text=_("The email address has been confirmed."),
    )
    is_staff = models.BooleanField(
        default=False,
        db_default=False,
        help_text=_("May sign in to the admin site (staff, admins, instructors)."),
    )
    # first_name, last_name, phone (E.164), bio, avatar_url, county
    profile_data = models.JSONField(
        default=dict, db_default={}, blank=True, validators=[validate_json_object]
    )

    objects = UserManager()
    all_objects = AllUsersManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta(SoftDeleteModel.Meta):
        db_table = "users"
        ordering = ["email"]
        constraints = [
            *SoftDeleteModel.Meta.constraints,
            models.CheckConstraint(
                condition=Q(
                    role__in=[
                        "student",
                        "parent",
                        "instructor",
                        "admin",
                        "partner",
                        "staff",
                    ]
                ),
                name="users_role_valid",
            ),
            models.CheckConstraint(
                condition=Q(email=Lower("email")), name="users_email_lowercase"
            ),
        ]

    def __str__(self):
        name = self.get_full_name()
        return f"{name} <{self.email}>" if name else self.email

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    @property
    def first_name(self) -> str:
        return self.profile_data.get("first_name", "")

    @first_name.setter
    def first_name(self, value: str) -> None:
        # allauth writes user.first_name; the name lives in profile_data.
        self.profile_data = {
            **(self.profile_data or {}),
            "first_name": (value or "").strip(),
        }

    @property
    def last_name(self) -> str:
        return self.profile_data.get("last_name", "")

    @last_name.setter
    def last_name(self, value: str) -> None:
        self.profile_data = {
            **(self.profile_data or {}),
            "last_name": (value or "").strip(),
        }

    @property
    def phone(self) -> str:
        return self.profile_data.get("phone", "")

    def get_full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p).strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email.split("@")[0]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.email

    @property
    def is_student(self) -> bool:
        return self.role == self.Role.STUDENT

    @property
    def is_parent(self) -> bool:
        return self.role == self.Role.PARENT

    @property
    def is_instructor(self) -> bool:
        return self.role == self.Role.INSTRUCTOR

    @property
    def is_platform_staff(self) -> bool:
        return self.role in (self.Role.ADMIN, self.Role.STAFF) or self.is_superuser


class Student(BaseModel):
    """The learner profile of a student user, with the guardian who manages it."""

    class ForumAccess(models.TextChoices):
        NONE = "none", _("No forum access")
        READ = "read", _("Read only")
        POST = "post", _("Read and post")

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="student")
    parent = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        limit_choices_to={"role": User.Role.PARENT},
    )
    admission_number = models.CharField(max_length=50, unique=True)
    grade_level = models.CharField(
        max_length=20, choices=GradeLevel.choices, db_index=True
    )
    enrollment_date = models.DateField(default=timezone.localdate, db_index=True)
    is_active = models.BooleanField(default=True, db_default=True)
    # Set by the guardian; the forum app reads it through
    # accounts.selectors.student_forum_access(). Children start read-only.
    forum_access = models.CharField(
        max_length=10,
        choices=ForumAccess.choices,
        default=ForumAccess.READ,
        db_default="read",
        help_text=_("What this learner may do in the forum (set by the parent)."),
    )
    # style, strengths, weaknesses, interests, goals, special_needs
    learning_profile = models.JSONField(
        default=dict, db_default={}, blank=True, validators=[validate_learning_profile]
    )
    competencies = models.JSONField(
        default=dict, db_default={}, blank=True, validators=[validate_json_object]
    )
    overall_performance = models.JSONField(
        default=dict, db_default={}, blank=True, validators=[validate_json_object]
    )

    class Meta:
        db_table = "students"
        ordering = ["admission_number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(grade_level__in=GradeLevel.values),
                name="students_grade_level_valid",
            ),
            models.CheckConstraint(
                condition=Q(forum_access__in=["none", "read", "post"]),
                name="students_forum_access_valid",
            ),
        ]

    def __str__(self):
        return f"{self.admission_number} · {self.user.display_name}"

    def get_absolute_url(self):
        return reverse("child_detail", kwargs={"pk": self.pk})


class AIAgentProfile(BaseModel):
    """How a user's AI assistant introduces itself and answers."""

    DEFAULT_PERSONA = (
        "You are The Bird AI, a warm, patient tutor for Kenyan learners following the "
        "Competency-Based Curriculum. Explain step by step, use local examples, "
        "encourage curiosity and never give answers to assessments outright."
    )

    class ResponseStyle(models.TextChoices):
        CONCISE = "concise", _("Concise")
        DETAILED = "detailed", _("Detailed")
        CONVERSATIONAL = "conversational", _("Conversational")
        ACADEMIC = "academic", _("Academic")

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        KISWAHILI = "sw", _("Kiswahili")

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="ai_agent_profile"
    )
    agent_name = models.CharField(
        max_length=100,
        null=True,
        blank=True,
        default="The Bird AI",
        db_default="The Bird AI",
    )
    avatar_url = models.URLField(max_length=500, null=True, blank=True)
    persona = models.TextField(
        null=True, blank=True, default=DEFAULT_PERSONA, db_default=DEFAULT_PERSONA
    )
    preferred_language = models.CharField(
        max_length=10,
        null=True,
        blank=True,
        choices=Language.choices,
        default=Language.ENGLISH,
        db_default="en",
    )
    expertise_focus = models.JSONField(
        null=True,
        blank=True,
        default=list,
        db_default=[],
        validators=[validate_string_list],
    )
    response_style = models.CharField(
        max_length=20,
        null=True,
        blank=True,
        choices=ResponseStyle.choices,
        default=ResponseStyle.CONVERSATIONAL,
        db_default="conversational",
    )
    quick_action_shortcuts = models.JSONField(
        null=True,
        blank=True,
        default=list,
        db_default=[],
        validators=[validate_quick_actions],
    )
    created_at = models.DateTimeField(
        null=True, default=timezone.now, db_default=Now(), editable=False
    )
    updated_at = models.DateTimeField(null=True, auto_now=True, db_default=Now())

    class Meta:
        db_table = "ai_agent_profiles"
        constraints = [
            models.CheckConstraint(
                condition=Q(response_style__isnull=True)
                | Q(
                    response_style__in=[
                        "concise",
                        "detailed",
                        "conversational",
                        "academic",
                    ]
                ),
                name="ai_agent_profiles_response_style_valid",
            ),
            models.CheckConstraint(
                condition=Q(preferred_language__isnull=True)
                | Q(preferred_language__in=["en", "sw"]),
                name="ai_agent_profiles_preferred_language_valid",
            ),
        ]

    def __str__(self):
        return f"{self.agent_name} for {self.user.email}"


class Notification(BaseModel):
    """A message in a user's in-app inbox (important ones are also emailed)."""

    class Type(models.TextChoices):
        SYSTEM = "system", _("System")
        ACCOUNT = "account", _("Account")
        CHILD_ADDED = "child_added", _("Child added")
        ENROLLMENT = "enrollment", _("Enrollment")
        LESSON = "lesson", _("Lesson")
        ASSESSMENT = "assessment", _("Assessment")
        GRADE = "grade", _("Grade released")
        CERTIFICATE = "certificate", _("Certificate")
        PAYMENT = "payment", _("Payment")
        FORUM = "forum", _("Forum")
        ORDER = "order", _("Order")
        INSTRUCTOR = "instructor", _("Instructor")
        AI_TUTOR = "ai_tutor", _("AI tutor")
        REMINDER = "reminder", _("Reminder")

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="notifications"
    )
    type = models.CharField(max_length=30, choices=Type.choices, db_index=True)
    title = models.CharField(max_length=255)
    message = models.TextField()
    is_read = models.BooleanField(default=False, db_default=False, db_index=True)
    action_url = models.CharField(max_length=500, null=True, blank=True)
    action_label = models.CharField(max_length=100, null=True, blank=True)
    metadata = models.JSONField(
        default=dict, db_default={}, blank=True, validators=[validate_json_object]
    )
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "notifications"
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["user", "is_read", "-created_at"],
                name="notifications_inbox_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    type__in=[
                        "system",
                        "account",
                        "child_added",
                        "enrollment",
                        "lesson",
                        "assessment",
                        "grade",
                        "certificate",
                        "payment",
                        "forum",
                        "order",
                        "instructor",
                        "ai_tutor",
                        "reminder",
                    ]
                ),
                name="notifications_type_valid",
            ),
            models.CheckConstraint(
                condition=Q(is_read=False) | Q(read_at__isnull=False),
                name="notifications_read_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.title} → {self.user.email}"


class ContactMessage(BaseModel):
    """A message sent through the public contact form."""

    name = models.CharField(max_length=200)
    email = models.EmailField(max_length=200)
    subject = models.CharField(max_length=500)
    message = models.TextField()
    is_read = models.BooleanField(default=False, db_default=False, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    reply_message = models.TextField(null=True, blank=True)

    class Meta:
        db_table = "contact_messages"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(replied_at__isnull=True) | Q(reply_message__isnull=False),
                name="contact_messages_reply_has_text",
            ),
        ]

    def __str__(self):
        return f"{self.subject} ({self.email})"


class InstructorApplication(BaseModel):
    """Someone asking to teach; staff approve or reject it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    user = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="instructor_applications",
    )
    full_name = models.CharField(max_length=200)
    email = models.EmailField(max_length=200, db_index=True)
    phone = models.CharField(max_length=50, null=True, blank=True)
    qualifications = models.TextField()
    experience_years = models.PositiveIntegerField(default=0, db_default=0)
    subjects = models.JSONField(
        null=True, blank=True, validators=[validate_string_list]
    )
    bio = models.TextField(null=True, blank=True)
    # Paths in private storage: streamed to staff only, never served publicly.
    cv_url = models.CharField(max_length=500, null=True, blank=True)
    id_document_front_url = models.CharField(max_length=500, null=True, blank=True)
    id_document_back_url = models.CharField(max_length=500, null=True, blank=True)
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.PENDING,
        db_default="pending",
        db_index=True,
    )
    reviewed_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        db_column="reviewed_by",
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_notes = models.TextField(null=True, blank=True)

    class Meta:
        db_table = "instructor_applications"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "approved", "rejected"]),
                name="instructor_applications_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(experience_years__gte=0),
                name="instructor_applications_experience_nonneg",
            ),
            models.UniqueConstraint(
                Lower("email"),
                condition=Q(status="pending"),
                name="instructor_applications_one_open_per_email",
            ),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.get_status_display()})"


class InstructorProfile(BaseModel):
    """Public teaching profile and payout details of an approved instructor."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="instructor_profile"
    )
    headline = models.CharField(max_length=200, blank=True, default="", db_default="")
    bio = models.TextField(blank=True, default="", db_default="")
    qualifications = models.TextField(blank=True, default="", db_default="")
    subjects = models.JSONField(
        default=list, db_default=[], blank=True, validators=[validate_string_list]
    )
    experience_years = models.PositiveIntegerField(default=0, db_default=0)
    payout_phone = models.CharField(
        max_length=16,
        blank=True,
        default="",
        db_default="",
        help_text=_("M-Pesa number for payouts (E.164)."),
    )
    is_verified = models.BooleanField(default=False, db_default=False)
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "instructor_profiles"

    def __str__(self):
        return f"Instructor {self.user.display_name}"


class PartnerProfile(BaseModel):
    """A referral partner (school, NGO, church group) earning the partner share."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="partner_profile"
    )
    organization_name = models.CharField(max_length=200)
    referral_code = models.CharField(max_length=20, unique=True)
    contact_phone = models.CharField(
        max_length=16, blank=True, default="", db_default=""
    )
    website = models.URLField(max_length=500, blank=True, default="", db_default="")
    county = models.CharField(max_length=3, blank=True, default="", db_default="")
    is_active = models.BooleanField(default=True, db_default=True)

    class Meta:
        db_table = "partner_profiles"
        ordering = ["organization_name"]

    def __str__(self):
        return self.organization_name


class ParentalConsent(BaseModel):
    """A guardian's consent to process a child's data (Kenya DPA 2019, s.33).

    Kept as evidence even if the accounts involved go: the snapshots say who
    consented for whom when the foreign keys are cleared.
    """

    student = models.ForeignKey(
        Student,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consents",
    )
    parent = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consents_given",
    )
    parent_email = models.EmailField(
        max_length=255, help_text=_("Snapshot of who consented.")
    )
    child_name = models.CharField(
        max_length=200, help_text=_("Snapshot of the child's name.")
    )
    admission_number = models.CharField(max_length=50)
    policy_version = models.CharField(
        max_length=20, help_text=_("Version of the privacy policy the parent accepted.")
    )
    consented_at = models.DateTimeField(default=timezone.now, db_default=Now())
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True, default="", db_default="")
    # How the child came under this parent: added directly or paired by code.
    method = models.CharField(
        max_length=20,
        choices=[
            ("child_added", _("Child added")),
            ("pairing_code", _("Pairing code")),
        ],
    )

    class Meta:
        db_table = "parental_consents"
        ordering = ["-consented_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(policy_version=""),
                name="parental_consents_policy_version_set",
            ),
            models.CheckConstraint(
                condition=Q(method__in=["child_added", "pairing_code"]),
                name="parental_consents_method_valid",
            ),
        ]

    def __str__(self):
        return (
            f"{self.parent_email} for {self.child_name} (policy {self.policy_version})"
        )


PAIRING_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L


class PairingCode(BaseModel):
    """A six-character code a student gives a parent to link the accounts."""

    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="pairing_codes"
    )
    code = models.CharField(max_length=6)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        db_table = "student_pairing_codes"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(used_at__isnull=True),
                name="student_pairing_codes_unused_code_uniq",
            ),
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-HJKMNP-Z2-9]{6}$"),
                name="student_pairing_codes_code_format",
            ),
            models.CheckConstraint(
                condition=Q(used_by__isnull=True) | Q(used_at__isnull=False),
                name="student_pairing_codes_used_has_time",
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="student_pairing_codes_expires_after_creation",
            ),
        ]

    def __str__(self):
        return f"{self.code} for {self.student.admission_number}"

    def is_usable(self, *, now=None) -> bool:
        return self.used_at is None and self.expires_at > (now or timezone.now())


class AccountDeletion(BaseModel):
    """A user's request to delete their account (and their children's).

    The accounts are soft-deleted when the request is made; staff restore
    them all at once from this record.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="deletion_requests"
    )
    # Every user soft-deleted by this request: the requester and, for a
    # parent, the children's accounts (list of user id strings).
    covered_user_ids = models.JSONField(
        default=list, db_default=[], validators=[validate_string_list]
    )
    reason = models.TextField(blank=True, default="", db_default="")
    restored_at = models.DateTimeField(null=True, blank=True)
    restored_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        db_table = "account_deletions"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(restored_by__isnull=True) | Q(restored_at__isnull=False),
                name="account_deletions_restored_has_time",
            ),
        ]

    def __str__(self):
        state = _("restored") if self.restored_at else _("deleted")
        return f"{self.user.email} ({state} {self.created_at:%Y-%m-%d})"
