namespace SemanticSearch.Crawler.Web;

/// <summary>
/// The robots.txt rules that apply to one user agent (RFC 9309): the groups naming our product token, or else the
/// "*" groups; the longest matching Allow/Disallow pattern wins, Allow on a tie; '*' and a trailing '$' are supported.
/// </summary>
internal sealed class RobotsRules
{
    private readonly List<(string Pattern, bool Allow)> _rules;

    private RobotsRules(List<(string Pattern, bool Allow)> rules) => _rules = rules;

    /// <summary>No robots.txt (or a 4xx answer): everything may be fetched.</summary>
    public static RobotsRules AllowAll { get; } = new([]);

    /// <summary>robots.txt could not be fetched (5xx, network): assume nothing may be fetched, as RFC 9309 asks.</summary>
    public static RobotsRules DisallowAll { get; } = new([("/", false)]);

    /// <summary>Parses robots.txt for the agent whose User-Agent header is <paramref name="userAgent"/>.</summary>
    public static RobotsRules Parse(string text, string userAgent)
    {
        var token = ProductToken(userAgent);
        var specific = new List<(string, bool)>();
        var general = new List<(string, bool)>();
        var matchesUs = false;
        var matchesStar = false;
        var sawAgentLine = false;
        var inRules = false;
        var anySpecificGroup = false;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine;
            var hash = line.IndexOf('#');
            if (hash >= 0)
                line = line[..hash];
            var colon = line.IndexOf(':');
            if (colon < 0)
                continue;
            var field = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            switch (field)
            {
                case "user-agent":
                    if (inRules || !sawAgentLine)
                    {
                        // A user-agent line after rules starts a new group.
                        matchesUs = false;
                        matchesStar = false;
                        inRules = false;
                    }
                    sawAgentLine = true;
                    var agent = value.ToLowerInvariant();
                    if (agent == "*")
                        matchesStar = true;
                    else if (agent.Length > 0 && (token.Contains(agent, StringComparison.Ordinal) || agent.Contains(token, StringComparison.Ordinal)))
                    {
                        matchesUs = true;
                        anySpecificGroup = true;
                    }
                    break;
                case "allow":
                case "disallow":
                    inRules = true;
                    if (value.Length == 0)
                        break; // "Disallow:" with nothing allows everything: no rule.
                    var rule = (value, field == "allow");
                    if (matchesUs)
                        specific.Add(rule);
                    if (matchesStar)
                        general.Add(rule);
                    break;
            }
        }
        return new RobotsRules(anySpecificGroup ? specific : general);
    }

    /// <summary>True when the path (with query) may be fetched.</summary>
    public bool IsAllowed(string pathAndQuery)
    {
        if (string.IsNullOrEmpty(pathAndQuery))
            pathAndQuery = "/";
        if (pathAndQuery.Equals("/robots.txt", StringComparison.OrdinalIgnoreCase))
            return true;
        var bestLength = -1;
        var allowed = true;
        foreach (var (pattern, allow) in _rules)
        {
            if (!Matches(pattern, pathAndQuery))
                continue;
            if (pattern.Length > bestLength || (pattern.Length == bestLength && allow))
            {
                bestLength = pattern.Length;
                allowed = allow;
            }
        }
        return allowed;
    }

    private static string ProductToken(string userAgent)
    {
        var token = userAgent.Trim();
        var end = token.IndexOfAny(['/', ' ']);
        return (end > 0 ? token[..end] : token).ToLowerInvariant();
    }

    /// <summary>Prefix match with '*' for any run of characters and '$' anchoring the end.</summary>
    internal static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        if (anchored)
            pattern = pattern[..^1];
        return Match(pattern, 0, path, 0, anchored);
    }

    private static bool Match(string pattern, int pi, string path, int si, bool anchored)
    {
        while (pi < pattern.Length)
        {
            if (pattern[pi] == '*')
            {
                while (pi < pattern.Length && pattern[pi] == '*')
                    pi++;
                if (pi == pattern.Length)
                    return true;
                for (var k = si; k <= path.Length; k++)
                {
                    if (Match(pattern, pi, path, k, anchored))
                        return true;
                }
                return false;
            }
            if (si >= path.Length || pattern[pi] != path[si])
                return false;
            pi++;
            si++;
        }
        return !anchored || si == path.Length;
    }
}
