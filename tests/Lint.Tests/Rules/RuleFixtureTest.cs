using Lint.Config;
using Lint.Rules;
using Lint.Tests.TestSupport;
using Xunit.Sdk;

namespace Lint.Tests.Rules;

/// <summary>
/// Tests for one rule, in the style of ruff and ESLint's RuleTester: inline cases (<see cref="RuleCase"/>, mutations of
/// one valid record, declared by the derived class in <see cref="InlineCases"/>) and folder fixtures where bytes matter.
/// Fixtures live in
/// <c>Fixtures/&lt;rule-id&gt;/valid/&lt;case&gt;/</c> and <c>Fixtures/&lt;rule-id&gt;/invalid/&lt;case&gt;/</c>; each case is a folder
/// that is a whole corpus. Only the rule under test runs. A case may hold a <c>lint.config.json</c>. Invalid cases
/// have a golden <c>expected.txt</c> report; invalid cases of fixable rules also have the golden fixed files in
/// <c>fixed/</c> (excluded from the case's corpus).
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

    /// <summary>The folder of a fixture case that holds the golden fixed files (not part of the case's corpus).</summary>
    public const string FixedFolder = "fixed";

    /// <summary>Lints a fixture case with only <paramref name="ruleId"/> turned on.</summary>
    public static async Task<LintResult> LintCase(string caseDirectory, string ruleId) =>
        await CaseLinter(caseDirectory, ruleId).LintAsync([]);

    /// <summary>
    /// A linter for a fixture case: its <c>lint.config.json</c> when it has one (else the defaults), the <c>fixed/</c>
    /// folder excluded, and only <paramref name="onlyRuleId"/> turned on (every rule when null).
    /// </summary>
    public static Linter CaseLinter(string caseDirectory, string? onlyRuleId)
    {
        var overrides = onlyRuleId is null
            ? new Dictionary<string, Severity>()
            : RuleRegistry.BuiltIn.Where(r => r.Metadata.Id != onlyRuleId).ToDictionary(r => r.Metadata.Id, _ => Severity.Off);
        var configPath = Path.Combine(caseDirectory, ConfigLoader.FileName);
        var config = File.Exists(configPath)
            ? ConfigLoader.LoadFile(configPath, RuleRegistry.BuiltIn.Select(r => r.Metadata.Id).ToList())
            : LintConfig.Defaults(caseDirectory);
        config = config with { Exclude = [.. config.Exclude, FixedFolder + "/**"] };
        return new Linter(new LintOptions { WorkingDirectory = caseDirectory, RuleOverrides = overrides, Config = config });
    }

    /// <summary>The incident files of a case (every <c>*.json</c> but the configuration and the golden fixed files).</summary>
    public static IReadOnlyList<string> CaseFiles(string caseDirectory) =>
        Directory.GetFiles(caseDirectory, "*.json", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != ConfigLoader.FileName)
            .Where(f => !Path.GetRelativePath(caseDirectory, f).Replace('\\', '/').StartsWith(FixedFolder + "/", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();

    /// <summary>The folder of this file, where the valid record of the inline cases lives.</summary>
    public static string SourceDirectory { get; } = Repo.SourceDirectory();

    /// <summary>The rule's inline cases (<see cref="RuleCase"/>): mutations of the one valid record.</summary>
    protected virtual IEnumerable<RuleCase> InlineCases => [];

    /// <summary>The rule's inline cases, for the meta tests.</summary>
    public IReadOnlyList<RuleCase> InlineCaseList => InlineCases.ToList();

    private ILintRule Rule => RuleRegistry.BuiltIn.Single(r => r.Metadata.Id == RuleId);

    /// <summary>
    /// Every inline case, with its rule alone and with every rule on: exactly the expected findings (file, line:col,
    /// severity, rule, pointer, message id, fix or not, message), every message declared by its rule; for a fixable rule,
    /// fixing gives the expected document byte for byte and leaves nothing fixable; a rule that is not fixable changes
    /// nothing. All failing cases are reported together.
    /// </summary>
    [Fact]
    public async Task InlineCasesHold()
    {
        var cases = InlineCaseList;
        Assert.Equal(cases.Count, cases.Select(c => c.Name).Distinct().Count());
        var failures = new List<string>();
        foreach (var c in cases)
        {
            try
            {
                await CheckCase(c);
            }
            catch (Exception ex) when (ex is XunitException or InvalidOperationException or ArgumentException)
            {
                failures.Add($"--- case '{c.Name}' of {RuleId}:\n{ex.Message}");
            }
        }
        if (failures.Count > 0) throw new XunitException(string.Join("\n\n", failures));
    }

    private async Task CheckCase(RuleCase c)
    {
        using var dir = new TempDir();
        var file = RuleCases.Materialize(c, dir);
        var metadata = Rule.Metadata;
        var alone = await LintCase(dir.Path, RuleId);
        Compare("with only " + RuleId + " on", c.Findings, alone.Findings);
        var all = CaseLinter(dir.Path, null);
        var withAll = await all.LintAsync([]);
        Compare("with every rule on", c.WithAllRules ?? c.Findings, withAll.Findings);
        foreach (var f in alone.Findings.Concat(withAll.Findings))
        {
            var owner = RuleRegistry.BuiltIn.Single(r => r.Metadata.Id == f.RuleId).Metadata;
            Assert.True(f.MessageId is { } id && owner.DeclaresMessage(id), $"{f.RuleId}: message without a declared id: {f.Message}");
        }
        if (!File.Exists(file)) return;
        var original = File.ReadAllBytes(file);
        var fixedAlone = await CaseLinter(dir.Path, RuleId).FixAsync(file, original);
        if (!c.Findings.Any(e => e.Fixable ?? metadata.Fixable))
        {
            Assert.False(fixedAlone.Changed, $"fixing with only {RuleId} on changed the file, but the case expects no fix");
            return;
        }
        VerifyFixed("with only " + RuleId + " on", RuleCases.ExpectedFixed(c, c.Fixed), fixedAlone.Fixed);
        Assert.DoesNotContain(fixedAlone.Remaining, f => f.RuleId == RuleId && f.IsFixable);
        var fixedAll = await all.FixAsync(file, original);
        VerifyFixed("with every rule on", RuleCases.ExpectedFixed(c, c.FixedWithAllRules ?? c.Fixed), fixedAll.Fixed);
        Assert.DoesNotContain(fixedAll.Remaining, f => f.IsFixable);
    }

    private void Compare(string how, IReadOnlyList<Expected> expected, IReadOnlyList<Finding> actual)
    {
        var metadata = Rule.Metadata;
        string Render(string file, string position, Severity severity, string rule, string pointer, string? messageId, bool fixable, string message) =>
            $"{file}:{position} {severity.ToName()} {rule} {(pointer.Length == 0 ? "(root)" : pointer)} {messageId}{(fixable ? " [fixable]" : "")} {message}";
        var want = expected.Select(e =>
        {
            var rule = RuleRegistry.BuiltIn.Single(r => r.Metadata.Id == (e.RuleId ?? RuleId)).Metadata;
            return Render(e.File ?? RuleCases.FileName, e.Position, e.Severity ?? rule.DefaultSeverity, rule.Id, e.Pointer, e.MessageId,
                e.Fixable ?? rule.FixAvailability != FixAvailability.Never, e.Message);
        }).ToList();
        var got = actual.Select(f => Render(f.File, $"{f.Line}:{f.Column}", f.Severity, f.RuleId, f.Pointer, f.MessageId, f.IsFixable, f.Message)).ToList();
        if (want.SequenceEqual(got)) return;
        throw new XunitException($"findings {how} differ.\nexpected:\n  {string.Join("\n  ", want)}\nactual:\n  {string.Join("\n  ", got)}\nas code:\n  " +
            string.Join(",\n  ", actual.Select(f => (f.RuleId == RuleId ? "At(" : $"Also(\"{f.RuleId}\", ") +
                $"\"{f.Line}:{f.Column}\", {Literal(f.Pointer)}, \"{f.MessageId}\", {Literal(f.Message)})")));
    }

    private static string Literal(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static void VerifyFixed(string how, string expected, byte[] actual)
    {
        var text = System.Text.Encoding.UTF8.GetString(actual);
        if (text == expected) return;
        throw new XunitException($"fixed output {how} differs from the expected document:\n" + Lint.Fixing.UnifiedDiff.Create("expected", "actual", expected, text));
    }

    private bool IsFixable => RuleRegistry.BuiltIn.Single(r => r.Metadata.Id == RuleId).Metadata.Fixable;

    [Fact]
    public void HasValidAndInvalidCases()
    {
        Assert.True(Cases(RuleId, "valid").Count + InlineCaseList.Count(c => c.Findings.Count == 0) > 0, $"{RuleId} has no valid case");
        Assert.True(Cases(RuleId, "invalid").Count + InlineCaseList.Count(c => c.Findings.Count > 0) > 0, $"{RuleId} has no invalid case");
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
            // The declared fix availability holds: every finding of an always-fixable rule has a fix, none of a never-fixable one.
            var metadata = RuleRegistry.BuiltIn.Single(r => r.Metadata.Id == RuleId).Metadata;
            var availability = metadata.FixAvailability;
            // Every message comes from a template the rule declares.
            Assert.All(result.Findings, f => Assert.True(f.MessageId is { } id && metadata.DeclaresMessage(id), $"{RuleId}: message without a declared id: {f.Message}"));
            if (availability == FixAvailability.Always) Assert.All(result.Findings, f => Assert.True(f.IsFixable, $"{RuleId} is always fixable but has no fix for: {f.Message}"));
            if (availability == FixAvailability.Never) Assert.All(result.Findings, f => Assert.False(f.IsFixable, $"{RuleId} is never fixable but offered a fix"));
            Golden.Verify(Path.Combine(dir, "expected.txt"), ReportText.Of(result.Findings));
        }
    }

    /// <summary>
    /// For a fixable rule: fixing each file of each invalid case with only this rule on gives, byte for byte, the golden
    /// <c>fixed/&lt;file name&gt;</c> (UPDATE_GOLDEN=1 writes it); a file the fix does not change has no golden. The fixed
    /// file has no fixable finding of this rule left, and no rule reports an unfixable finding on it more often than on
    /// the original. Fixing with every rule on leaves nothing fixable and nothing new.
    /// </summary>
    [Fact]
    public async Task InvalidFixturesFixToTheirGoldenFile()
    {
        if (!IsFixable)
        {
            // A rule that is not fixable never changes a file, and has no golden fixed file.
            foreach (var dir in Cases(RuleId, "invalid"))
            {
                Assert.False(Directory.Exists(Path.Combine(dir, FixedFolder)), $"{dir}: {RuleId} is not fixable but has a {FixedFolder} folder");
                var linter = CaseLinter(dir, RuleId);
                foreach (var file in CaseFiles(dir))
                {
                    var fix = await linter.FixAsync(file, File.ReadAllBytes(file));
                    Assert.False(fix.Changed, $"{RuleId} is not fixable but changed {file}");
                }
            }
            return;
        }
        int goldens = 0;
        foreach (var dir in Cases(RuleId, "invalid"))
        {
            var linter = CaseLinter(dir, RuleId);
            foreach (var file in CaseFiles(dir))
            {
                var relative = Path.GetRelativePath(dir, file);
                var golden = Path.Combine(dir, FixedFolder, relative);
                var original = File.ReadAllBytes(file);
                var fix = await linter.FixAsync(file, original);
                if (!fix.Changed)
                {
                    Assert.True(fix.AppliedFixes == 0, $"{relative} of {Path.GetFileName(dir)}: fixes applied but nothing changed");
                    if (Golden.Updating && File.Exists(golden)) File.Delete(golden);
                    Assert.False(File.Exists(golden), $"{golden} exists, but fixing {relative} changes nothing");
                    continue;
                }
                goldens++;
                Golden.VerifyBytes(golden, fix.Fixed);
                var left = fix.Remaining.Where(f => f.RuleId == RuleId && f.IsFixable).ToList();
                Assert.True(left.Count == 0, $"fixed {relative} of {Path.GetFileName(dir)} still has:\n{ReportText.Of(left)}");
                var relint = await linter.LintBytesAsync(file, fix.Fixed);
                Assert.DoesNotContain(relint.Findings, f => f.IsFixable);
                // All rules on: no defect appears that the original did not have. (A fixable finding may: the fix of a
                // value another rule builds on lets that rule's fix fire, as a url fix does for the citation.)
                var all = CaseLinter(dir, null);
                var before = (await all.LintBytesAsync(file, original)).Findings;
                var after = (await all.LintBytesAsync(file, fix.Fixed)).Findings;
                foreach (var group in after.Where(f => !f.IsFixable).GroupBy(f => f.RuleId))
                {
                    Assert.True(group.Count() <= before.Count(f => f.RuleId == group.Key),
                        $"fixing {relative} of {Path.GetFileName(dir)} for {RuleId} brings new {group.Key} findings:\n{ReportText.Of(group)}");
                }
                // And fixing with all rules on (the whole chain, such as site, then url, then citation) leaves nothing fixable.
                var allFixed = await all.FixAsync(file, original);
                Assert.DoesNotContain(allFixed.Remaining, f => f.IsFixable);
                foreach (var group in allFixed.Remaining.GroupBy(f => f.RuleId))
                    Assert.True(group.Count() <= before.Count(f => f.RuleId == group.Key), $"fixing {relative} with all rules on brings new {group.Key} findings");
            }
        }
        Assert.True(goldens > 0 || InlineCaseList.Any(c => c.Findings.Count > 0), $"fixable rule {RuleId} has no invalid case with a fix");
    }
}
