using System.Xml;
using System.Xml.Linq;
using Lint.Formatting;
using Lint.Rules;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Safety;

/// <summary>
/// Hostile titles and file names cannot forge GitHub workflow commands through the <c>github</c> format, nor break the
/// XML of the <c>junit</c> format. The formatters are looked up by name: this file does not depend on how they are
/// built, only on what they must never print.
/// </summary>
public sealed class FormatterInjectionTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static IReadOnlyList<RuleMetadata> Rules => RuleRegistry.BuiltIn.Select(r => r.Metadata).ToList();

    private static IFormatter Require(string name) =>
        Formatters.Find(name) ?? throw new Xunit.Sdk.XunitException(
            $"the '{name}' formatter is missing: Formatters.Find(\"{name}\") returned null. It is required by the spec (--format {name}); these injection tests run against it once it is registered in Formatters.All.");

    private static string Render(string format, LintResult result)
    {
        var output = new StringWriter();
        Require(format).Write(new ReportInput(result, Rules), output);
        return output.ToString();
    }

    // ---- github ----------------------------------------------------------------------------------------------------

    /// <summary>The commands the runner knows (from actions/runner's command extensions, plus stop-commands).</summary>
    private static readonly HashSet<string> RunnerCommands = new(StringComparer.OrdinalIgnoreCase)
    {
        "set-env", "set-output", "save-state", "add-mask", "add-path", "add-matcher", "remove-matcher", "debug",
        "warning", "error", "notice", "group", "endgroup", "echo", "stop-commands",
    };

    /// <summary>What lint may legitimately print as a workflow command.</summary>
    private static readonly HashSet<string> AllowedCommands = new(StringComparer.OrdinalIgnoreCase) { "error", "warning", "notice", "group", "endgroup" };

    private static string UnescapeProperty(string s) =>
        s.Replace("%0D", "\r").Replace("%0A", "\n").Replace("%3A", ":").Replace("%2C", ",").Replace("%25", "%");

    private static string UnescapeData(string s) => s.Replace("%0D", "\r").Replace("%0A", "\n").Replace("%25", "%");

    /// <summary>A workflow command line parsed the way the runner does (ActionCommand.TryParseV2), or null.</summary>
    private static (string Name, Dictionary<string, string> Properties, string Data)? ParseCommand(string line)
    {
        var message = line.TrimStart();
        if (!message.StartsWith("::", StringComparison.Ordinal)) return null;
        int end = message.IndexOf("::", 2, StringComparison.Ordinal);
        if (end < 0) return null;
        var info = message[2..end];
        int space = info.IndexOf(' ');
        var name = space < 0 ? info : info[..space];
        if (!RunnerCommands.Contains(name)) return null;
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (space > 0)
        {
            foreach (var pair in info[(space + 1)..].Trim().Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var kv = pair.Split('=', 2, StringSplitOptions.RemoveEmptyEntries);
                if (kv.Length == 2) properties[kv[0]] = UnescapeProperty(kv[1]);
            }
        }
        return (name, properties, UnescapeData(message[(end + 2)..]));
    }

    /// <summary>
    /// Every line the runner would act on is one of lint's annotations for a real finding, with the exact file name;
    /// no other line holds a legacy <c>##[</c> command (which the runner honours anywhere in a line).
    /// </summary>
    private static void AssertGithubOutputIsHonest(string output, LintResult result)
    {
        var annotations = new List<(string Name, Dictionary<string, string> Properties, string Data)>();
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            Assert.False(line.Contains('\r'), $"a carriage return inside a line: {Lint.Parsing.Text.Sanitize(line, 300)}");
            var command = ParseCommand(line);
            if (command is null)
            {
                Assert.False(line.Contains("##[", StringComparison.Ordinal), $"a legacy workflow command in a plain line: {Lint.Parsing.Text.Sanitize(line, 300)}");
                continue;
            }
            Assert.True(AllowedCommands.Contains(command.Value.Name), $"forged workflow command '{command.Value.Name}': {Lint.Parsing.Text.Sanitize(line, 300)}");
            if (command.Value.Name is "error" or "warning" or "notice") annotations.Add(command.Value);
        }
        // One annotation per finding (a summary annotation without a file is allowed), attached to the finding's
        // file and carrying its whole message: exact, or as Text.Sanitize shows it.
        var perFile = annotations.Where(a => a.Properties.ContainsKey("file")).ToList();
        Assert.Equal(result.Findings.Count, perFile.Count);
        static bool Same(string shown, string actual) => shown == actual || shown == Lint.Parsing.Text.Sanitize(actual, int.MaxValue);
        static bool Carries(string data, string message) =>
            data.Contains(message, StringComparison.Ordinal) || data.Contains(Lint.Parsing.Text.Sanitize(message, int.MaxValue), StringComparison.Ordinal);
        foreach (var a in perFile)
        {
            var file = a.Properties["file"];
            Assert.True(result.Findings.Any(f => Same(file, f.File) && Carries(a.Data, f.Message)),
                $"an annotation that matches no finding: file={Lint.Parsing.Text.Sanitize(file, 200)} data={Lint.Parsing.Text.Sanitize(a.Data, 300)}");
        }
    }

    [Fact]
    public async Task GithubFormatHostileTitlesAndFileNamesForgeNoWorkflowCommand()
    {
        var result = await InjectionCorpus.LintAsync(_dir);
        Assert.Contains(result.Findings, f => f.Message.Contains(InjectionCorpus.TitleMarker, StringComparison.Ordinal));
        AssertGithubOutputIsHonest(Render("github", result), result);
    }

    [Fact]
    public void GithubFormatHostileFileNamesAndRawMessagesForgeNoWorkflowCommand()
    {
        var result = InjectionCorpus.DirectFindings();
        AssertGithubOutputIsHonest(Render("github", result), result);
    }

    [Fact]
    public void GithubFormatEscapesStopCommandsAtTheStartOfAMessage()
    {
        var finding = new Finding("schema", Severity.Error, "::stop-commands::token", "::stop-commands::x.json", 1, 1, "");
        var result = new LintResult([finding], 1, TimeSpan.Zero);
        var output = Render("github", result);
        Assert.DoesNotContain(output.Split('\n'), l => l.TrimStart().StartsWith("::stop-commands", StringComparison.OrdinalIgnoreCase));
        AssertGithubOutputIsHonest(output, result);
    }

    // ---- junit -----------------------------------------------------------------------------------------------------

    private static XDocument ParseXml(string output)
    {
        try
        {
            return XDocument.Parse(output, LoadOptions.None);
        }
        catch (XmlException ex)
        {
            throw new Xunit.Sdk.XunitException($"junit output is not well-formed XML: {ex.Message}\n{Lint.Parsing.Text.Sanitize(output, 4000)}");
        }
    }

    private static void AssertJunitOutputIsIntact(string output, LintResult result)
    {
        var doc = ParseXml(output);
        Assert.True(doc.Root!.Name.LocalName is "testsuites" or "testsuite", $"unexpected root element {doc.Root.Name}");
        var names = doc.Descendants().Select(e => e.Name.LocalName).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain("x", names);
        Assert.True(names.IsSubsetOf(["testsuites", "testsuite", "testcase", "failure", "error", "skipped", "system-out", "system-err", "properties", "property"]),
            "elements a file injected? " + string.Join(", ", names));
        // Every finding's message is there as data (in an attribute or text), not as markup.
        var data = string.Join("\n", doc.Descendants().SelectMany(e => e.Attributes().Select(a => a.Value).Append(e.Nodes().OfType<XText>().Select(t => t.Value).DefaultIfEmpty("").Aggregate(string.Concat))));
        foreach (var f in result.Findings.Where(f => f.Message.Contains("]]></failure><x>", StringComparison.Ordinal)))
            Assert.Contains(f.Message, data);
        Assert.True(doc.Descendants().Count(e => e.Name.LocalName is "failure" or "error") >= 1, "no failure elements");
    }

    [Fact]
    public async Task JunitFormatHostileTitlesAndFileNamesKeepTheXmlIntact()
    {
        var result = await InjectionCorpus.LintAsync(_dir);
        Assert.Contains(result.Findings, f => f.Message.Contains("]]></failure><x>", StringComparison.Ordinal));
        AssertJunitOutputIsIntact(Render("junit", result), result);
    }

    [Fact]
    public void JunitFormatHostileFileNamesAndRawMessagesKeepTheXmlIntact()
    {
        var result = InjectionCorpus.DirectFindings();
        AssertJunitOutputIsIntact(Render("junit", result), result);
    }
}
