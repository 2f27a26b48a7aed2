using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace SemanticSearch.Web.Security;

/// <summary>
/// Registers access control: the key header, loopback admin and session cookie (one default scheme), the admin and
/// viewer policies, private mode, server-side sessions and the throttle on wrong keys.
/// </summary>
public static class AdminSecurityExtensions
{
    /// <summary>Adds the schemes, policies, options and services of admin and viewer access.</summary>
    public static IServiceCollection AddAdminSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AccessOptions>().Bind(configuration.GetSection(AccessOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AdminKey>();
        services.AddSingleton<ViewerKey>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<SessionRegistry>();
        services.AddSingleton<KeySignIn>();
        services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();

        services.AddAuthentication(AdminAuth.ApiKeyScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AdminAuth.ApiKeyScheme, null)
            .AddCookie(AdminAuth.CookieScheme, o =>
            {
                o.Cookie.Name = ".SemanticSearch.Admin";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = AdminAuth.SignInPath;
                o.AccessDeniedPath = AdminAuth.SignInPath;
                o.ReturnUrlParameter = "returnUrl";
                o.SlidingExpiration = true;
                o.Events = new CookieAuthenticationEvents { OnValidatePrincipal = RejectEndedSessionAsync };
            });
        services.AddOptions<CookieAuthenticationOptions>(AdminAuth.CookieScheme)
            .Configure<IOptions<AccessOptions>>((cookie, access) => cookie.ExpireTimeSpan = TimeSpan.FromHours(access.Value.SessionHours));

        var viewer = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(AdminAuth.Role, AdminAuth.ViewerRole).Build();
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminAuth.Policy, policy => policy.RequireAuthenticatedUser().RequireRole(AdminAuth.Role))
            .AddPolicy(AdminAuth.ViewerPolicy, viewer);
        // Private mode: whatever is not marked [AllowAnonymous] (health, sign-in, static files) needs a viewer or admin.
        services.AddOptions<AuthorizationOptions>().Configure<IOptions<AccessOptions>>((authorization, access) =>
        {
            if (access.Value.Mode == AccessMode.Private)
                authorization.FallbackPolicy = viewer;
        });
        return services;
    }

    /// <summary>A cookie whose session was signed out, expired, or signed in with a key no longer configured ends at once.</summary>
    private static async Task RejectEndedSessionAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var principal = context.Principal;
        var fingerprint = principal?.IsInRole(AdminAuth.Role) == true
            ? services.GetRequiredService<AdminKey>().Fingerprint
            : services.GetRequiredService<ViewerKey>().Fingerprint;
        var session = principal?.FindFirst(AdminAuth.SessionClaim)?.Value;
        if (fingerprint is null || principal?.FindFirst(AdminAuth.KeyClaim)?.Value != fingerprint
            || !services.GetRequiredService<SessionRegistry>().Touch(session))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AdminAuth.CookieScheme);
        }
    }
}
