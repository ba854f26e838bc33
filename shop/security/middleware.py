"""Security headers Django does not send by itself.

The Content-Security-Policy comes from django-csp (settings.CONTENT_SECURITY_POLICY); this
module only picks the relaxed policy for Wagtail's admin and adds Permissions-Policy.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.utils.deprecation import MiddlewareMixin


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with one policy per area of the site.

    Wagtail's admin (/cms/) writes inline <script> tags in its widgets and panels
    (date pickers, inline panels, workflow forms) without a nonce, so it gets
    settings.CONTENT_SECURITY_POLICY_CMS: the same origins, plus 'unsafe-inline' scripts
    and framing by our own pages (its preview panel). Every other page gets the strict,
    nonce-based policy.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(settings.CSP_RELAXED_PATH_PREFIXES):
            parts.config = settings.CONTENT_SECURITY_POLICY_CMS["DIRECTIVES"]
            # A nonce in script-src makes browsers ignore 'unsafe-inline'.
            parts.nonce = None
        return parts


class PermissionsPolicyMiddleware(MiddlewareMixin):
    """Sends settings.PERMISSIONS_POLICY: browser features our pages may use, by origin."""

    def process_response(self, request, response):
        policy = settings.PERMISSIONS_POLICY
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = ", ".join(
                f"{feature}=({' '.join(origins)})" for feature, origins in policy.items()
            )
        return response
