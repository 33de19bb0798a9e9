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

    /// <summary>How deep the current instance node is (0 for the document).</summary>
    public int Depth => _depth;

    // ---- annotations for unevaluatedProperties / unevaluatedItems ------------------------------------------

    /// <summary>
    /// The evaluated properties and items of the instance that the innermost schema with <c>unevaluated*</c> is
    /// checking, or null. It applies only at its own depth: deeper instance nodes have their own.
    /// </summary>
    public Annotations? Tracker;

    private readonly Stack<Annotations> _trackers = new();

    /// <summary>The tracker that keywords evaluating the current instance node record into, if any.</summary>
    public Annotations? Active => Tracker is { } t && t.Depth == _depth ? t : null;

    /// <summary>A fresh tracker for the current instance node.</summary>
    public Annotations RentTracker()
    {
        var t = _trackers.Count > 0 ? _trackers.Pop() : new Annotations();
        t.Reset(_depth);
        return t;
    }

    public void ReturnTracker(Annotations t) => _trackers.Push(t);

    // ---- dynamic scope for $dynamicRef / $recursiveRef --------------------------------------------------------

    private SchemaResource[] _scope = new SchemaResource[16];
    private int _scopeDepth;

    /// <summary>The innermost schema resource being evaluated, or null.</summary>
    public SchemaResource? TopResource => _scopeDepth > 0 ? _scope[_scopeDepth - 1] : null;

    /// <summary>The schema resources being evaluated, outermost first.</summary>
    public ReadOnlySpan<SchemaResource> Scope => _scope.AsSpan(0, _scopeDepth);

    public void PushScope(SchemaResource resource)
    {
        if (_scopeDepth == _scope.Length) Array.Resize(ref _scope, _scopeDepth * 2);
        _scope[_scopeDepth++] = resource;
    }

    public void PopScope() => _scopeDepth--;

    /// <summary>Forgets the state of an earlier (possibly aborted) validation.</summary>
    public void Reset()
    {
        _depth = 0;
        _scopeDepth = 0;
        Tracker = null;
        Violations.Clear();
    }

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

/// <summary>The properties and items of one instance node that some keyword has evaluated (by position).</summary>
internal sealed class Annotations
{
    private ulong[] _props = new ulong[1];
    private ulong[] _items = new ulong[1];

    public int Depth;
    public bool AllProperties;
    public bool AllItems;

    public void Reset(int depth)
    {
        Depth = depth;
        Array.Clear(_props);
        Array.Clear(_items);
        AllProperties = AllItems = false;
    }

    public void MarkProperty(int i) => Mark(ref _props, i);

    public void MarkItem(int i) => Mark(ref _items, i);

    public void MarkItemsBelow(int n)
    {
        for (int i = 0; i < n; i++) Mark(ref _items, i);
    }

    public bool HasProperty(int i) => AllProperties || Has(_props, i);

    public bool HasItem(int i) => AllItems || Has(_items, i);

    /// <summary>Adds what another tracker of the same node recorded (a subschema that passed).</summary>
    public void Merge(Annotations other)
    {
        AllProperties |= other.AllProperties;
        AllItems |= other.AllItems;
        Or(ref _props, other._props);
        Or(ref _items, other._items);
    }

    private static void Mark(ref ulong[] bits, int i)
    {
        int w = i >> 6;
        if (w >= bits.Length) Array.Resize(ref bits, Math.Max(w + 1, bits.Length * 2));
        bits[w] |= 1UL << (i & 63);
    }

    private static bool Has(ulong[] bits, int i)
    {
        int w = i >> 6;
        return w < bits.Length && (bits[w] & (1UL << (i & 63))) != 0;
    }

    private static void Or(ref ulong[] bits, ulong[] other)
    {
        if (other.Length > bits.Length) Array.Resize(ref bits, other.Length);
        for (int i = 0; i < other.Length; i++) bits[i] |= other[i];
    }
}
