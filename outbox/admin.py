from django.contrib import admin

from outbox.models import OutgoingEmail


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """Staff see what waits for the mail server and why; they do not write e-mails here."""

    list_display = ("key", "status", "attempts", "next_attempt_at", "sent_at", "last_error")
    list_filter = ("status",)
    search_fields = ("key",)
    readonly_fields = [field.name for field in OutgoingEmail._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
