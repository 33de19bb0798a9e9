using Lint.Config;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Safety;

/// <summary>
/// Files whose names and titles try to take over the output: forged GitHub workflow commands (<c>::error</c>,
/// <c>::stop-commands::</c>, the legacy <c>##[error]</c>), terminal escape sequences, bidi overrides and XML
/// that closes the JUnit element it is written in.
/// </summary>
public static class InjectionCorpus
{
    /// <summary>Texts that must never act on the output: each is used as a record title and in a file name.</summary>
    public static readonly string[] HostileTexts =
    [
        "\n::error file=x::forged",
        "::stop-commands::token",
        "\u001b[31mred\u001b[0m\u001b]0;title\u0007",
        "]]></failure><x>",
        "\u202Egnp.exe",
        "##[error]forged",
        "\r\n  ::warning::forged",
        "a,b:c%0A::d",
    ];

    /// <summary>A marker that is in every hostile title, so tests can find the findings that quote them.</summary>
    public const string TitleMarker = "hostile-title";

    /// <summary>
    /// Writes one file per hostile text used as a title (its citation is left stale, so citation-format quotes the
    /// title) and, where the file system allows, one file per hostile text used as a file name. Returns the
    /// linter's result for the folder.
    /// </summary>
    public static async Task<LintResult> LintAsync(TempDir dir)
    {
        for (int i = 0; i < HostileTexts.Length; i++)
        {
            var doc = Incidents.Valid($"title-{i}");
            doc["record"]!["title"] = TitleMarker + " " + HostileTexts[i];
            doc["record"]!["relatedIncidents"] = new System.Text.Json.Nodes.JsonArray();
            // A hostile unknown property and a hostile category too: schema messages quote those.
            doc["record"]![HostileTexts[i]] = 1;
            doc["record"]!["category"] = HostileTexts[i];
            dir.Write($"title-{i}.json", Incidents.ToText(doc));
        }
        if (!OperatingSystem.IsWindows())
        {
            foreach (var text in HostileTexts)
            {
                var doc = Incidents.Valid("hostile-name");
                doc["record"]!["relatedIncidents"] = new System.Text.Json.Nodes.JsonArray();
                // '/' cannot be in a file name: "]]></failure><x>" becomes a folder "]]><" holding "failure><x>.json".
                dir.Write(text + ".json", Incidents.ToText(doc));
            }
        }
        var linter = new Linter(new LintOptions { WorkingDirectory = dir.Path, Config = LintConfig.Defaults(dir.Path), MaxDegreeOfParallelism = 1 });
        return await linter.LintAsync([]);
    }

    /// <summary>The same hostile texts straight in findings (file names and messages), as a library user could build them.</summary>
    public static LintResult DirectFindings()
    {
        var findings = new List<Finding>();
        foreach (var text in HostileTexts)
        {
            findings.Add(new Finding("schema", Severity.Error, "title " + text, "dir/" + text + ".json", 3, 7, "/record/title"));
            findings.Add(new Finding("duplicate-tag", Severity.Warning, text, text, 1, 1, ""));
        }
        findings.Sort(Finding.ReportOrder);
        return new LintResult(findings, HostileTexts.Length, TimeSpan.Zero);
    }
}
