namespace Lint.Schema;

/// <summary>One violation of a JSON Schema, translated into plain words.</summary>
/// <param name="Pointer">JSON Pointer of the offending node.</param>
/// <param name="Message">What is wrong: the property, what was expected, what was found.</param>
/// <param name="AtKey">Whether the finding belongs at the property name (unknown properties) rather than the value.</param>
public sealed record SchemaViolation(string Pointer, string Message, bool AtKey = false)
{
    /// <summary>Why the node is flagged, where the reason matters beyond the message (<see cref="SchemaViolationKind.Other"/> otherwise).</summary>
    public SchemaViolationKind Kind { get; init; }

    /// <summary>For <see cref="SchemaViolationKind.UnknownProperty"/>: the known property it is probably a typo of.</summary>
    public string? SuggestedName { get; init; }
}

/// <summary>The violations the de-duplication of schema findings needs to tell apart.</summary>
public enum SchemaViolationKind
{
    /// <summary>Any other violation.</summary>
    Other = 0,
    /// <summary>A required property is absent (reported at the pointer the property would have).</summary>
    MissingRequired,
    /// <summary>A property that <c>additionalProperties: false</c> does not allow (reported at its name).</summary>
    UnknownProperty,
}

/// <summary>A schema that cannot be used: remote reference, unsupported keyword, unreadable or invalid file.</summary>
public sealed class SchemaLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SchemaLoadException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception for a problem at <paramref name="schemaPointer"/> in the root schema document.</summary>
    public SchemaLoadException(string message, string? schemaPointer) : base(message) => SchemaPointer = schemaPointer;

    /// <summary>JSON Pointer, in the root schema document, of the schema or keyword at fault; null when unknown or in another document.</summary>
    public string? SchemaPointer { get; }
}
