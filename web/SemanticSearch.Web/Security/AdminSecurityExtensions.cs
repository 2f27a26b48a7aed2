using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace SemanticSearch.Web.Security;

/// <summary>Registers admin authentication (API key header, session cookie, loopback fallback) and the admin policy.</summary>
public static class AdminSecurityExtensions
{
    /// <summary>Adds the schemes, the <see cref="AdminAuth.Policy"/> policy and <see cref="AdminKey"/>.</summary>
    public static IServiceCollection AddAdminSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AdminKey>();

        services.AddAuthentication(AdminAuth.SelectorScheme)
            .AddPolicyScheme(AdminAuth.SelectorScheme, "Admin (header, cookie or loopback)", o =>
            {
                o.ForwardDefaultSelector = context =>
                {
                    // The API never honours the cookie, so a signed-in browser cannot be tricked into admin calls.
                    if (AdminAuth.IsApiRequest(context) || context.Request.Headers.ContainsKey(AdminAuth.HeaderName))
                        return AdminAuth.ApiKeyScheme;
                    var key = context.RequestServices.GetRequiredService<AdminKey>();
                    return key.IsConfigured ? AdminAuth.CookieScheme : AdminAuth.ApiKeyScheme;
                };
            })
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
                o.Events = new CookieAuthenticationEvents { OnValidatePrincipal = RejectOutdatedKeyAsync };
            });
        services.AddOptions<CookieAuthenticationOptions>(AdminAuth.CookieScheme)
            .Configure<Microsoft.Extensions.Options.IOptions<AdminOptions>>((cookie, admin) =>
                cookie.ExpireTimeSpan = TimeSpan.FromHours(admin.Value.SessionHours));

        services.AddAuthorizationBuilder()
            .AddPolicy(AdminAuth.Policy, policy => policy.RequireAuthenticatedUser().RequireRole(AdminAuth.Role));
        return services;
    }

    /// <summary>A session signed in with a key that is no longer configured ends at once.</summary>
    private static async Task RejectOutdatedKeyAsync(CookieValidatePrincipalContext context)
    {
        var key = context.HttpContext.RequestServices.GetRequiredService<AdminKey>();
        var claim = context.Principal?.FindFirst(AdminAuth.KeyClaim)?.Value;
        if (!key.IsConfigured || claim != key.Fingerprint)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AdminAuth.CookieScheme);
        }
    }
}
