using System.Text.Json;
using Lint.Parsing;

namespace Lint.Rules;

/// <summary>Everything a rule may read about one well-formed file, and the place to report findings.</summary>
public sealed class FileContext
{
    private readonly List<RawFinding> _findings;
    private readonly IReadOnlyDictionary<string, Severity> _severities;
    private readonly Func<string, IReadOnlyDictionary<string, Severity>>? _severitiesOf;
    private Dictionary<RuleFact, bool>? _facts;
    private HashSet<RuleFact>? _computing;
    private ILintRule? _current;

    private readonly IReadOnlyDictionary<string, RuleOptions>? _options;

    internal FileContext(string displayPath, string fullPath, ParsedDocument document, LintSettings settings, List<RawFinding> findings,
        IReadOnlyDictionary<string, Severity> severities, Func<string, IReadOnlyDictionary<string, Severity>>? severitiesOf = null,
        IReadOnlyDictionary<string, RuleOptions>? options = null)
    {
        _options = options;
        DisplayPath = displayPath;
        FullPath = fullPath;
        Document = document;
        Settings = settings;
        _findings = findings;
        _severities = severities;
        _severitiesOf = severitiesOf;
        var root = document.Root;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("record", out var record) && record.ValueKind == JsonValueKind.Object)
            Record = record;
    }

    /// <summary>The path shown in reports.</summary>
    public string DisplayPath { get; }

    /// <summary>The full path of the file (or the name given for standard input).</summary>
    public string FullPath { get; }

    /// <summary>The file name without <c>.json</c>.</summary>
    public string FileStem => Path.GetFileNameWithoutExtension(FullPath);

    /// <summary>The strict parse, with positions.</summary>
    public ParsedDocument Document { get; }

    /// <summary>The root element.</summary>
    public JsonElement Root => Document.Root;

    /// <summary>The <c>record</c> object, when the root is an object holding an object <c>record</c>.</summary>
    public JsonElement? Record { get; }

    /// <summary>Configuration that rules read: site, taxonomy, the schema.</summary>
    public LintSettings Settings { get; }

    internal void SetCurrentRule(ILintRule rule) => _current = rule;

    /// <summary>
    /// The options of the running rule for this file (<see cref="RuleMetadata.OptionsSchema"/>): as the configuration
    /// writes them (<c>"rules": { "id": ["warning", { ... }] }</c>, and <c>overrides</c>), validated, with the schema's
    /// defaults for what it does not write. <see cref="RuleOptions.Empty"/> for a rule without options.
    /// </summary>
    public RuleOptions Options =>
        _current is { } rule && _options is not null && _options.TryGetValue(rule.Metadata.Id, out var options) ? options : RuleOptions.Empty;

    /// <summary>
    /// Whether the rule <paramref name="ruleId"/> runs on this file (its effective severity is not off, after the
    /// configuration, its overrides and the command line). An unknown id is not enabled.
    /// </summary>
    public bool IsRuleEnabled(string ruleId) => _severities.TryGetValue(ruleId, out var s) && s != Severity.Off;

    /// <summary>
    /// Whether the rule <paramref name="ruleId"/> runs on another file of the corpus, given by its display path (for
    /// corpus rules, whose other side may have overrides of its own).
    /// </summary>
    public bool IsRuleEnabledFor(string ruleId, string displayPath)
    {
        if (displayPath == DisplayPath || _severitiesOf is null) return IsRuleEnabled(ruleId);
        return _severitiesOf(displayPath).TryGetValue(ruleId, out var s) && s != Severity.Off;
    }

    /// <summary>
    /// Whether <paramref name="fact"/> holds for this file (computed once per file, whichever rule asks first).
    /// Most rules want <see cref="Defers(RuleFact)"/> instead, which also asks whether the owner is enabled.
    /// </summary>
    public bool Holds(RuleFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        _facts ??= [];
        if (_facts.TryGetValue(fact, out bool holds)) return holds;
        _computing ??= [];
        if (!_computing.Add(fact)) throw new InvalidOperationException($"the fact '{fact.Name}' depends on itself");
        try
        {
            holds = fact.Compute(this);
        }
        finally
        {
            _computing.Remove(fact);
        }
        _facts[fact] = holds;
        return holds;
    }

    /// <summary>
    /// Whether a rule that builds on <paramref name="fact"/> should wait: the fact fails and its owner rule is enabled
    /// for this file, so the owner reports the defect and the asking rule stays silent (one defect, one finding). When
    /// the owner is off, this is false and the asking rule checks the values as written: a rule that is off never
    /// silences another.
    /// </summary>
    public bool Defers(RuleFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return IsRuleEnabled(fact.OwnerRuleId) && !Holds(fact);
    }

    /// <summary>Reports a finding of the running rule at the node <paramref name="pointer"/>.</summary>
    /// <param name="pointer">JSON Pointer of the offending node (the nearest existing ancestor is used for position when it is missing).</param>
    /// <param name="message">A message declared in the rule's metadata (<see cref="RuleMetadata.Messages"/>), filled in with <see cref="RuleMessage.With"/>.</param>
    /// <param name="fix">A safe fix, if the rule has one.</param>
    /// <param name="atKey">Locate at the property name rather than the value.</param>
    public void Report(string pointer, ReportMessage message, Fix? fix = null, bool atKey = false) =>
        Add(message.Id, message.Text, Document.OffsetOf(pointer, atKey), pointer, fix);

    /// <summary>Reports a finding of the running rule at the node <paramref name="pointer"/>, with a message that has no id (for custom rules that declare no messages).</summary>
    /// <param name="pointer">JSON Pointer of the offending node (the nearest existing ancestor is used for position when it is missing).</param>
    /// <param name="message">Plain-words message.</param>
    /// <param name="fix">A safe fix, if the rule has one.</param>
    /// <param name="atKey">Locate at the property name rather than the value.</param>
    public void Report(string pointer, string message, Fix? fix = null, bool atKey = false) =>
        Add(null, message, Document.OffsetOf(pointer, atKey), pointer, fix);

    /// <summary>
    /// Reports a finding of the running rule at a place inside the string at <paramref name="pointer"/>: the UTF-16 unit
    /// <paramref name="index"/> of its decoded value, located in the file through escapes (<see cref="StringPositions"/>).
    /// </summary>
    public void ReportInString(string pointer, int index, ReportMessage message, Fix? fix = null) =>
        Add(message.Id, message.Text, Document.OffsetInString(pointer, index), pointer, fix);

    /// <summary>As <see cref="ReportInString(string, int, ReportMessage, Fix?)"/>, with a message that has no id.</summary>
    public void ReportInString(string pointer, int index, string message, Fix? fix = null) =>
        Add(null, message, Document.OffsetInString(pointer, index), pointer, fix);

    /// <summary>Reports a finding of the running rule at a byte offset (for positions that are not a node, such as a repeated key).</summary>
    public void ReportAt(int offset, string pointer, ReportMessage message) => Add(message.Id, message.Text, offset, pointer, null);

    /// <summary>As <see cref="ReportAt(int, string, ReportMessage)"/>, with a message that has no id.</summary>
    public void ReportAt(int offset, string pointer, string message) => Add(null, message, offset, pointer, null);

    private void Add(string? messageId, string message, int offset, string pointer, Fix? fix)
    {
        var rule = _current ?? throw new InvalidOperationException("Report called outside a rule.");
        var metadata = rule.Metadata;
        // A fix from a rule declared never-fixable, or a message the rule does not declare, is a defect of the rule:
        // fail loudly (the engine turns this into an error finding naming the rule) rather than pass it on silently.
        if (fix is not null && metadata.FixAvailability == FixAvailability.Never)
            throw new InvalidOperationException($"rule '{metadata.Id}' is declared never-fixable (FixAvailability.Never) but offered a fix");
        if (messageId is not null && !metadata.DeclaresMessage(messageId))
            throw new InvalidOperationException($"rule '{metadata.Id}' reported the message '{messageId}', which its metadata does not declare");
        _findings.Add(new RawFinding(metadata.Id, message, offset, pointer, fix, messageId));
    }

    /// <summary>The byte span of the node at <paramref name="pointer"/>.</summary>
    public bool TryGetSpan(string pointer, out NodeSpan span) => Document.Positions.TryGet(pointer, out span);

    /// <summary>A fix that replaces the value at <paramref name="pointer"/> with <paramref name="json"/> (raw JSON text).</summary>
    public Fix? ReplaceValue(string pointer, string json, string description) =>
        TryGetSpan(pointer, out var span) ? Fix.Replace(description, span.Start, span.Length, json) : null;

    /// <summary>A fix that replaces the value at <paramref name="pointer"/> with the JSON string <paramref name="value"/>.</summary>
    public Fix? ReplaceString(string pointer, string value, string description) => ReplaceValue(pointer, EncodeString(value), description);

    /// <summary>
    /// Encodes a JSON string literal, keeping non-ASCII text raw as the incident files do. Quotes, backslashes and
    /// control characters are escaped, and so are bidirectional controls and invisible formatting characters (and
    /// characters outside the Basic Multilingual Plane), so that a fix never writes text that displays differently
    /// from what it holds.
    /// </summary>
    public static string EncodeString(string value)
    {
        return Text.EscapeWhere(JsonText.RelaxedString(value), Text.NeedsEscape);
    }

    /// <summary>
    /// A fix that removes item <paramref name="index"/> of the array at <paramref name="arrayPointer"/> (of
    /// <paramref name="count"/> items) with its separator: from the end of the previous item to the end of this one, or,
    /// for the first item, from its start to the start of the next one, so that the layout of the other items is kept.
    /// Removing the only item leaves <c>[]</c>.
    /// </summary>
    public Fix? RemoveArrayItem(string arrayPointer, int index, int count, string description)
    {
        if (!TryGetSpan(JsonPointer.Append(arrayPointer, index), out var item)) return null;
        int start, end;
        if (index > 0 && TryGetSpan(JsonPointer.Append(arrayPointer, index - 1), out var previous))
        {
            start = previous.End;
            end = item.End;
        }
        else if (index + 1 < count && TryGetSpan(JsonPointer.Append(arrayPointer, index + 1), out var next))
        {
            start = item.Start;
            end = next.Start;
        }
        else
        {
            // The only item: empty the array to "[]" (what a serializer writes for an empty array), so that no
            // blank, indented line is left between the brackets.
            if (!TryGetSpan(arrayPointer, out var array) || array.Length < 2) return null;
            start = array.Start + 1;
            end = array.End - 1;
        }
        return Fix.Replace(description, start, end - start, "");
    }

    /// <summary>The raw text of the bytes in <paramref name="span"/>.</summary>
    public string RawText(NodeSpan span) => System.Text.Encoding.UTF8.GetString(Document.Memory.Span.Slice(span.Start, span.Length));
}

/// <summary>A finding before severity and line/column are attached.</summary>
internal sealed record RawFinding(string RuleId, string Message, int Offset, string Pointer, Fix? Fix, string? MessageId = null);
