using System.Reflection;
using System.Text.RegularExpressions;
using Lint.Rules;
using Lint.Tests.TestSupport;
using Xunit.Sdk;

namespace Lint.Tests.Rules;

/// <summary>
/// The rule metadata in code is the only source of the catalog. Every copy is generated from it (between markers) and
/// this test regenerates it and fails on any difference: a table or header edited by hand, or metadata changed without
/// the docs. <c>UPDATE_GOLDEN=1</c> rewrites the generated text. It also fails on a rule class that is not registered
/// and on a registry that drifts from the product contract (SPEC.md).
/// </summary>
public sealed class CatalogDriftTests
{
    private static IReadOnlyList<RuleMetadata> Catalog => RuleRegistry.BuiltIn.Select(r => r.Metadata).ToList();

    public static TheoryData<string> RuleIds() => new(RuleRegistry.BuiltIn.Select(r => r.Metadata.Id));

    /// <summary>Compares (or, with UPDATE_GOLDEN=1, rewrites) the text between two markers of a document.</summary>
    private static void VerifyRegion(string path, string begin, string end, string expected)
    {
        var text = File.ReadAllText(path);
        var current = RuleCatalog.Between(text, begin, end);
        Assert.True(current is not null, $"{Path.GetRelativePath(Repo.Root, path)} lacks the markers\n{begin}\n{end}\naround its generated text");
        if (Golden.Updating)
        {
            File.WriteAllText(path, RuleCatalog.ReplaceBetween(text, begin, end, expected)!);
            return;
        }
        if (current!.ReplaceLineEndings("\n") != expected)
            throw new XunitException($"{Path.GetRelativePath(Repo.Root, path)}: the generated text differs from the rule metadata (edit the rule, then run the tests with UPDATE_GOLDEN=1).\n" +
                Lint.Fixing.UnifiedDiff.Create("on disk", "from metadata", current.ReplaceLineEndings("\n"), expected));
    }

    [Fact]
    public void TheReadmeRulesTableIsGenerated() =>
        VerifyRegion(Path.Combine(Repo.Root, "README.md"), RuleCatalog.TableBegin, RuleCatalog.TableEnd, RuleCatalog.MarkdownTable(Catalog, "docs/rules/"));

    [Fact]
    public void TheDocsRulesTableIsGenerated() =>
        VerifyRegion(Path.Combine(Repo.Root, "docs", "rules", "README.md"), RuleCatalog.TableBegin, RuleCatalog.TableEnd, RuleCatalog.MarkdownTable(Catalog));

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void EachPageHeaderIsGenerated(string id)
    {
        var page = Path.Combine(Repo.Root, "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"docs/rules/{id}.md is missing");
        VerifyRegion(page, RuleCatalog.HeaderBegin, RuleCatalog.HeaderEnd, RuleCatalog.PageHeader(Catalog.Single(r => r.Id == id)));
    }

    [Fact]
    public async Task TheMarkdownTableOfLintRulesIsTheReadmeTable()
    {
        var readme = RuleCatalog.Between(File.ReadAllText(Path.Combine(Repo.Root, "README.md")), RuleCatalog.TableBegin, RuleCatalog.TableEnd)!;
        var (code, stdout, _) = await Cli.CliRunner.RunAsync("rules", "--format", "markdown");
        Assert.Equal(0, code);
        Assert.Equal(readme.ReplaceLineEndings("\n"), stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void EveryPageBelongsToARegisteredRule()
    {
        var ids = Catalog.Select(r => r.Id).ToHashSet();
        foreach (var page in Directory.GetFiles(Path.Combine(Repo.Root, "docs", "rules"), "*.md"))
        {
            var name = Path.GetFileNameWithoutExtension(page);
            if (name == "README") continue;
            Assert.True(ids.Contains(name), $"docs/rules/{name}.md has no registered rule");
        }
    }

    /// <summary>A rule class that is not in <see cref="RuleRegistry.BuiltIn"/> never runs: every rule type of the library must be registered.</summary>
    [Fact]
    public void EveryRuleClassOfTheLibraryIsRegistered()
    {
        var registered = RuleRegistry.BuiltIn.Select(r => r.GetType()).ToHashSet();
        var classes = typeof(ILintRule).Assembly.GetTypes()
            .Where(t => typeof(ILintRule).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .ToList();
        Assert.NotEmpty(classes);
        foreach (var type in classes)
            Assert.True(registered.Contains(type), $"{type.FullName} implements ILintRule but is not listed in RuleRegistry.BuiltIn");
        Assert.Equal(registered.Count, RuleRegistry.BuiltIn.Count);
    }

    [Fact]
    public void MetadataIsComplete()
    {
        var ids = Catalog.Select(r => r.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var rule in Catalog)
        {
            Assert.True(RecordFields.IsKebabCase(rule.Id), rule.Id);
            Assert.False(string.IsNullOrWhiteSpace(rule.Description), rule.Id);
            Assert.DoesNotContain('\n', rule.Description);
            Assert.NotEqual(Severity.Off, rule.DefaultSeverity);
            Assert.True(Enum.IsDefined(rule.FixAvailability), rule.Id);
            Assert.EndsWith($"/docs/rules/{rule.Id}.md", rule.HelpUri);
            // Messages come from templates declared in the metadata (ESLint's meta.messages), with unique kebab-case ids.
            Assert.True(rule.Messages.Count > 0, $"{rule.Id} declares no messages");
            Assert.Equal(rule.Messages.Count, rule.Messages.Select(m => m.Id).Distinct().Count());
            Assert.All(rule.Messages, m => Assert.True(RecordFields.IsKebabCase(m.Id) && m.Template.Length > 0, $"{rule.Id}: message {m.Id}"));
        }
    }

    /// <summary>
    /// The registry agrees with the catalog of the product contract (../shared/SPEC.md section 2) on id, default
    /// severity and whether a rule is fixable, for every rule the library registers, in the contract's order. (The
    /// contract may list rules that are not built yet.)
    /// </summary>
    [Fact]
    public void TheRegistryAgreesWithTheSpecCatalog()
    {
        var spec = File.ReadAllText(Path.Combine(Repo.Shared, "SPEC.md"));
        var rows = Regex.Matches(spec, @"^\| `(?<id>[a-z0-9-]+)` \| .* \| (?<severity>error|warning) \| (?<fixable>yes|no)[^|]* \|\s*$", RegexOptions.Multiline)
            .Select(m => (Id: m.Groups["id"].Value, Severity: m.Groups["severity"].Value, Fixable: m.Groups["fixable"].Value == "yes"))
            .ToList();
        Assert.True(rows.Count >= 20, $"found only {rows.Count} rule rows in SPEC.md");
        var specIds = rows.Select(r => r.Id).ToList();
        foreach (var rule in Catalog)
        {
            var row = rows.SingleOrDefault(r => r.Id == rule.Id);
            Assert.True(row.Id is not null, $"{rule.Id} is not in the SPEC catalog");
            Assert.Equal((rule.Id, row.Severity, row.Fixable), (rule.Id, rule.DefaultSeverity.ToName(), rule.Fixable));
        }
        var order = Catalog.Select(r => specIds.IndexOf(r.Id)).ToList();
        Assert.Equal(order.Order(), order);
    }
}

/// <summary>Fix availability is enforced, not just shown: a fix from a rule declared never-fixable fails loudly.</summary>
public sealed class FixAvailabilityTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private sealed class FixingRule(FixAvailability availability) : IFileRule
    {
        public RuleMetadata Metadata { get; } = new("custom-fixing", "Offers a fix on /record/title.", Severity.Warning, availability);

        public void Check(FileContext context) =>
            context.Report("/record/title", "title", context.ReplaceString("/record/title", "New title", "retitle"));
    }

    private async Task<IReadOnlyList<Finding>> LintAsync(FixAvailability availability)
    {
        var file = _dir.Write("sample.json", Incidents.ToText(Incidents.Valid("sample")));
        var linter = new Linter(new LintOptions
        {
            WorkingDirectory = _dir.Path,
            Config = Lint.Config.LintConfig.Defaults(_dir.Path),
            AdditionalRules = [new FixingRule(availability)],
            RuleOverrides = RuleRegistry.BuiltIn.ToDictionary(r => r.Metadata.Id, _ => Severity.Off),
        });
        return (await linter.LintAsync([file])).Findings;
    }

    [Fact]
    public async Task ANeverFixableRuleThatOffersAFixGivesAnErrorFindingInsteadOfADroppedFix()
    {
        var finding = Assert.Single(await LintAsync(FixAvailability.Never));
        Assert.Equal(("custom-fixing", Severity.Error, false), (finding.RuleId, finding.Severity, finding.IsFixable));
        Assert.Contains("internal error: rule 'custom-fixing' failed", finding.Message);
        Assert.Contains("declared never-fixable", finding.Message);
    }

    [Theory]
    [InlineData(FixAvailability.Sometimes)]
    [InlineData(FixAvailability.Always)]
    public async Task AFixableRuleKeepsItsFix(FixAvailability availability)
    {
        var finding = Assert.Single(await LintAsync(availability));
        Assert.Equal(("custom-fixing", Severity.Warning, true), (finding.RuleId, finding.Severity, finding.IsFixable));
    }
}

/// <summary>Messages come from templates declared in the rule's metadata, so findings carry a stable message id.</summary>
public sealed class MessageTemplateTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task AFindingCarriesItsMessageIdIntoTheJsonReport()
    {
        var doc = Incidents.Valid("sample");
        doc["record"]!["sourceCount"] = 99;
        _dir.CopyFrom(Incidents.ExamplesDirectory);
        var file = _dir.Write("sample.json", Incidents.ToText(doc));
        var linter = new Linter(new LintOptions { WorkingDirectory = _dir.Path, Config = Lint.Config.LintConfig.Defaults(_dir.Path) });
        var result = await linter.LintAsync([file]);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(("source-count", "count-mismatch", "/record/sourceCount"), (finding.RuleId, finding.MessageId, finding.Pointer));
        var json = new StringWriter();
        new Lint.Formatting.JsonFormatter().Write(new Lint.Formatting.ReportInput(result, linter.Rules.Select(r => r.Metadata).ToList()), json);
        Assert.Contains("\"messageId\": \"count-mismatch\"", json.ToString());
    }

    [Fact]
    public void PlaceholdersAreFilledAndLiteralBracesKept()
    {
        var message = new RuleMessage("m", "url {{url}} should be {{expected}} ({site}/incident/{slug})");
        Assert.Equal(["url", "expected"], message.PlaceholderNames);
        Assert.Equal(new ReportMessage("m", "url a should be b ({site}/incident/{slug})"), message.With(("url", "a"), ("expected", "b")));
        Assert.Throws<InvalidOperationException>(() => message.With(("url", "a")));
        Assert.Throws<InvalidOperationException>(() => message.With(("url", "a"), ("expected", "b"), ("other", "c")));
    }

    private sealed class UndeclaredMessageRule : IFileRule
    {
        public RuleMetadata Metadata { get; } = new("custom-undeclared", "Reports a message it does not declare.", Severity.Warning, FixAvailability.Never)
        {
            Messages = [new RuleMessage("declared", "declared")],
        };

        public void Check(FileContext context) => context.Report("/record/title", new RuleMessage("other", "other").With());
    }

    [Fact]
    public async Task AMessageTheRuleDoesNotDeclareFailsLoudly()
    {
        var file = _dir.Write("sample.json", Incidents.ToText(Incidents.Valid("sample")));
        var linter = new Linter(new LintOptions
        {
            WorkingDirectory = _dir.Path,
            Config = Lint.Config.LintConfig.Defaults(_dir.Path),
            AdditionalRules = [new UndeclaredMessageRule()],
            RuleOverrides = RuleRegistry.BuiltIn.ToDictionary(r => r.Metadata.Id, _ => Severity.Off),
        });
        var finding = Assert.Single((await linter.LintAsync([file])).Findings);
        Assert.Equal(("custom-undeclared", Severity.Error), (finding.RuleId, finding.Severity));
        Assert.Contains("which its metadata does not declare", finding.Message);
    }
}
