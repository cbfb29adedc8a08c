"""The role sets of campaign views, declared once (use with RoleRequiredMixin/role_required)."""

from steunpunt.accounts.roles import Role

# A school's own campaign pages: its contacts, and coordinators acting on its behalf.
SCHOOL_ROLES = (Role.SCHOOL_CONTACT, Role.COORDINATOR)
# The staff pages of the campaigns (orders, mailings, folders in batch, reports).
STAFF_ROLES = (Role.COORDINATOR,)
