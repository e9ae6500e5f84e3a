"""Users, their roles, and the managers that hide deleted ones."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from urbanhome.core.models import AliveQuerySet, SoftDeleteModel

from ..validators import (
    validate_json_object,
)


class UserQuerySet(AliveQuerySet):
    """Queries on users; the default manager hides soft-deleted ones."""


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

    # The role as last read from or written to the database (see save()).
    _saved_role: str | None = None

    @classmethod
    def from_db(cls, db, field_names, values):
        user = super().from_db(db, field_names, values)
        user._saved_role = user.__dict__.get("role")
        return user

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        previous_role = self._saved_role
        update_fields = kwargs.get("update_fields")
        role_saved = update_fields is None or "role" in update_fields
        role_changed = role_saved and (self._state.adding or self.role != previous_role)
        if role_changed and self.role in (self.Role.STAFF, self.Role.ADMIN):
            self.is_staff = True  # staff run the school from the admin
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "is_staff"}
        super().save(*args, **kwargs)
        if role_changed:
            from ..services.staff import user_staff_group_sync

            user_staff_group_sync(user=self, previous_role=previous_role)
            self._saved_role = self.role

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

    @property
    def is_instructor_only(self) -> bool:
        """A course author who is not staff: the admin shows them their own rows."""
        return self.role == self.Role.INSTRUCTOR and not self.is_platform_staff
