namespace SemanticSearch.Web.Security;

/// <summary>One client's failed key and sign-in attempts in the current minute, and what is not yet logged.</summary>
internal sealed class AttemptWindow(DateTimeOffset start)
{
    public DateTimeOffset Start { get; set; } = start;

    public int Failures { get; set; }

    public DateTimeOffset LastLogged { get; set; } = DateTimeOffset.MinValue;

    public int UnloggedFailures { get; set; }

    public int UnloggedRefusals { get; set; }
}
