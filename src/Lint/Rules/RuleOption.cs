namespace Lint.Rules;

/// <summary>One option of a rule, as its schema describes it.</summary>
/// <param name="Name">The property name in the options object.</param>
/// <param name="Type">The type in words (<c>boolean</c>, <c>integer</c>, <c>array of string</c>, or the allowed values).</param>
/// <param name="DefaultJson">The schema's <c>default</c> as JSON text, or null when it declares none.</param>
/// <param name="Description">The schema's <c>description</c>, or null.</param>
public sealed record RuleOption(string Name, string Type, string? DefaultJson, string? Description);
