namespace SemanticSearch.Web.Security;

/// <summary>Who may search and see images.</summary>
public enum AccessMode
{
    /// <summary>Anyone who can reach the host searches and sees images (the demo default); admin still needs a key.</summary>
    Public,

    /// <summary>Every page and API except <c>/health</c> and the sign-in page needs a signed-in viewer or admin.</summary>
    Private,
}
