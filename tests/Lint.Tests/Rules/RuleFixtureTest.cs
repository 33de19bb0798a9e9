using Lint.Config;
using Lint.Rules;
using Lint.Tests.TestSupport;
using Xunit.Sdk;

namespace Lint.Tests.Rules;

/// <summary>
/// Fixture tests for one rule, in the style of ruff and ESLint's RuleTester. Fixtures live in
/// <c>Fixtures/&lt;rule-id&gt;/valid/&lt;case&gt;/</c> and <c>Fixtures/&lt;rule-id&gt;/invalid/&lt;case&gt;/</c>; each case is a folder
/// that is a whole corpus. Only the rule under test runs. A case may hold a <c>lint.config.json</c>. Invalid cases
/// have a golden <c>expected.txt</c> report.
/// </summary>
public abstract class RuleFixtureTest(string ruleId)
{
    public string RuleId { get; } = ruleId;

    public static string FixturesRoot => Path.Combine(Repo.SourceDirectory(), "Fixtures");

    protected string RuleDirectory => Path.Combine(FixturesRoot, RuleId);

    public static IReadOnlyList<string> Cases(string ruleId, string kind)
    {
        var dir = Path.Combine(FixturesRoot, ruleId, kind);
        return Directory.Exists(dir) ? Directory.GetDirectories(dir).OrderBy(d => d, StringComparer.Ordinal).ToList() : [];
    }

    /// <summary>Lints a fixture case with only <paramref name="ruleId"/> turned on.</summary>
    public static async Task<LintResult> LintCase(string caseDirectory, string ruleId)
    {
        var overrides = RuleRegistry.BuiltIn.Where(r => r.Metadata.Id != ruleId).ToDictionary(r => r.Metadata.Id, _ => Severity.Off);
        var configPath = Path.Combine(caseDirectory, ConfigLoader.FileName);
        var options = new LintOptions
        {
            WorkingDirectory = caseDirectory,
            RuleOverrides = overrides,
            ConfigPath = File.Exists(configPath) ? configPath : null,
            Config = File.Exists(configPath) ? null : LintConfig.Defaults(caseDirectory),
        };
        return await new Linter(options).LintAsync([]);
    }

    [Fact]
    public void HasValidAndInvalidFixtures()
    {
        Assert.NotEmpty(Cases(RuleId, "valid"));
        Assert.NotEmpty(Cases(RuleId, "invalid"));
    }

    [Fact]
    public async Task ValidFixturesAreClean()
    {
        foreach (var dir in Cases(RuleId, "valid"))
        {
            var result = await LintCase(dir, RuleId);
            Assert.True(result.FilesChecked > 0, $"{dir} has no files");
            if (result.Findings.Count > 0)
                throw new XunitException($"valid fixture {Path.GetFileName(dir)} of {RuleId} has findings:\n{ReportText.Of(result.Findings)}");
        }
    }

    [Fact]
    public async Task InvalidFixturesMatchTheirGoldenReport()
    {
        foreach (var dir in Cases(RuleId, "invalid"))
        {
            var result = await LintCase(dir, RuleId);
            Assert.True(result.Findings.Count > 0, $"invalid fixture {Path.GetFileName(dir)} of {RuleId} has no finding");
            Assert.All(result.Findings, f => Assert.Equal(RuleId, f.RuleId));
            Golden.Verify(Path.Combine(dir, "expected.txt"), ReportText.Of(result.Findings));
        }
    }
}
