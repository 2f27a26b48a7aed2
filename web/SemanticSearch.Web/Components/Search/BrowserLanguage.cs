using Microsoft.JSInterop;
using Microsoft.Net.Http.Headers;
using SemanticSearch.Core.Search;

namespace SemanticSearch.Web.Components.Search;

/// <summary>
/// The language the visitor's browser prefers, for multilingual models: Accept-Language while prerendering,
/// <c>navigator.language</c> (app.js) over the circuit. Empty when unknown or not a well-formed tag.
/// </summary>
public static class BrowserLanguage
{
    /// <summary>Reads the language once; never throws for a browser that cannot tell.</summary>
    public static async Task<string> ReadAsync(IJSRuntime js, HttpContext? prerendering)
    {
        if (prerendering is not null)
            return FromAcceptLanguage(prerendering.Request.Headers.AcceptLanguage.ToString());
        try
        {
            var language = await js.InvokeAsync<string?>("semsearch.language");
            return LanguageTag.IsWellFormed(language) ? language! : string.Empty;
        }
        catch (Exception e) when (e is JSException or InvalidOperationException or TaskCanceledException or JSDisconnectedException)
        {
            return string.Empty;
        }
    }

    /// <summary>The most preferred well-formed tag of an Accept-Language header ("de-CH,de;q=0.9" → "de-CH").</summary>
    public static string FromAcceptLanguage(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > 1024
            || !StringWithQualityHeaderValue.TryParseList(header.Split(','), out var values))
            return string.Empty;
        return values
            .Where(v => v.Quality is not 0 && LanguageTag.IsWellFormed(v.Value.Value))
            .OrderByDescending(v => v.Quality ?? 1)
            .Select(v => v.Value.Value!)
            .FirstOrDefault() ?? string.Empty;
    }
}
