using NJsonSchema;
using NJsonSchema.References;
using Lint.Schema;
using Xunit.Abstractions;

namespace Lint.Tests.SchemaConformance;

/// <summary>
/// Measures NJsonSchema 11.6.2, the validator lint used before, on the same test-suite cases, with the same local
/// remotes (no network): the evidence quoted in docs/schema-validation.md.
/// </summary>
public sealed class NJsonSchemaBaselineTests(ITestOutputHelper output)
{
    /// <summary>The numbers written in docs/schema-validation.md. Update both together.</summary>
    private const int DocumentedRequiredPasses = 707;
    private const int DocumentedOptionalPasses = 132;

    private sealed class LocalOnlyResolver(JsonSchemaAppender appender) : JsonReferenceResolver(appender)
    {
        public override async Task<IJsonReference> ResolveUrlReferenceAsync(string url, CancellationToken cancellationToken = default)
        {
            string? path = null;
            if (url.StartsWith("http://localhost:1234/", StringComparison.Ordinal)) path = Path.Combine(TestSuite.Remotes, url["http://localhost:1234/".Length..]);
            if (path is null && url.StartsWith("http://json-schema.org/draft-07/schema", StringComparison.Ordinal))
                return await JsonSchema.FromJsonAsync(SchemaValidator.ReadResource("Lint.schemas.json-schema-draft-07.json"), url, Factory, cancellationToken);
            if (path is null) throw new InvalidOperationException("no network in tests: " + url);
            return await JsonSchema.FromJsonAsync(await File.ReadAllTextAsync(path, cancellationToken), url, Factory, cancellationToken);
        }

        public static JsonReferenceResolver Factory(JsonSchema schema) => new LocalOnlyResolver(new JsonSchemaAppender(schema, new DefaultTypeNameGenerator()));
    }

    /// <summary>refRemote.json groups on which NJsonSchema's reference resolver recurses until the stack overflows.</summary>
    private static readonly HashSet<string> CrashesNJsonSchema =
    [
        "Location-independent identifier in remote ref",
        "$ref to $ref finds location-independent $id",
    ];

    private static async Task<(int Passed, List<string> Failed)> Run(IEnumerable<SuiteCase> cases)
    {
        int passed = 0;
        var failed = new List<string>();
        var schemas = new Dictionary<(string, int), JsonSchema?>();
        foreach (var c in cases)
        {
            if (CrashesNJsonSchema.Contains(c.GroupDescription))
            {
                failed.Add(c.Id + " (not run: NJsonSchema overflows the stack, which kills the process)");
                continue;
            }
            bool? valid = null;
            try
            {
                if (!schemas.TryGetValue((c.File, c.Group), out var schema))
                {
                    try
                    {
                        schema = await JsonSchema.FromJsonAsync(c.Schema.GetRawText(), null, LocalOnlyResolver.Factory);
                    }
                    catch (Exception)
                    {
                        schema = null;
                    }
                    schemas[(c.File, c.Group)] = schema;
                }
                if (schema is not null) valid = schema.Validate(c.Data.GetRawText()).Count == 0;
            }
            catch (Exception)
            {
                valid = null;
            }
            if (valid == c.Valid) passed++;
            else failed.Add(c.Id + (valid is null ? " (exception)" : ""));
        }
        return (passed, failed);
    }

    [Fact]
    public async Task NJsonSchema_falls_short_of_the_suite()
    {
        var (required, requiredFailed) = await Run(TestSuite.Required());
        var (optional, optionalFailed) = await Run(TestSuite.OptionalFormats());
        output.WriteLine($"NJsonSchema: {required}/927 required, {optional}/160 optional format tests");
        foreach (var group in requiredFailed.Concat(optionalFailed).GroupBy(f => f[..f.IndexOf(" #", StringComparison.Ordinal)]))
            output.WriteLine($"  {group.Key}: {group.Count()} failed");
        Assert.Equal(DocumentedRequiredPasses, required);
        Assert.Equal(DocumentedOptionalPasses, optional);
    }
}
