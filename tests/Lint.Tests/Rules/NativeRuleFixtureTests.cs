using System.Text.Json;
using Lint.Rules;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Rules;

/// <summary>
/// Every rule's test cases through the NativeAOT binary, so that a rule that behaves differently under NativeAOT (as
/// four did while a reflection-based JsonSerializer call was left in) fails here. Folder fixtures: the golden
/// <c>expected.txt</c> report and the golden <c>fixed/</c> files, as <see cref="RuleFixtureTest"/> checks them on the
/// managed library. Inline cases (<see cref="RuleCase"/>): the native report and the native <c>--fix</c> bytes equal
/// the managed library's on the same files. Each case runs with every other rule turned off.
/// </summary>
public sealed class NativeRuleFixtureTests
{
    public static TheoryData<string> RuleIds
    {
        get
        {
            var data = new TheoryData<string>();
            if (!NativeBinary.Tested) return data;
            foreach (var rule in RuleRegistry.BuiltIn) data.Add(rule.Metadata.Id);
            return data;
        }
    }

    [NativeTheory]
    [MemberData(nameof(RuleIds))]
    public async Task EveryCaseOfTheRuleGivesTheSameReportAndFixesNatively(string ruleId)
    {
        var native = LintBinary.Native;
        // Every other rule off, and this one on at its severity (a rule that is off by default is turned on, as the
        // in-process test does).
        var self = RuleRegistry.BuiltIn.Single(r => r.Metadata.Id == ruleId).Metadata;
        string[] others = [.. RuleRegistry.BuiltIn.Where(r => r.Metadata.Id != ruleId).SelectMany(r => new[] { "--rule", r.Metadata.Id + "=off" }),
            "--rule", ruleId + "=" + self.DefaultSeverity.ToName()];
        int cases = 0;

        foreach (var kind in new[] { "valid", "invalid" })
        {
            foreach (var caseDir in RuleFixtureTest.Cases(ruleId, kind))
            {
                cases++;
                string name = $"{ruleId}/{kind}/{Path.GetFileName(caseDir)}";
                using var copy = new TempDir();
                foreach (var file in Directory.EnumerateFiles(caseDir, "*", SearchOption.AllDirectories))
                {
                    var relative = Path.GetRelativePath(caseDir, file);
                    if (relative.Replace('\\', '/').StartsWith(RuleFixtureTest.FixedFolder + "/", StringComparison.Ordinal) || relative == "expected.txt") continue;
                    var target = copy.Combine(relative);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(file, target);
                }
                var report = NativeReport(native, copy.Path, others, name);
                var expected = kind == "valid" ? "" : File.ReadAllText(Path.Combine(caseDir, "expected.txt")).ReplaceLineEndings("\n");
                Assert.True(expected == report, $"{name}: the native report differs from the golden one\n--- expected\n{expected}--- native\n{report}");
                if (kind == "valid") continue;
                NativeFix(native, copy.Path, others, name, file =>
                {
                    var golden = Path.Combine(caseDir, RuleFixtureTest.FixedFolder, Path.GetRelativePath(copy.Path, file));
                    return File.Exists(golden) ? File.ReadAllBytes(golden) : null;
                });
            }
        }

        foreach (var (_, c) in RuleCases.All().Where(x => x.RuleId == ruleId))
        {
            cases++;
            string name = $"{ruleId} inline case '{c.Name}'";
            using var dir = new TempDir();
            RuleCases.Materialize(c, dir);
            var managed = await RuleFixtureTest.LintCase(dir.Path, ruleId);
            var report = NativeReport(native, dir.Path, others, name);
            var expected = ReportText.Of(managed.Findings);
            Assert.True(expected == report, $"{name}: the native report differs from the managed one\n--- managed\n{expected}--- native\n{report}");
            var linter = RuleFixtureTest.CaseLinter(dir.Path, ruleId);
            var fixedByManaged = new Dictionary<string, byte[]>();
            foreach (var file in RuleFixtureTest.CaseFiles(dir.Path))
            {
                var fix = await linter.FixAsync(file, File.ReadAllBytes(file));
                if (fix.Changed) fixedByManaged[file] = fix.Fixed;
            }
            NativeFix(native, dir.Path, others, name, file => fixedByManaged.GetValueOrDefault(file));
        }

        Assert.True(cases > 0, $"{ruleId} has no test case to run natively");
    }

    /// <summary>The native <c>--format json</c> report of <paramref name="directory"/>, in the form of <see cref="ReportText"/>.</summary>
    private static string NativeReport(LintBinary native, string directory, string[] others, string name)
    {
        var lint = LintProcess.Run(directory, ["--format", "json", "--no-cache", .. others], binary: native);
        Assert.True(lint.ExitCode is 0 or 1 && lint.Stderr == "", $"{name}: exit {lint.ExitCode}\n{lint.Stderr}");
        using var doc = JsonDocument.Parse(lint.Stdout);
        return string.Concat(doc.RootElement.GetProperty("findings").EnumerateArray().Select(f =>
        {
            string pointer = f.GetProperty("pointer").GetString()!;
            return $"{f.GetProperty("file").GetString()}:{f.GetProperty("line").GetInt32()}:{f.GetProperty("column").GetInt32()} " +
                $"{f.GetProperty("severity").GetString()} {f.GetProperty("ruleId").GetString()} {(pointer.Length == 0 ? "(root)" : pointer)}" +
                $"{(f.GetProperty("fixable").GetBoolean() ? " [fixable]" : "")} {f.GetProperty("message").GetString()}\n";
        }));
    }

    /// <summary>
    /// Runs the native <c>--fix</c> in <paramref name="directory"/> and checks every incident file: the bytes
    /// <paramref name="expectedFix"/> gives for it, or unchanged where it gives none.
    /// </summary>
    private static void NativeFix(LintBinary native, string directory, string[] others, string name, Func<string, byte[]?> expectedFix)
    {
        var files = RuleFixtureTest.CaseFiles(directory);
        var before = files.ToDictionary(f => f, File.ReadAllBytes);
        var fix = LintProcess.Run(directory, ["--fix", "--no-cache", .. others], binary: native);
        Assert.True(fix.ExitCode is 0 or 1 && fix.Stderr == "", $"{name}: --fix exit {fix.ExitCode}\n{fix.Stderr}");
        foreach (var file in files)
        {
            var want = expectedFix(file);
            var after = File.ReadAllBytes(file);
            Assert.True((want ?? before[file]).AsSpan().SequenceEqual(after),
                $"{name}: native --fix wrote {Path.GetRelativePath(directory, file)} other than {(want is null ? "unchanged" : "the expected fix")}:\n" +
                Lint.Fixing.UnifiedDiff.Create("expected", "native", System.Text.Encoding.UTF8.GetString(want ?? before[file]), System.Text.Encoding.UTF8.GetString(after)));
        }
    }
}
