from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .roles import Role, is_coordinator


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("Een gebruiker heeft een e-mailadres nodig.")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A login. E-mail is the identifier; the person behind it is `person` (core.Person)."""

    username = None
    email = models.EmailField(_("e-mailadres"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def has_role(self, *roles: Role) -> bool:
        """True when the user holds one of `roles`. A superuser counts as coordinator."""
        if not self.is_active:
            return False
        if self.is_superuser and Role.COORDINATOR in roles:
            return True
        wanted = {role.group_name for role in roles}
        cached = getattr(self, "_role_group_names", None)
        if cached is None:
            cached = set(self.groups.values_list("name", flat=True))
            self._role_group_names = cached
        return bool(wanted & cached)

    @property
    def is_coordinator(self) -> bool:
        """For templates (`user.is_coordinator`); code asks roles.is_coordinator(user)."""
        return is_coordinator(self)
