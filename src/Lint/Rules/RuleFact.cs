namespace Lint.Rules;

/// <summary>
/// A fact about one file that several rules rely on, owned by the one rule that reports when it does not hold (for
/// example "the url is the one site and slug imply", owned by <c>url-slug</c>). A rule that builds on the fact asks
/// <see cref="FileContext.Defers(RuleFact)"/>: it waits only while the owner is enabled for the file and the fact
/// fails, so that one defect gives one finding, and a rule that is off never silences another. The fact is computed
/// at most once per file, whichever rule asks first. Rules never call each other's classes.
/// </summary>
/// <remarks>
/// Custom rules may declare facts of their own in the same way. A missing, mistyped or malformed input is not a fact:
/// a rule that cannot read its input stays silent whatever the <c>schema</c> rule's severity.
/// </remarks>
public sealed class RuleFact
{
    private readonly Func<FileContext, bool> _holds;

    /// <param name="name">What holds when the fact holds, in plain words (for documentation and test names).</param>
    /// <param name="ownerRuleId">The id of the rule that reports the file when the fact fails.</param>
    /// <param name="holds">Computes the fact for one file; may ask <see cref="FileContext.Defers(RuleFact)"/> about other facts (no cycles).</param>
    /// <param name="inputs">
    /// The values the fact is computed from, as JSON Pointers (as <see cref="RuleMetadata.Inputs"/>): while one is a
    /// duplicated key (and <c>duplicate-key</c> is on), the fact cannot be trusted and the rules that build on it wait.
    /// </param>
    public RuleFact(string name, string ownerRuleId, Func<FileContext, bool> holds, params IReadOnlyList<string> inputs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerRuleId);
        ArgumentNullException.ThrowIfNull(holds);
        Name = name;
        OwnerRuleId = ownerRuleId;
        _holds = holds;
        Inputs = inputs ?? [];
    }

    /// <summary>The values the fact is computed from, as JSON Pointers (a <c>*</c> token matches any one key or index).</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>What holds when the fact holds.</summary>
    public string Name { get; }

    /// <summary>The rule that reports a file where the fact fails.</summary>
    public string OwnerRuleId { get; }

    internal bool Compute(FileContext context) => _holds(context);

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({OwnerRuleId})";
}
