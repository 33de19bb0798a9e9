using System.Text.Json;
using Lint.Rules;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Rules;

/// <summary>
/// Every rule's fixture cases through the NativeAOT binary: the same golden reports and golden fixed files as the
/// in-process <see cref="RuleFixtureTest"/> checks on the managed library, so a rule that behaves differently under
/// NativeAOT (as four did while a reflection-based JsonSerializer call was left in) fails here. Each case is copied
/// without its <c>fixed/</c> folder and linted with every other rule turned off, as the in-process test does.
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
    public void EveryFixtureCaseGivesTheGoldenReportAndTheGoldenFixedFiles(string ruleId)
    {
        var native = LintBinary.Native;
        string[] others = [.. RuleRegistry.BuiltIn.Where(r => r.Metadata.Id != ruleId).SelectMany(r => new[] { "--rule", r.Metadata.Id + "=off" })];
        foreach (var kind in new[] { "valid", "invalid" })
        {
            foreach (var caseDir in RuleFixtureTest.Cases(ruleId, kind))
            {
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

                var lint = LintProcess.Run(copy.Path, ["--format", "json", "--no-cache", .. others], binary: native);
                Assert.True(lint.ExitCode is 0 or 1 && lint.Stderr == "", $"{name}: exit {lint.ExitCode}\n{lint.Stderr}");
                var report = ReportOf(lint.Stdout);
                if (kind == "valid")
                {
                    Assert.True(report == "", $"valid case {name} has findings under NativeAOT:\n{report}");
                    continue;
                }
                var expected = File.ReadAllText(Path.Combine(caseDir, "expected.txt")).ReplaceLineEndings("\n");
                Assert.True(expected == report, $"{name}: the native report differs from expected.txt\n--- expected\n{expected}--- native\n{report}");

                var files = RuleFixtureTest.CaseFiles(copy.Path);
                var before = files.ToDictionary(f => f, File.ReadAllBytes);
                var fix = LintProcess.Run(copy.Path, ["--fix", "--no-cache", .. others], binary: native);
                Assert.True(fix.ExitCode is 0 or 1 && fix.Stderr == "", $"{name}: --fix exit {fix.ExitCode}\n{fix.Stderr}");
                foreach (var file in files)
                {
                    var relative = Path.GetRelativePath(copy.Path, file);
                    var golden = Path.Combine(caseDir, RuleFixtureTest.FixedFolder, relative);
                    var after = File.ReadAllBytes(file);
                    var want = File.Exists(golden) ? File.ReadAllBytes(golden) : before[file];
                    Assert.True(want.AsSpan().SequenceEqual(after),
                        $"{name}: native --fix wrote {relative} other than {(File.Exists(golden) ? "its golden fixed file" : "unchanged")}:\n" +
                        Lint.Fixing.UnifiedDiff.Create("expected", "native", System.Text.Encoding.UTF8.GetString(want), System.Text.Encoding.UTF8.GetString(after)));
                }
            }
        }
    }

    /// <summary>A <c>--format json</c> report in the compact form of the golden <c>expected.txt</c> (<see cref="ReportText"/>).</summary>
    private static string ReportOf(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return string.Concat(doc.RootElement.GetProperty("findings").EnumerateArray().Select(f =>
        {
            string pointer = f.GetProperty("pointer").GetString()!;
            return $"{f.GetProperty("file").GetString()}:{f.GetProperty("line").GetInt32()}:{f.GetProperty("column").GetInt32()} " +
                $"{f.GetProperty("severity").GetString()} {f.GetProperty("ruleId").GetString()} {(pointer.Length == 0 ? "(root)" : pointer)}" +
                $"{(f.GetProperty("fixable").GetBoolean() ? " [fixable]" : "")} {f.GetProperty("message").GetString()}\n";
        }));
    }
}
