using System.Text.Json.Nodes;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Cli;

/// <summary>Incident files may name their schema in a top-level <c>$schema</c> for editors (docs/editors.md).</summary>
public sealed class EditorSupportTests
{
    private static string WithSchema(JsonNode value)
    {
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(Incidents.ExamplesDirectory, "icc-sanctions.json")))!.AsObject();
        var entries = doc.ToList();
        doc.Clear();
        doc["$schema"] = value;
        foreach (var (key, v) in entries) doc[key] = v;
        return Incidents.ToText(doc);
    }

    [Theory]
    [InlineData("../../incident.schema.json")]
    [InlineData("https://example.org/schemas/incident.schema.json")]
    public async Task ATopLevelSchemaPropertyIsAccepted(string reference)
    {
        var linter = new Linter(new LintOptions { WorkingDirectory = Repo.Root });
        var result = await linter.LintTextAsync("examples/incidents/icc-sanctions.json", WithSchema(reference));
        Assert.Equal("", ReportText.Of(result.Findings));
    }

    [Fact]
    public async Task TheSchemaPropertyIsOnlyAllowedAtTheTopLevelAndAsAString()
    {
        var linter = new Linter(new LintOptions { WorkingDirectory = Repo.Root });
        var notString = await linter.LintTextAsync("examples/incidents/icc-sanctions.json", WithSchema(42));
        Assert.Contains(notString.Findings, f => f.RuleId == "schema" && f.Pointer == "/$schema");

        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(Incidents.ExamplesDirectory, "icc-sanctions.json")))!.AsObject();
        doc["record"]!.AsObject()["$schema"] = "x.json";
        var nested = await linter.LintTextAsync("examples/incidents/icc-sanctions.json", Incidents.ToText(doc));
        Assert.Contains(nested.Findings, f => f.RuleId == "schema" && f.Pointer.StartsWith("/record", StringComparison.Ordinal));
    }
}
