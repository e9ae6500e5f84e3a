"""Sign-up that never tells whether an email address is registered.

allauth hides a taken address only when verification is mandatory; here a
sign-up always waits for the emailed link (whatever ACCOUNT_EMAIL_VERIFICATION
says about later logins), so a new address and a registered one get the same
"check your email" page, and the owner of a registered one gets an email
saying someone tried to sign up with it.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

from allauth.account import app_settings
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.account.stages import EmailVerificationStage


class SignupForm(AllauthSignupForm):
    """allauth's sign-up form (ACCOUNT_FORMS["signup"]), enumeration-safe."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # users.email holds 254 characters (the longest deliverable address);
        # a longer one gets a form error instead of a database error.
        email = self.fields["email"]
        email.max_length = 254
        email.validators.append(MaxLengthValidator(254))
        email.widget.attrs["maxlength"] = "254"

    def validate_unique_email(self, value):
        try:
            return super().validate_unique_email(value)
        except ValidationError as exc:
            if exc.code != "email_taken":
                raise
            # try_save() then mails the owner instead of creating an account.
            self.account_already_exists = True
            return value


class SignupEmailVerificationStage(EmailVerificationStage):
    """At sign-up, stop at "check your email" as mandatory verification does."""

    def handle(self):
        login = self.login
        if (
            login.signup
            and login.email_verification
            == app_settings.EmailVerificationMethod.OPTIONAL
        ):
            login.email_verification = app_settings.EmailVerificationMethod.MANDATORY
        return super().handle()
