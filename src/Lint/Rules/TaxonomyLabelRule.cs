using Lint.Parsing;

namespace Lint.Rules;

/// <summary><c>taxonomy-label</c>: a label differs from the taxonomy's label for its id, or an id is not in the taxonomy.</summary>
public sealed class TaxonomyLabelRule : IFileRule
{
    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("taxonomy-label", "A category, severity or posture id is not in the taxonomy, or its label differs from the taxonomy's.", Severity.Error, FixAvailability.Sometimes);

    /// <inheritdoc />
    public void Check(FileContext context)
    {
        if (context.Record is not { } record) return;
        foreach (var dimension in Config.Taxonomy.Dimensions)
        {
            if (!record.TryGetString(dimension, out var id) || !RecordFields.IsKebabCase(id)) continue;
            var labels = context.Settings.Taxonomy.LabelsOf(dimension);
            if (!labels.TryGetValue(id, out var expected))
            {
                var known = labels.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
                context.Report(RecordFields.RecordPointer(dimension),
                    $"unknown {dimension} {Text.Quote(id)}; known {dimension} ids: {(known.Count == 0 ? "(none)" : string.Join(", ", known))}");
                continue;
            }
            string labelField = dimension + "Label";
            if (!record.TryGetString(labelField, out var label) || label.Length == 0 || label == expected) continue;
            string pointer = RecordFields.RecordPointer(labelField);
            context.Report(pointer, $"{labelField} {Text.Quote(label)} should be {Text.Quote(expected)}, the label of {dimension} {Text.Quote(id)}",
                context.ReplaceString(pointer, expected, $"set {labelField} to {expected}"));
        }
    }
}
