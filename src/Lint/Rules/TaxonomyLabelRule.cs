using Lint.Parsing;

namespace Lint.Rules;

/// <summary><c>taxonomy-label</c>: a label differs from the taxonomy's label for its id, or an id is not in the taxonomy.</summary>
public sealed class TaxonomyLabelRule : IFileRule
{
    /// <summary>The id is not in the taxonomy (no fix).</summary>
    public static RuleMessage UnknownId { get; } = new("unknown-id", "unknown {{dimension}} {{id}}; known {{dimension}} ids: {{known}}");

    /// <summary>The label is not the taxonomy's label for the id.</summary>
    public static RuleMessage WrongLabel { get; } = new("wrong-label", "{{labelField}} {{label}} should be {{expected}}, the label of {{dimension}} {{id}}");

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("taxonomy-label", "A category, severity or posture id is not in the taxonomy, or its label differs from the taxonomy's.", Severity.Error, FixAvailability.Sometimes) { Messages = [UnknownId, WrongLabel], Inputs = ["/record/category", "/record/categoryLabel", "/record/severity", "/record/severityLabel", "/record/posture", "/record/postureLabel"] };

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
                    UnknownId.With(("dimension", dimension), ("id", Text.Quote(id)), ("known", known.Count == 0 ? "(none)" : string.Join(", ", known))));
                continue;
            }
            string labelField = dimension + "Label";
            if (!record.TryGetString(labelField, out var label) || label.Length == 0 || label == expected) continue;
            string pointer = RecordFields.RecordPointer(labelField);
            context.Report(pointer, WrongLabel.With(("labelField", labelField), ("label", Text.Quote(label)), ("expected", Text.Quote(expected)), ("dimension", dimension), ("id", Text.Quote(id))),
                context.ReplaceString(pointer, expected, $"set {labelField} to {expected}"));
        }
    }
}
