using Lint.Tests.TestSupport;

namespace Lint.Tests.Cli;

/// <summary><c>lint schema</c> prints the embedded incident schema, byte for byte, for editors.</summary>
public sealed class SchemaCommandTests
{
    [Fact]
    public async Task PrintsTheIncidentSchemaOfTheRepository()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync("schema");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Equal(File.ReadAllText(Path.Combine(Repo.Root, "schemas", "incident.schema.json")), stdout);
    }

    [Fact]
    public async Task SchemaTakesNoArguments()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("schema", "extra");
        Assert.Equal(2, code);
        Assert.Contains("lint:", stderr);
    }
}
