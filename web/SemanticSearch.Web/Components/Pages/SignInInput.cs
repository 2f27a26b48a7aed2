using System.ComponentModel.DataAnnotations;

namespace SemanticSearch.Web.Components.Pages;

/// <summary>The admin sign-in form.</summary>
public sealed class SignInInput
{
    /// <summary>The admin or viewer key as typed.</summary>
    [Required(ErrorMessage = "Enter the key.")]
    public string? Key { get; set; }
}
