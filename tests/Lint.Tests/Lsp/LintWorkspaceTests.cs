using System.Text;
using System.Text.Json.Nodes;
using Lint.Editor;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Lsp;

/// <summary>The editor seam of the library: unsaved documents over the corpus on disk, and incremental relinting.</summary>
public sealed class LintWorkspaceTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Incident(string slug, params string[] related)
    {
        var doc = Incidents.Valid(slug);
        doc["record"]!["relatedIncidents"] = new JsonArray(related.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray());
        return _dir.Write($"incidents/{slug}.json", Incidents.ToText(doc));
    }

    private LintWorkspace Workspace()
    {
        _dir.Write("lint.config.json", """{ "include": ["incidents/*.json"] }""");
        return new LintWorkspace(_dir.Path, PositionEncoding.Utf16, new LintOptions { MaxDegreeOfParallelism = 1 });
    }

    private static byte[] Renamed(string path, string from, string to) =>
        Encoding.UTF8.GetBytes(File.ReadAllText(path).Replace($"\"slug\": \"{from}\"", $"\"slug\": \"{to}\""));

    [Fact]
    public void An_unsaved_slug_rename_relints_exactly_the_files_that_asked_about_either_slug()
    {
        var beta = Incident("beta");
        var alpha = Incident("alpha", "beta");
        var gamma = Incident("gamma", "delta");
        Incident("delta");
        for (int i = 0; i < 20; i++) Incident($"other-{i}");
        var workspace = Workspace();
        Assert.All(workspace.ReportAll(), r => Assert.Empty(r.Diagnostics));

        var changed = workspace.SetDocument(beta, Renamed(beta, "beta", "beta-renamed"));
        Assert.Equal([alpha, beta], changed.Select(r => r.FullPath).Order(StringComparer.Ordinal));
        Assert.Equal("related-exists", Assert.Single(workspace.Report(alpha).Diagnostics).Finding.RuleId);
        Assert.Equal("slug-filename", Assert.Single(workspace.Report(beta).Diagnostics).Finding.RuleId);
        Assert.Empty(workspace.Report(gamma).Diagnostics);

        // Closing the unsaved document: the disk counts again.
        var closed = workspace.CloseDocument(beta);
        Assert.Equal([alpha, beta], closed.Select(r => r.FullPath).Order(StringComparer.Ordinal));
        Assert.All(closed, r => Assert.Empty(r.Diagnostics));
    }

    [Fact]
    public void Edits_do_not_read_the_corpus_again()
    {
        var alpha = Incident("alpha");
        var twin = _dir.Write("incidents/copy/alpha.json", File.ReadAllText(alpha)); // the same slug in another folder
        _dir.Write("lint.config.json", """{ "include": ["incidents/**/*.json"] }""");
        var workspace = new LintWorkspace(_dir.Path, PositionEncoding.Utf16, new LintOptions { MaxDegreeOfParallelism = 1 });
        Assert.Contains(workspace.Report(alpha).Diagnostics, d => d.Finding.RuleId == "duplicate-slug");
        // The twin disappears from disk without the editor saying so: what the workspace knows is not read again on an edit.
        File.Delete(twin);
        var text = File.ReadAllBytes(alpha);
        workspace.SetDocument(alpha, text);
        Assert.Contains(workspace.Report(alpha).Diagnostics, d => d.Finding.RuleId == "duplicate-slug");
        // Told about it (a file watcher), it updates the twin's slug and the files that asked about it.
        var changed = workspace.FilesChanged([twin]);
        Assert.Contains(changed, r => r.FullPath == alpha && r.Diagnostics.Count == 0);
        Assert.DoesNotContain(workspace.CorpusFiles, f => f == twin);
    }

    [Fact]
    public void A_broken_configuration_is_a_problem_located_in_its_file()
    {
        _dir.Write("lint.config.json", "{\n  \"include\": 5\n}");
        var workspace = new LintWorkspace(_dir.Path);
        Assert.Null(workspace.Linter);
        var problem = workspace.ConfigurationProblem!;
        Assert.Equal(_dir.Combine("lint.config.json"), problem.FullPath);
        Assert.Equal(2, problem.Line);
        Assert.Equal(14, problem.Column);
        Assert.Empty(workspace.SetDocument(_dir.Combine("incidents", "x.json"), "{}"u8.ToArray()));
    }

    [Fact]
    public void Disabling_a_rule_for_a_file_adds_an_overrides_entry_and_the_rule_goes_quiet_there()
    {
        var alpha = Incident("alpha");
        var config = _dir.Write("lint.config.json", "{\n  \"include\": [\"incidents/*.json\"],\n  \"overrides\": [\n    { \"files\": [\"legacy/**\"], \"rules\": { \"citation-format\": \"off\" } }\n  ]\n}\n");
        var workspace = new LintWorkspace(_dir.Path);
        var (path, edit) = workspace.DisableRuleForFile(alpha, "source-count")!.Value;
        Assert.Equal(config, path);
        Assert.Equal(edit.Range.Start, edit.Range.End);
        var lines = File.ReadAllText(config).Split('\n').ToList();
        var line = lines[edit.Range.Start.Line];
        lines[edit.Range.Start.Line] = line[..edit.Range.Start.Character] + edit.NewText + line[edit.Range.Start.Character..];
        var updated = string.Join('\n', lines);
        Assert.Contains("    { \"files\": [\"incidents/alpha.json\"], \"rules\": { \"source-count\": \"off\" } }", updated);
        File.WriteAllText(config, updated);
        var reloaded = new LintWorkspace(_dir.Path);
        Assert.Null(reloaded.ConfigurationProblem);
        Assert.Equal(Severity.Off, reloaded.Linter!.SeveritiesFor(alpha)["source-count"]);
        Assert.Equal(Severity.Error, reloaded.Linter!.SeveritiesFor(_dir.Combine("incidents", "beta.json"))["source-count"]);

        // A file name with glob characters cannot be named cleanly: no action.
        Assert.Null(reloaded.DisableRuleForFile(_dir.Combine("incidents", "a[1].json"), "source-count"));
        // Without a configuration file there is nothing to edit.
        File.Delete(config);
        Assert.Null(new LintWorkspace(_dir.Path).DisableRuleForFile(alpha, "source-count"));
    }
}
