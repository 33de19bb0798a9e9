using System.Text;
using System.Text.Json;
using Lint.Parsing;

namespace Lint.Schema.Draft7;

/// <summary>
/// State of one validation: the path from the root to the current instance node (kept as a stack of segments,
/// turned into a JSON Pointer only when a violation is reported) and the violations collected so far.
/// </summary>
internal sealed class ValidationContext
{
    private Segment[] _path = new Segment[32];
    private int _depth;

    /// <summary>Whether violations are being collected. False while a subschema is only tested (anyOf, not, if, contains...).</summary>
    public bool Collect;

    /// <summary>Evaluation steps left for this document (see <see cref="SchemaLoadOptions.MaxEvaluationSteps"/>).</summary>
    private long _stepsLeft = long.MaxValue;

    /// <summary>Time spent in backtracking patterns on this document, in stopwatch ticks.</summary>
    public long RegexTicks;

    /// <summary>The regular expression time budget of the run, or null for none.</summary>
    public RegexBudget? Regex;

    /// <summary>Starts a document: a fresh step budget and regular expression time.</summary>
    public void Begin(long maxSteps, RegexBudget? regex)
    {
        _stepsLeft = maxSteps;
        RegexTicks = 0;
        Regex = regex;
    }

    /// <summary>Counts one evaluation step; throws <see cref="EvaluationBudgetExceededException"/> when the document's budget is spent.</summary>
    public void Step()
    {
        if (--_stepsLeft < 0) throw new EvaluationBudgetExceededException();
    }

    /// <summary>The violations reported so far, in evaluation order.</summary>
    public List<SchemaViolation> Violations { get; } = [];

    public void Push(JsonProperty property)
    {
        if (_depth == _path.Length) Array.Resize(ref _path, _depth * 2);
        _path[_depth++] = new Segment(property, -1);
    }

    public void Push(int index)
    {
        if (_depth == _path.Length) Array.Resize(ref _path, _depth * 2);
        _path[_depth++] = new Segment(default, index);
    }

    public void Pop() => _depth--;

    /// <summary>The JSON Pointer of the current instance node.</summary>
    public string Pointer()
    {
        if (_depth == 0) return "";
        var sb = new StringBuilder();
        for (int i = 0; i < _depth; i++)
        {
            sb.Append('/');
            var s = _path[i];
            if (s.Index >= 0) sb.Append(s.Index);
            else sb.Append(JsonPointer.Escape(JsonValues.SafeName(s.Property)));
        }
        return sb.ToString();
    }

    /// <summary>The current node as a readable path (<c>record.sources[0].url</c>).</summary>
    public string Where() => JsonPointer.ToDisplayPath(Pointer());

    /// <summary>Reports a violation at the current node.</summary>
    public void Report(string message) => Violations.Add(new SchemaViolation(Pointer(), message));

    /// <summary>Reports a violation at a given pointer.</summary>
    public void Report(string pointer, string message, bool atKey) => Violations.Add(new SchemaViolation(pointer, message, atKey));

    public void Report(SchemaViolation violation) => Violations.Add(violation);

    private readonly record struct Segment(JsonProperty Property, int Index);
}
