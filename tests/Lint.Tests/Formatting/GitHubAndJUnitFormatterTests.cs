using System.Text.RegularExpressions;
using System.Xml.Linq;
using Lint.Formatting;

namespace Lint.Tests.Formatting;

/// <summary>The github workflow commands and the JUnit XML, checked beyond their golden files.</summary>
public sealed partial class GitHubAndJUnitFormatterTests
{
    [GeneratedRegex("^::(error|warning) file=([^,:]*),line=([0-9]+),col=([0-9]+),title=([^,:]*)::(.*)$")]
    private static partial Regex CommandLine();

    [Fact]
    public void GitHubWritesOneCommandLinePerFindingThenTheSummary()
    {
        var lines = SampleReport.Render("github").Split('\n');
        var findings = SampleReport.Findings();
        Assert.Equal(findings.Count + 2, lines.Length); // the commands, the summary, and the empty string after the last newline
        for (int i = 0; i < findings.Count; i++)
        {
            var m = CommandLine().Match(lines[i]);
            Assert.True(m.Success, $"not a workflow command: {lines[i]}");
            var f = findings[i];
            Assert.Equal(f.Severity == Severity.Warning ? "warning" : "error", m.Groups[1].Value);
            Assert.Equal(f.File, Unescape(m.Groups[2].Value));
            Assert.Equal(f.Line.ToString(), m.Groups[3].Value);
            Assert.Equal(f.Column.ToString(), m.Groups[4].Value);
            Assert.Equal(f.RuleId, Unescape(m.Groups[5].Value));
            Assert.DoesNotContain('\r', lines[i]);
        }
        Assert.Equal(StylishFormatter.Summary(SampleReport.Result()), lines[findings.Count]);
        Assert.Equal("", lines[^1]);
    }

    private static string Unescape(string value) =>
        value.Replace("%0A", "\n").Replace("%0D", "\r").Replace("%3A", ":").Replace("%2C", ",").Replace("%25", "%");

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("100% sure", "100%25 sure")]
    [InlineData("line\nbreak", "line%0Abreak")]
    [InlineData("crlf\r\nend", "crlf%0D%0Aend")]
    [InlineData("%0A is not a newline", "%250A is not a newline")]
    [InlineData("a: b, c", "a: b, c")]
    [InlineData("bell\u0007", "bell\\u0007")]
    public void MessagesAreEscapedAsGitHubSpecifies(string message, string expected) =>
        Assert.Equal(expected, GitHubFormatter.EscapeData(message));

    [Theory]
    [InlineData("incidents/a.json", "incidents/a.json")]
    [InlineData("a: b, c", "a%3A b%2C c")]
    [InlineData("50%,\n", "50%25%2C%0A")]
    public void PropertiesAreEscapedAsGitHubSpecifies(string value, string expected) =>
        Assert.Equal(expected, GitHubFormatter.EscapeProperty(value));

    [Fact]
    public void GitHubNotesTheAnnotationLimitWhenAFindingTypeExceedsIt()
    {
        var many = Enumerable.Range(1, GitHubFormatter.AnnotationLimit + 1)
            .Select(i => new Finding("schema", Severity.Error, "bad", "a.json", i, 1, $"/x/{i}")).ToList();
        var text = SampleReport.Render("github", new ReportInput(new LintResult(many, 1, TimeSpan.Zero), SampleReport.Rules));
        Assert.Contains("GitHub shows at most 10 error and 10 warning annotations per step", text);
        var few = many.Take(GitHubFormatter.AnnotationLimit).ToList();
        Assert.DoesNotContain("GitHub shows", SampleReport.Render("github", new ReportInput(new LintResult(few, 1, TimeSpan.Zero), SampleReport.Rules)));
    }

    [Fact]
    public void JUnitHasOneTestCasePerFileAndOneFailurePerFinding()
    {
        var doc = XDocument.Parse(SampleReport.Render("junit"));
        var result = SampleReport.Result();
        var suites = doc.Root!;
        Assert.Equal("testsuites", suites.Name.LocalName);
        var suite = Assert.Single(suites.Elements("testsuite"));
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal(result.Files, cases.Select(c => c.Attribute("name")!.Value));
        int failing = cases.Count(c => c.Elements("failure").Any());
        Assert.Equal(4, failing);
        foreach (var element in new[] { suites, suite })
        {
            Assert.Equal(cases.Count.ToString(), element.Attribute("tests")!.Value);
            Assert.Equal(failing.ToString(), element.Attribute("failures")!.Value);
            Assert.Equal("1.234", element.Attribute("time")!.Value);
        }
        foreach (var c in cases)
        {
            var file = c.Attribute("name")!.Value;
            var expected = result.Findings.Where(f => f.File == file).ToList();
            var failures = c.Elements("failure").ToList();
            Assert.Equal(expected.Count, failures.Count);
            for (int i = 0; i < failures.Count; i++)
            {
                var f = expected[i];
                var message = failures[i].Attribute("message")!.Value;
                Assert.StartsWith($"{f.Line}:{f.Column} ", message);
                Assert.EndsWith($"({f.RuleId})", message);
                Assert.Equal(f.Severity.ToName(), failures[i].Attribute("type")!.Value);
                Assert.Contains($"rule: {f.RuleId}", failures[i].Value);
                Assert.Contains($"{f.File}:{f.Line}:{f.Column}", failures[i].Value);
            }
        }
    }

    [Fact]
    public void JUnitDropsCharactersXmlCannotCarryAndKeepsTheRest()
    {
        var doc = XDocument.Parse(SampleReport.Render("junit"));
        var messages = doc.Descendants("failure").Select(f => f.Attribute("message")!.Value).ToList();
        Assert.Contains("25:3 date 2025-13-01 is after lastUpdated\r\nand <b>&amp;</b> stays text (date-order)", messages);
        Assert.Contains(messages, m => m.Contains("São Paulo – 東京 🚀"));
        Assert.Contains(messages, m => m.Contains("\"100%\" but sources has 2 entries:\nsee"));
    }

    [Theory]
    [InlineData("ok", "ok")]
    [InlineData("a\u0000b\u0001c\u001Fd", "abcd")]
    [InlineData("tab\tnl\ncr\r", "tab\tnl\ncr\r")]
    [InlineData("\uFFFE\uFFFFx", "x")]
    [InlineData("pair 🚀", "pair 🚀")]
    public void CleanKeepsOnlyXml10Characters(string input, string expected) =>
        Assert.Equal(expected, JUnitFormatter.Clean(input));

    [Fact]
    public void CleanDropsLoneSurrogates()
    {
        Assert.Equal("lone  high", JUnitFormatter.Clean("lone \uD800 high"));
        Assert.Equal("lone  low", JUnitFormatter.Clean("lone \uDC00 low"));
        Assert.Equal("end", JUnitFormatter.Clean("end\uD83D"));
    }
}
