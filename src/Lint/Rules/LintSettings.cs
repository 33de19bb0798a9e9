using Lint.Config;

namespace Lint.Rules;

/// <summary>The configuration rules read.</summary>
/// <param name="Site">The expected <c>site</c>, when configured.</param>
/// <param name="Taxonomy">Taxonomy ids and labels.</param>
public sealed record LintSettings(string? Site, Taxonomy Taxonomy)
{
    /// <summary>The incident schema used by the <c>schema</c> rule.</summary>
    public Schema.SchemaValidator? Schema { get; init; }
}
