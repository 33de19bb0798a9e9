using System.Text;
using System.Text.Json;
using Lint.Schema;
using Lint.Schema.Draft7;

namespace Lint.Tests.SchemaConformance;

/// <summary>
/// Random documents against every schema of the suite, the meta-schema and lint's schemas: no exception, and
/// <see cref="CompiledSchema.IsValid"/> agrees with <see cref="CompiledSchema.Validate"/>.
/// </summary>
public sealed class RandomInstanceTests
{
    private static readonly string[] Names = ["a", "foo", "bar", "$ref", "record", "slug", "", "aaa", "x y", "\u00e9", "~/", "1"];
    private static readonly string[] Strings = ["", "a", "foo", "2025-02-06", "2025-02-06T12:00:00Z", "https://example.org/a", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", "\uD83D\uDCA9", "12:00:00Z", "::1", "1.2.3.4", "\u0000", "\\"];

    private static void Write(Utf8JsonWriter w, Random r, int depth)
    {
        switch (depth > 4 ? r.Next(6) : r.Next(8))
        {
            case 0: w.WriteNullValue(); break;
            case 1: w.WriteBooleanValue(r.Next(2) == 0); break;
            case 2: w.WriteNumberValue(r.Next(-3, 30)); break;
            case 3: w.WriteRawValue(r.Next(4) switch { 0 => "1.0", 1 => "-2.5", 2 => "1e308", _ => "0.0075" }); break;
            case 4:
            case 5: w.WriteStringValue(Strings[r.Next(Strings.Length)]); break;
            case 6:
                w.WriteStartArray();
                for (int i = r.Next(4); i > 0; i--) Write(w, r, depth + 1);
                w.WriteEndArray();
                break;
            default:
                w.WriteStartObject();
                foreach (var name in Names.OrderBy(_ => r.Next()).Take(r.Next(5)))
                {
                    w.WritePropertyName(name);
                    Write(w, r, depth + 1);
                }
                w.WriteEndObject();
                break;
        }
    }

    [Fact]
    public void Random_documents_never_throw_and_both_entry_points_agree()
    {
        var schemas = TestSuite.Required().Concat(TestSuite.OptionalFormats())
            .GroupBy(c => (c.File, c.Group)).Select(g => CompiledSchema.FromElement(g.First().Schema, TestSuite.Options))
            .Append(SchemaValidator.Default.Schema).Append(SchemaValidator.Configuration.Schema)
            .Append(CompiledSchema.FromText("""{"$ref":"http://json-schema.org/draft-07/schema#"}"""))
            .ToList();
        var random = new Random(8);
        for (int n = 0; n < 300; n++)
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true })) Write(w, random, 0);
            using var doc = JsonDocument.Parse(buffer.ToArray());
            foreach (var schema in schemas)
            {
                bool valid = schema.IsValid(doc.RootElement);
                var violations = schema.Validate(doc.RootElement);
                Assert.True(valid == (violations.Count == 0), $"{Encoding.UTF8.GetString(buffer.ToArray())}: IsValid {valid}, {violations.Count} violations");
                Assert.Equal(violations.Count, violations.Select(v => v.Pointer).Distinct().Count());
            }
        }
    }
}
