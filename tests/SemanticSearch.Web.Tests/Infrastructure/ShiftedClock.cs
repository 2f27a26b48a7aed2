namespace SemanticSearch.Web.Tests.Infrastructure;

/// <summary>The system clock moved forward by <see cref="Offset"/>: lets a test let hours pass (session expiry).</summary>
internal sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
