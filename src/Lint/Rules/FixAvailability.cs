namespace Lint.Rules;

/// <summary>Whether a rule's findings come with a safe automatic fix (as ruff's <c>FixAvailability</c>).</summary>
public enum FixAvailability
{
    /// <summary>The rule never offers a fix; a fix offered anyway is a defect of the rule and fails loudly.</summary>
    Never = 0,
    /// <summary>Some findings have a fix (for example a wrong label), others cannot be fixed safely (an unknown id).</summary>
    Sometimes = 1,
    /// <summary>Every finding has a fix.</summary>
    Always = 2,
}

/// <summary>The names of <see cref="FixAvailability"/> as shown by <c>lint rules</c> and the documentation.</summary>
public static class FixAvailabilityNames
{
    /// <summary><c>always</c>, <c>sometimes</c> or <c>never</c>.</summary>
    public static string ToName(this FixAvailability availability) => availability switch
    {
        FixAvailability.Always => "always",
        FixAvailability.Sometimes => "sometimes",
        _ => "never",
    };
}
