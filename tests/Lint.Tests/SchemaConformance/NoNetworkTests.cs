using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Lint.Schema;
using Lint.Schema.Draft7;

namespace Lint.Tests.SchemaConformance;

/// <summary>References never reach the network: an unmapped remote reference is a load error, not a download.</summary>
public sealed class NoNetworkTests
{
    public static TheoryData<SuiteCaseId> RefRemoteGroups() =>
        new(TestSuite.Cases("refRemote.json").Where(c => c.Test == 0).Select(c => new SuiteCaseId(c.Id)));

    [Theory]
    [MemberData(nameof(RefRemoteGroups))]
    public void RefRemote_without_the_map_is_refused(SuiteCaseId @case)
    {
        var c = TestSuite.Find(@case.Id);
        var ex = Assert.Throws<SchemaLoadException>(() => CompiledSchema.FromElement(c.Schema));
        Assert.Contains("remote references are not allowed", ex.Message);
        Assert.Contains("schemaMap", ex.Message);
    }

    [Fact]
    public void A_remote_reference_to_a_listening_server_is_refused_without_any_connection()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            string url = $"http://127.0.0.1:{port}/schema.json";
            var ex = Assert.Throws<SchemaLoadException>(() => CompiledSchema.FromText($$"""{ "properties": { "a": { "$ref": "{{url}}#/definitions/x" } } }"""));
            Assert.Contains("remote references are not allowed", ex.Message);
            Assert.Contains(url, ex.Message);

            var viaLint = Assert.Throws<SchemaLoadException>(() => SchemaValidator.FromText($$"""{ "$ref": "{{url}}" }""", "inline", null));
            Assert.Contains("remote references are not allowed", viaLint.Message);

            Thread.Sleep(200);
            Assert.False(listener.Pending(), "the validator connected to the server");
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public void A_mapped_prefix_is_read_from_the_folder()
    {
        var schema = CompiledSchema.FromText("""{ "$ref": "http://localhost:1234/draft7/subSchemas.json#/definitions/refToInteger" }""", TestSuite.Options);
        using var one = JsonDocument.Parse("1");
        using var text = JsonDocument.Parse("\"a\"");
        Assert.True(schema.IsValid(one.RootElement));
        Assert.False(schema.IsValid(text.RootElement));
    }

    [Fact]
    public void A_mapped_reference_cannot_leave_its_folder()
    {
        var ex = Assert.Throws<SchemaLoadException>(() => CompiledSchema.FromText("""{ "$ref": "http://localhost:1234/%2e%2e/%2e%2e/NOTE.md" }""", TestSuite.Options));
        Assert.Contains("leaves the folder", ex.Message);
    }

    [Fact]
    public void The_meta_schema_is_bundled()
    {
        var schema = CompiledSchema.FromText("""{ "$ref": "http://json-schema.org/draft-07/schema#" }""");
        using var good = JsonDocument.Parse("""{ "type": "string", "minLength": 1 }""");
        using var bad = JsonDocument.Parse("""{ "type": "strnig" }""");
        Assert.True(schema.IsValid(good.RootElement));
        Assert.False(schema.IsValid(bad.RootElement));
    }

    [Fact]
    public void The_harness_reports_a_wrong_outcome()
    {
        var c = TestSuite.Find(TestSuite.Required().First(x => x.File == "draft7/type.json").Id);
        Assert.Null(TestSuite.Run(c));
        Assert.NotNull(TestSuite.Run(c with { Valid = !c.Valid }));
    }
}
