"""/q/<code>: the short tracked links printed as QR codes on the info point (namespace "qr")."""

app_name = "qr"

urlpatterns: list = []
