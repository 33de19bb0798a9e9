namespace Lint.Config;

/// <summary>The ids and labels of the category, severity and posture taxonomies.</summary>
public sealed class Taxonomy
{
    /// <summary>The dimensions a record carries: <c>category</c>, <c>severity</c>, <c>posture</c>.</summary>
    public static IReadOnlyList<string> Dimensions { get; } = ["category", "severity", "posture"];

    /// <summary>The built-in taxonomy.</summary>
    public static Taxonomy Default { get; } = new(new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        ["category"] = new Dictionary<string, string> { ["rule-of-law"] = "Rule of Law" },
        ["severity"] = new Dictionary<string, string> { ["severe"] = "Serious Rights Violation" },
        ["posture"] = new Dictionary<string, string> { ["reported"] = "Reported record" },
    });

    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _labels;

    /// <summary>Creates a taxonomy from dimension to (id to label).</summary>
    public Taxonomy(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> labels) => _labels = labels;

    /// <summary>The labels of one dimension, by id.</summary>
    public IReadOnlyDictionary<string, string> LabelsOf(string dimension) =>
        _labels.TryGetValue(dimension, out var map) ? map : new Dictionary<string, string>();

    /// <summary>This taxonomy extended with <paramref name="extra"/>: new ids are added, existing ids get the new label.</summary>
    public Taxonomy Extend(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> extra)
    {
        var merged = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        foreach (var dim in Dimensions)
        {
            var map = new Dictionary<string, string>(LabelsOf(dim), StringComparer.Ordinal);
            if (extra.TryGetValue(dim, out var more))
                foreach (var (id, label) in more) map[id] = label;
            merged[dim] = map;
        }
        return new Taxonomy(merged);
    }
}
