using SemanticSearch.Crawler.Web;

namespace SemanticSearch.Crawler.Tests.Web;

public sealed class RobotsRulesTests
{
    private const string Agent = "SemanticSearchBot/1.0";

    [Fact]
    public void Star_group_applies_when_no_group_names_us()
    {
        var rules = RobotsRules.Parse("User-agent: *\nDisallow: /private/\n", Agent);
        Assert.False(rules.IsAllowed("/private/a.jpg"));
        Assert.True(rules.IsAllowed("/public/a.jpg"));
    }

    [Fact]
    public void Our_group_replaces_the_star_group()
    {
        var text = "User-agent: *\nDisallow: /\n\nUser-agent: semanticsearchbot\nDisallow: /secret\n";
        var rules = RobotsRules.Parse(text, Agent);
        Assert.True(rules.IsAllowed("/gallery/a.jpg"));
        Assert.False(rules.IsAllowed("/secret/a.jpg"));
    }

    [Fact]
    public void Longest_match_wins_and_allow_wins_ties()
    {
        var text = "User-agent: *\nDisallow: /img/\nAllow: /img/public/\nDisallow: /x\nAllow: /x\n";
        var rules = RobotsRules.Parse(text, Agent);
        Assert.False(rules.IsAllowed("/img/a.png"));
        Assert.True(rules.IsAllowed("/img/public/a.png"));
        Assert.True(rules.IsAllowed("/x/y"));
    }

    [Fact]
    public void Wildcards_and_end_anchor()
    {
        var rules = RobotsRules.Parse("User-agent: *\nDisallow: /*.gif$\nDisallow: /tmp*/cache\n", Agent);
        Assert.False(rules.IsAllowed("/a/b.gif"));
        Assert.True(rules.IsAllowed("/a/b.gif?x=1"));
        Assert.False(rules.IsAllowed("/tmp123/cache/x"));
        Assert.True(rules.IsAllowed("/tmp/other"));
    }

    [Fact]
    public void Comments_empty_disallow_and_consecutive_agent_lines()
    {
        var text = "# hello\nUser-agent: other\nUser-agent: SemanticSearchBot # us\nDisallow: /a # no\n\nUser-agent: *\nDisallow:\n";
        var rules = RobotsRules.Parse(text, Agent);
        Assert.False(rules.IsAllowed("/a/b"));
        Assert.True(rules.IsAllowed("/b"));
        Assert.True(RobotsRules.Parse("User-agent: *\nDisallow:\n", Agent).IsAllowed("/anything"));
    }

    [Fact]
    public void Robots_txt_itself_is_always_allowed_and_disallow_all_blocks_the_rest()
    {
        Assert.True(RobotsRules.DisallowAll.IsAllowed("/robots.txt"));
        Assert.False(RobotsRules.DisallowAll.IsAllowed("/index.html"));
        Assert.True(RobotsRules.AllowAll.IsAllowed("/index.html"));
    }
}
