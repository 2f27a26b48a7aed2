using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace SemanticSearch.Web.Hosting;

/// <summary>
/// The search endpoints' rate-limit policy: each client's bucket in <see cref="SearchAdmission"/>, which the search page
/// also uses, configured by <see cref="RateLimitingOptions"/>.
/// </summary>
public static class RateLimitingSetup
{
    /// <summary>Policy name the search endpoints require.</summary>
    public const string SearchPolicy = "search";

    /// <summary>Registers the rate limiter and its 429 problem response.</summary>
    public static IServiceCollection AddSearchRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitingOptions>().Bind(configuration.GetSection(RateLimitingOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SearchAdmission>();
        services.AddScoped<SearchClient>();
        services.AddHttpContextAccessor();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = WriteRejectionAsync;
            limiter.AddPolicy(SearchPolicy, http =>
            {
                var client = SearchAdmission.ClientOf(http);
                return RateLimitPartition.Get(client, key => new SearchAdmissionLimiter(
                    http.RequestServices.GetRequiredService<SearchAdmission>(), key, TimeProvider.System));
            });
        });
        return services;
    }

    private static async ValueTask WriteRejectionAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        // SearchAdmission logs the refusal.
        http.Response.Headers.RetryAfter = SearchAdmission.RetryAfterSeconds(context.Lease).ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = "Too many searches from this address; wait a moment and try again (see Retry-After).",
            },
        });
    }
}
