using NJsonSchema;
using NJsonSchema.References;

namespace Lint.Schema;

/// <summary>A reference resolver that refuses every URL reference; file references next to the schema still resolve.</summary>
internal sealed class NoNetworkReferenceResolver(JsonSchemaAppender appender) : JsonReferenceResolver(appender)
{
    public static Func<JsonSchema, JsonReferenceResolver> Factory { get; } =
        schema => new NoNetworkReferenceResolver(new JsonSchemaAppender(schema, new DefaultTypeNameGenerator()));

    public override Task<IJsonReference> ResolveUrlReferenceAsync(string url, CancellationToken cancellationToken = default) =>
        throw new SchemaLoadException($"remote references are not allowed: \"{url}\" (lint never downloads schemas)");
}
