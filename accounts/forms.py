"""Forms of the accounts pages (rendered with crispy-forms)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from urbanhome.core.cbc import GradeLevel

from .models import AIAgentProfile, Student, User
from .validators import (
    LEARNING_PROFILE_MAX_ACCOMMODATIONS_LENGTH,
    LEARNING_PROFILE_MAX_SPECIAL_NEEDS_LENGTH,
    validate_learning_profile_items,
    validate_single_line,
)

GRADE_CHOICES = [("", _("Choose a grade")), *GradeLevel.choices]


def _split_list(value: str) -> list[str]:
    return [
        part.strip()
        for part in (value or "").replace("\n", ",").split(",")
        if part.strip()
    ]


def _split_lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def _policy_label_html(text: str) -> SafeString:
    link = format_html(
        '<a href="{}" target="_blank" rel="noopener">{}</a>',
        reverse("privacy"),
        gettext("privacy policy"),
    )
    return format_html(gettext(text), policy=link)


# A consent label citing the privacy policy links to it (opening a new tab,
# so the form is not lost); translated when shown, not at import.
_policy_label = lazy(_policy_label_html, SafeString)


class SignupForm(forms.Form):
    """Extra sign-up fields; allauth adds email and passwords (ACCOUNT_SIGNUP_FORM_CLASS)."""

    ACCOUNT_TYPES = [
        (User.Role.PARENT, _("Parent or guardian (I manage my children's learning)")),
        (User.Role.STUDENT, _("Adult learner (I study myself)")),
    ]

    first_name = forms.CharField(
        label=_("First name"), max_length=100, validators=[validate_single_line]
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=100, validators=[validate_single_line]
    )
    account_type = forms.ChoiceField(
        label=_("I am signing up as"),
        choices=ACCOUNT_TYPES,
        initial=User.Role.PARENT,
        widget=forms.RadioSelect,
    )
    grade_level = forms.ChoiceField(
        label=_("Level you want to study (adult learners)"),
        choices=GRADE_CHOICES,
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("account_type") == User.Role.STUDENT and not cleaned.get(
            "grade_level"
        ):
            self.add_error("grade_level", _("Choose the level you want to study at."))
        return cleaned

    def signup(self, request, user):
        """allauth calls this; the adapter already saved role and names."""


class _PasswordPairMixin(forms.Form):
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def _password_user(self):
        return None

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords do not match."))
        elif p1:
            try:
                password_validation.validate_password(p1, self._password_user())
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


class _LearningProfileFields(forms.Form):
    style = forms.ChoiceField(
        label=_("Learning style"),
        required=False,
        choices=[
            ("", _("Not sure yet")),
            ("visual", _("Visual (pictures, diagrams)")),
            ("auditory", _("Auditory (listening, discussion)")),
            ("reading_writing", _("Reading and writing")),
            ("kinesthetic", _("Hands-on (doing, building)")),
        ],
    )
    # Whole-field caps stop huge posts early; clean_<list>() checks the items
    # against the model's shape validator (validate_learning_profile).
    strengths = forms.CharField(
        label=_("Strengths"),
        required=False,
        max_length=1000,
        help_text=_("Separate with commas."),
    )
    interests = forms.CharField(
        label=_("Interests"),
        required=False,
        max_length=1000,
        help_text=_("Separate with commas."),
    )
    goals = forms.CharField(
        label=_("Goals"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line."),
    )
    special_needs = forms.CharField(
        label=_("Special needs or support"),
        required=False,
        max_length=LEARNING_PROFILE_MAX_SPECIAL_NEEDS_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Anything that helps us support your child. Only you and our staff see this."
        ),
    )
    accommodations = forms.CharField(
        label=_("What your child's teachers should know"),
        required=False,
        max_length=LEARNING_PROFILE_MAX_ACCOMMODATIONS_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "For example: extra time on tests, large print, short breaks. The "
            "instructors of your child's courses see this with your child's name "
            "and grade, and nothing else from this page."
        ),
    )
    forum_access = forms.ChoiceField(
        label=_("Forum"),
        choices=Student.ForumAccess.choices,
        initial=Student.ForumAccess.READ,
    )

    def clean_strengths(self):
        validate_learning_profile_items(_split_list(self.cleaned_data["strengths"]))
        return self.cleaned_data["strengths"]

    def clean_interests(self):
        validate_learning_profile_items(_split_list(self.cleaned_data["interests"]))
        return self.cleaned_data["interests"]

    def clean_goals(self):
        validate_learning_profile_items(_split_lines(self.cleaned_data["goals"]))
        return self.cleaned_data["goals"]

    def learning_profile(self) -> dict:
        c = self.cleaned_data
        return {
            "style": c.get("style", ""),
            "strengths": _split_list(c.get("strengths", "")),
            "interests": _split_list(c.get("interests", "")),
            "goals": _split_lines(c.get("goals", "")),
            "special_needs": c.get("special_needs", ""),
            "accommodations": c.get("accommodations", ""),
        }


class ChildCreateForm(_LearningProfileFields, _PasswordPairMixin):
    first_name = forms.CharField(
        label=_("Child's first name"), max_length=100, validators=[validate_single_line]
    )
    last_name = forms.CharField(
        label=_("Child's last name"),
        max_length=100,
        required=False,
        validators=[validate_single_line],
    )
    grade_level = forms.ChoiceField(label=_("Grade"), choices=GRADE_CHOICES)
    login_name = forms.CharField(
        label=_("Login name (optional)"),
        max_length=40,
        required=False,
        help_text=_(
            "Your child logs in with <name>@kids.urbanhomeschool.co.ke. Leave empty and we pick one."
        ),
    )
    consent = forms.BooleanField(
        label=_policy_label(
            gettext_noop(
                "I am this child's parent or guardian and I consent to Urban Home "
                "School processing my child's data as described in the {policy}."
            )
        ),
        required=True,
    )

    field_order = [
        "first_name",
        "last_name",
        "grade_level",
        "login_name",
        "password1",
        "password2",
        "style",
        "strengths",
        "interests",
        "goals",
        "special_needs",
        "accommodations",
        "forum_access",
        "consent",
    ]


class ChildUpdateForm(_LearningProfileFields):
    first_name = forms.CharField(
        label=_("First name"), max_length=100, validators=[validate_single_line]
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        required=False,
        validators=[validate_single_line],
    )
    grade_level = forms.ChoiceField(label=_("Grade"), choices=GRADE_CHOICES)

    field_order = ["first_name", "last_name", "grade_level"]

    @classmethod
    def initial_for(cls, student: Student) -> dict:
        lp = student.learning_profile or {}

        def joined(key, sep):
            value = lp.get(key) or []
            return sep.join(value) if isinstance(value, list) else str(value)

        return {
            "first_name": student.user.first_name,
            "last_name": student.user.last_name,
            "grade_level": student.grade_level,
            "style": lp.get("style", ""),
            "strengths": joined("strengths", ", "),
            "interests": joined("interests", ", "),
            "goals": joined("goals", "\n"),
            "special_needs": lp.get("special_needs", ""),
            "accommodations": lp.get("accommodations", ""),
            "forum_access": student.forum_access,
        }


class ChildPasswordForm(_PasswordPairMixin):
    def __init__(self, *args, child: User, **kwargs):
        self.child = child
        super().__init__(*args, **kwargs)

    def _password_user(self):
        return self.child


class PairingRedeemForm(forms.Form):
    code = forms.CharField(
        label=_("Pairing code"),
        max_length=12,
        help_text=_("The six characters your child sees under “Link a parent”."),
    )
    consent = forms.BooleanField(
        label=_policy_label(
            gettext_noop(
                "I am this learner's parent or guardian and consent to the "
                "processing of their data as described in the {policy}."
            )
        ),
        required=True,
    )


class AIAgentProfileForm(forms.ModelForm):
    expertise_focus_text = forms.CharField(
        label=_("Expertise focus"),
        required=False,
        help_text=_(
            "Learning areas to focus on, separated by commas (e.g. Mathematics, Kiswahili)."
        ),
    )
    shortcuts_text = forms.CharField(
        label=_("Quick-action shortcuts"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One per line: label | prompt (e.g. Explain simply | Explain this like I am ten)."
        ),
    )

    class Meta:
        model = AIAgentProfile
        fields = [
            "agent_name",
            "avatar_url",
            "persona",
            "preferred_language",
            "response_style",
        ]
        widgets = {"persona": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agent_name"].required = True
        self.fields["preferred_language"].required = True
        self.fields["response_style"].required = True
        self.fields["preferred_language"].choices = AIAgentProfile.Language.choices
        self.fields["response_style"].choices = AIAgentProfile.ResponseStyle.choices
        profile = self.instance
        self.initial.setdefault(
            "expertise_focus_text", ", ".join(profile.expertise_focus or [])
        )
        self.initial.setdefault(
            "shortcuts_text",
            "\n".join(
                f"{s['label']} | {s['prompt']}"
                for s in (profile.quick_action_shortcuts or [])
            ),
        )

    def clean_expertise_focus_text(self):
        items = _split_list(self.cleaned_data["expertise_focus_text"])
        if len(items) > 10 or any(len(i) > 60 for i in items):
            raise forms.ValidationError(_("At most 10 areas of 60 characters each."))
        return items

    def clean_shortcuts_text(self):
        shortcuts = []
        for number, line in enumerate(
            self.cleaned_data["shortcuts_text"].splitlines(), start=1
        ):
            if not line.strip():
                continue
            label, sep, prompt = line.partition("|")
            if not sep or not label.strip() or not prompt.strip():
                raise forms.ValidationError(
                    _("Line %(n)s: write it as label | prompt."), params={"n": number}
                )
            shortcuts.append(
                {"label": label.strip()[:40], "prompt": prompt.strip()[:500]}
            )
        if len(shortcuts) > 8:
            raise forms.ValidationError(_("At most 8 shortcuts."))
        return shortcuts

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["expertise_focus"] = self.cleaned_data["expertise_focus_text"]
        data["quick_action_shortcuts"] = self.cleaned_data["shortcuts_text"]
        return data


class ContactForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"), max_length=200, validators=[validate_single_line]
    )
    email = forms.EmailField(label=_("Your email"), max_length=200)
    # One line: the reply's Subject header repeats it.
    subject = forms.CharField(
        label=_("Subject"), max_length=500, validators=[validate_single_line]
    )
    message = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    # Honeypot: hidden from people by CSS and aria-hidden; bots fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class InstructorApplicationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("Email"), max_length=200)
    phone = forms.CharField(label=_("Mobile number"), max_length=20, required=False)
    qualifications = forms.CharField(
        label=_("Qualifications"), widget=forms.Textarea(attrs={"rows": 3})
    )
    experience_years = forms.IntegerField(
        label=_("Years of teaching experience"), min_value=0, max_value=60
    )
    subjects = forms.CharField(
        label=_("Subjects you teach"),
        help_text=_("Separate with commas."),
        max_length=500,
    )
    bio = forms.CharField(
        label=_("About you"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
    )
    cv = forms.FileField(label=_("CV (PDF, at most 5 MB)"))
    id_front = forms.FileField(label=_("ID, front (JPEG or PNG, at most 5 MB)"))
    id_back = forms.FileField(
        label=_("ID, back (JPEG or PNG, optional)"), required=False
    )

    def clean_phone(self):
        from urbanhome.core.phone import normalize_ke_phone

        phone = self.cleaned_data["phone"]
        return normalize_ke_phone(phone) if phone else ""

    def clean_subjects(self):
        subjects = _split_list(self.cleaned_data["subjects"])
        if not subjects:
            raise forms.ValidationError(_("Name at least one subject."))
        return subjects

    def clean_cv(self):
        from .validators import validate_pdf_upload

        validate_pdf_upload(self.cleaned_data["cv"])
        return self.cleaned_data["cv"]

    def clean_id_front(self):
        from .validators import validate_id_image_upload

        validate_id_image_upload(self.cleaned_data["id_front"])
        return self.cleaned_data["id_front"]

    def clean_id_back(self):
        from .validators import validate_id_image_upload

        uploaded = self.cleaned_data.get("id_back")
        if uploaded:
            validate_id_image_upload(uploaded)
        return uploaded or None


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    reason = forms.CharField(
        label=_("Why are you leaving? (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password is not right."))
        return password
