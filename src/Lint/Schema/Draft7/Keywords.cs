using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lint.Parsing;

namespace Lint.Schema.Draft7;

/// <summary>The JSON types of draft-07's <c>type</c> keyword.</summary>
[Flags]
internal enum JsonTypes
{
    None = 0,
    Null = 1,
    Boolean = 2,
    Object = 4,
    Array = 8,
    Number = 16,
    String = 32,
    Integer = 64,
}

/// <summary><c>type</c>.</summary>
internal sealed class TypeKeyword(JsonTypes allowed, string[] names) : Keyword
{
    public override bool Evaluate(JsonElement e, ValidationContext ctx)
    {
        bool ok = e.ValueKind switch
        {
            JsonValueKind.Null => (allowed & JsonTypes.Null) != 0,
            JsonValueKind.True or JsonValueKind.False => (allowed & JsonTypes.Boolean) != 0,
            JsonValueKind.Object => (allowed & JsonTypes.Object) != 0,
            JsonValueKind.Array => (allowed & JsonTypes.Array) != 0,
            JsonValueKind.String => (allowed & JsonTypes.String) != 0,
            JsonValueKind.Number => (allowed & JsonTypes.Number) != 0 || ((allowed & JsonTypes.Integer) != 0 && JsonValues.IsInteger(e)),
            _ => false,
        };
        if (!ok && ctx.Collect)
        {
            string expected = names.Length == 1 ? Article(names[0]) : "one of: " + string.Join(", ", names);
            ctx.Report($"{ctx.Where()} must be {expected}, found {JsonValues.Describe(e)}");
        }
        return ok;
    }

    private static string Article(string type) => type switch
    {
        "null" => "null",
        "integer" or "object" or "array" => "an " + type,
        _ => "a " + type,
    };
}

/// <summary><c>enum</c>.</summary>
internal sealed class EnumKeyword(JsonElement[] values) : Keyword
{
    /// <summary>At most this many allowed values are listed in a message; the rest are counted.</summary>
    internal const int ListedValues = 20;

    private string? _allowed;

    public override bool Evaluate(JsonElement e, ValidationContext ctx)
    {
        foreach (var v in values)
            if (JsonValues.DeepEquals(e, v)) return true;
        if (ctx.Collect)
            ctx.Report($"{ctx.Where()} must be one of {_allowed ??= Allowed()}, found {JsonValues.Describe(e)}");
        return false;
    }

    /// <summary>The allowed values for a message, built once: a 50,000-value enum must not be quoted in every finding.</summary>
    private string Allowed()
    {
        var shown = string.Join(", ", values.Take(ListedValues).Select(JsonValues.Display));
        if (shown.Length > 1000) shown = shown[..1000] + "…";
        return values.Length <= ListedValues ? shown : $"{shown} … ({values.Length - ListedValues:N0} more)";
    }
}

/// <summary><c>const</c>.</summary>
internal sealed class ConstKeyword(JsonElement value) : Keyword
{
    public override bool Evaluate(JsonElement e, ValidationContext ctx)
    {
        if (JsonValues.DeepEquals(e, value)) return true;
        if (ctx.Collect) ctx.Report($"{ctx.Where()} must be {JsonValues.Display(value)}, found {JsonValues.Describe(e)}");
        return false;
    }
}

/// <summary>Regular expressions with a match timeout, matched against UTF-8 text without allocating.</summary>
internal static class Patterns
{
    [ThreadStatic]
    private static char[]? t_buffer;

    /// <summary>
    /// Whether <paramref name="regex"/> matches; <paramref name="notChecked"/> says why the match was not decided: it
    /// timed out, or the time budget of the document or of the run for backtracking patterns is spent (then the match
    /// is not even started). Patterns of the non-backtracking engine run in linear time and need no budget.
    /// </summary>
    public static bool IsMatch(Regex regex, ReadOnlySpan<byte> utf8, ValidationContext ctx, out string? notChecked)
    {
        notChecked = null;
        bool budgeted = regex.MatchTimeout != Regex.InfiniteMatchTimeout && ctx.Regex is not null;
        if (budgeted)
        {
            var budget = ctx.Regex!;
            if (ctx.RegexTicks >= budget.PerDocumentTicks)
            {
                notChecked = $"not run, because backtracking patterns already took {Seconds(budget.PerDocument)} s on this file (\"limits\": {{ \"regexMillisecondsPerFile\": N }})";
                return false;
            }
            if (budget.RunExhausted)
            {
                notChecked = $"not run, because backtracking patterns already took {Seconds(budget.Total)} s in this run (\"limits\": {{ \"regexMillisecondsPerRun\": N }})";
                return false;
            }
        }
        // UTF-8 never has fewer bytes than UTF-16 units, so a buffer of utf8.Length chars is enough.
        var buffer = t_buffer;
        if (buffer is null || buffer.Length < utf8.Length) t_buffer = buffer = new char[Math.Max(256, utf8.Length)];
        int n = Encoding.UTF8.GetChars(utf8, buffer);
        long start = budgeted ? System.Diagnostics.Stopwatch.GetTimestamp() : 0;
        try
        {
            return regex.IsMatch(buffer.AsSpan(0, n));
        }
        catch (RegexMatchTimeoutException)
        {
            notChecked = $"matching took longer than {Seconds(regex.MatchTimeout)} s";
            return false;
        }
        finally
        {
            if (budgeted)
            {
                long spent = System.Diagnostics.Stopwatch.GetTimestamp() - start;
                ctx.RegexTicks += spent;
                ctx.Regex!.Spend(spent);
            }
        }
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary><c>pattern</c>, <c>minLength</c>, <c>maxLength</c> and <c>format</c>: one read of the string.</summary>
internal sealed class StringKeyword : Keyword
{
    public Regex? Pattern { get; init; }
    public string? PatternText { get; init; }
    public int MinLength { get; init; } = -1;
    public long MaxLength { get; init; } = -1;
    public string? Format { get; init; }
    public Formats.FormatChecker? FormatChecker { get; init; }

    public override bool Evaluate(JsonElement e, ValidationContext ctx)
    {
        if (e.ValueKind != JsonValueKind.String) return true;
        // A long escaped text (a summary with quotes and line breaks) is decoded only when a keyword needs its value:
        // its raw length already bounds its length in code points (one to twelve raw bytes each).
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(e)[1..^1];
        bool escaped = raw.IndexOf((byte)'\\') >= 0;
        int leastCodePoints = escaped ? raw.Length / 12 : raw.Length / 4;
        bool checkMin = MinLength > 0 && leastCodePoints < MinLength;
        bool checkMax = MaxLength >= 0 && raw.Length > MaxLength;
        if (Pattern is null && FormatChecker is null && !checkMin && !checkMax) return true;
        var utf8 = escaped ? JsonValues.Utf8String(e) : raw;
        bool valid = true;
        if (Pattern is not null && !Patterns.IsMatch(Pattern, utf8, ctx, out string? notChecked))
        {
            valid = false;
            if (!ctx.Collect) return false;
            string hint = PatternText == "^[a-z0-9]+(-[a-z0-9]+)*$" ? " (lowercase kebab-case)" : "";
            ctx.Report(notChecked is not null
                ? $"{ctx.Where()} could not be checked against the pattern {Text.Sanitize(PatternText!)}: {notChecked}"
                : $"{ctx.Where()} must match the pattern {Text.Sanitize(PatternText!)}{hint}, found {JsonValues.Describe(e)}");
        }
        // A UTF-8 string of n bytes has between n/4 and n code points: count them only when that range is not enough.
        checkMin = MinLength > 0 && utf8.Length / 4 < MinLength;
        checkMax = MaxLength >= 0 && utf8.Length > MaxLength;
        if (checkMin || checkMax)
        {
            int length = JsonValues.CodePoints(utf8);
            if (length < MinLength)
            {
                valid = false;
                if (!ctx.Collect) return false;
                ctx.Report(MinLength == 1
                    ? $"{ctx.Where()} must not be empty"
                    : $"{ctx.Where()} must be at least {MinLength} characters long, found {JsonValues.Describe(e)}");
            }
            if (MaxLength >= 0 && length > MaxLength)
            {
                valid = false;
                if (!ctx.Collect) return false;
                ctx.Report($"{ctx.Where()} must be at most {MaxLength} characters long");
            }
        }
        if (FormatChecker is not null && !FormatChecker(utf8))
        {
            valid = false;
            if (!ctx.Collect) return false;
            ctx.Report($"{ctx.Where()} must be {FormatDescription(Format!)}, found {JsonValues.Describe(e)}");
        }
        return valid;
    }

    private static string FormatDescription(string format) => format switch
    {
        "date-time" => "an RFC 3339 date-time such as 2025-02-06T12:00:00Z",
        "date" => "a real calendar date written YYYY-MM-DD",
        "time" => "an RFC 3339 time such as 12:00:00Z",
        "uri" => "an absolute URI",
        "uri-reference" => "a URI reference",
        "ipv4" => "an IPv4 address",
        "ipv6" => "an IPv6 address",
        _ => "in the format " + format,
    };
}

/// <summary>A numeric limit, kept as an exact decimal when it fits and as a double otherwise.</summary>
internal readonly record struct NumberLimit(decimal? Exact, double Approximate, string Text)
{
    public static NumberLimit From(JsonElement e) =>
        new(e.TryGetDecimal(out var d) ? d : null, JsonValues.Double(e), e.GetRawText());

    /// <summary>Compares a JSON number with this limit.</summary>
    public int CompareTo(JsonElement value)
    {
        if (Exact is decimal limit && value.TryGetDecimal(out var v)) return v.CompareTo(limit);
        return JsonValues.Double(value).CompareTo(Approximate);
    }

    /// <summary>Whether a JSON number is an integer multiple of this (positive) limit.</summary>
    public bool Divides(JsonElement value)
    {
        if (Exact is decimal divisor && value.TryGetDecimal(out var v))
        {
            try
            {
                return v % divisor == 0m;
            }
            catch (OverflowException)
            {
                // fall through to doubles
            }
        }
        double q = JsonValues.Double(value) / Approximate;
        return double.IsFinite(q) && Math.Abs(q - Math.Round(q)) < 1e-9;
    }
}

/// <summary><c>multipleOf</c>, <c>minimum</c>, <c>maximum</c>, <c>exclusiveMinimum</c>, <c>exclusiveMaximum</c>.</summary>
internal sealed class NumberKeyword : Keyword
{
    public NumberLimit? MultipleOf { get; init; }
    public NumberLimit? Minimum { get; init; }
    public NumberLimit? Maximum { get; init; }
    public NumberLimit? ExclusiveMinimum { get; init; }
    public NumberLimit? ExclusiveMaximum { get; init; }

    public override bool Evaluate(JsonElement e, ValidationContext ctx)
    {
        if (e.ValueKind != JsonValueKind.Number) return true;
        bool valid = true;
        if (Minimum is { } min && min.CompareTo(e) < 0 && Fail($"must be at least {min.Text}", e, ctx, ref valid)) return false;
        if (ExclusiveMinimum is { } xmin && xmin.CompareTo(e) <= 0 && Fail($"must be greater than {xmin.Text}", e, ctx, ref valid)) return false;
        if (Maximum is { } max && max.CompareTo(e) > 0 && Fail($"must be at most {max.Text}", e, ctx, ref valid)) return false;
        if (ExclusiveMaximum is { } xmax && xmax.CompareTo(e) >= 0 && Fail($"must be less than {xmax.Text}", e, ctx, ref valid)) return false;
        if (MultipleOf is { } m && !m.Divides(e) && Fail($"must be a multiple of {m.Text}", e, ctx, ref valid)) return false;
        return valid;
    }

    /// <summary>Records a failure; returns true when evaluation can stop (not collecting).</summary>
    private static bool Fail(string expectation, JsonElement e, ValidationContext ctx, ref bool valid)
    {
        valid = false;
        if (!ctx.Collect) return true;
        ctx.Report($"{ctx.Where()} {expectation}, found {JsonValues.Describe(e)}");
        return false;
    }
}

/// <summary><c>items</c>, <c>additionalItems</c>, <c>minItems</c>, <c>maxItems</c>, <c>uniqueItems</c>, <c>contains</c>.</summary>
internal sealed class ArrayKeyword : Keyword
{
    public SchemaNode? Items { get; init; }
    public SchemaNode[]? TupleItems { get; init; }
    public SchemaNode? AdditionalItems { get; init; }
    public long MinItems { get; init; } = -1;
    public long MaxItems { get; init; } = -1;
    public bool UniqueItems { get; init; }
    public SchemaNode? Contains { get; init; }

    /// <summary>2019-09 and 2020-12: <c>minContains</c> (1 when absent) and <c>maxContains</c> (-1 when absent).</summary>
    public long MinContains { get; init; } = 1;
    public long MaxContains { get; init; } = -1;

    /// <summary>2020-12: the items that match <c>contains</c> count as evaluated for <c>unevaluatedItems</c>.</summary>
    public bool ContainsAnnotates { get; init; }

    public override bool Evaluate(JsonElement e, ValidationContext ctx)
    {
        if (e.ValueKind != JsonValueKind.Array) return true;
        bool valid = true;
        int length = e.GetArrayLength();
        if (MinItems >= 0 && length < MinItems)
        {
            valid = false;
            if (!ctx.Collect) return false;
            ctx.Report($"{ctx.Where()} must have at least {MinItems} item{(MinItems == 1 ? "" : "s")}, found {length}");
        }
        if (MaxItems >= 0 && length > MaxItems)
        {
            valid = false;
            if (!ctx.Collect) return false;
            ctx.Report($"{ctx.Where()} must have at most {MaxItems} item{(MaxItems == 1 ? "" : "s")}, found {length}");
        }
        if (Items is not null || TupleItems is not null)
        {
            int i = 0;
            foreach (var item in e.EnumerateArray())
            {
                SchemaNode? schema = Items;
                if (TupleItems is not null) schema = i < TupleItems.Length ? TupleItems[i] : AdditionalItems;
                if (schema is not null)
                {
                    if (TupleItems is not null && i >= TupleItems.Length && schema.IsFalse)
                    {
                        valid = false;
                        if (!ctx.Collect) return false;
                        ctx.Report($"{ctx.Where()} has more items than the schema allows (at most {TupleItems.Length})");
                        break;
                    }
                    ctx.Push(i);
                    bool ok = schema.Evaluate(item, ctx);
                    ctx.Pop();
                    if (!ok)
                    {
                        valid = false;
                        if (!ctx.Collect) return false;
                    }
                }
                i++;
            }
            if (ctx.Active is { } tracker)
            {
                if (Items is not null || AdditionalItems is not null) tracker.AllItems = true;
                else tracker.MarkItemsBelow(Math.Min(length, TupleItems!.Length));
            }
        }
        if (UniqueItems && length > 1 && !AllUnique(e, length, out int first, out int second))
        {
            valid = false;
            if (!ctx.Collect) return false;
            ctx.Report($"{ctx.Where()} must not contain duplicate items (items {first} and {second} are equal)");
        }
        if (Contains is not null && (MinContains != 1 || MaxContains >= 0 || ContainsAnnotates))
        {
            if (!CountContains(e, length, ctx, ref valid)) return false;
        }
        else if (Contains is not null)
        {
            bool found = false;
            int i = 0;
            foreach (var item in e.EnumerateArray())
            {
                ctx.Push(i++);
                bool match = Contains.Test(item, ctx);
                ctx.Pop();
                if (match)
                {
                    found = true;
                    break;
                }
            }
            if (!found)
            {
                valid = false;
                if (!ctx.Collect) return false;
                ctx.Report(length == 0
                    ? $"{ctx.Where()} must contain at least one item that matches the 'contains' schema, found an empty array"
                    : $"{ctx.Where()} must contain at least one item that matches the 'contains' schema; none of its {length} items does");
            }
        }
        return valid;
    }

    /// <summary><c>contains</c> with <c>minContains</c> / <c>maxContains</c> or annotations; false when evaluation can stop.</summary>
    private bool CountContains(JsonElement e, int length, ValidationContext ctx, ref bool valid)
    {
        var tracker = ContainsAnnotates ? ctx.Active : null;
        long matches = 0;
        int i = 0;
        foreach (var item in e.EnumerateArray())
        {
            ctx.Push(i);
            bool match = Contains!.Test(item, ctx);
            ctx.Pop();
            if (match)
            {
                matches++;
                tracker?.MarkItem(i);
                if (tracker is null && MaxContains < 0 && matches >= MinContains) break;
            }
            i++;
        }
        if (matches < MinContains)
        {
            valid = false;
            if (!ctx.Collect) return false;
            if (MinContains == 1)
                ctx.Report(length == 0
                    ? $"{ctx.Where()} must contain at least one item that matches the 'contains' schema, found an empty array"
                    : $"{ctx.Where()} must contain at least one item that matches the 'contains' schema; none of its {length} items does");
            else
                ctx.Report($"{ctx.Where()} must contain at least {MinContains} items that match the 'contains' schema (minContains), found {matches}");
        }
        if (MaxContains >= 0 && matches > MaxContains)
        {
            valid = false;
            if (!ctx.Collect) return false;
            ctx.Report(MaxContains == 0
                ? $"{ctx.Where()} must not contain items that match the 'contains' schema (maxContains is 0), found {matches}"
                : $"{ctx.Where()} must contain at most {MaxContains} item{(MaxContains == 1 ? "" : "s")} that match the 'contains' schema (maxContains), found {matches}");
        }
        return true;
    }

    private static bool AllUnique(JsonElement array, int length, out int first, out int second)
    {
        first = second = -1;
        if (length <= 16)
        {
            int i = 0;
            foreach (var a in array.EnumerateArray())
            {
                int j = 0;
                foreach (var b in array.EnumerateArray())
                {
                    if (j > i && JsonValues.DeepEquals(a, b))
                    {
                        first = i;
                        second = j;
                        return false;
                    }
                    j++;
                }
                i++;
            }
            return true;
        }
        var seen = new Dictionary<int, List<(int Index, JsonElement Item)>>();
        int k = 0;
        foreach (var item in array.EnumerateArray())
        {
            int h = JsonValues.DeepHash(item);
            if (!seen.TryGetValue(h, out var bucket)) seen[h] = bucket = [];
            foreach (var (index, other) in bucket)
            {
                if (JsonValues.DeepEquals(item, other))
                {
                    first = index;
                    second = k;
                    return false;
                }
            }
            bucket.Add((k, item));
            k++;
        }
        return true;
    }
}

/// <summary>Compares property names as UTF-8 bytes, so that instance names can be looked up without decoding them.</summary>
internal sealed class Utf8NameComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static readonly Utf8NameComparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<byte> alternate)
    {
        var h = new HashCode();
        h.AddBytes(alternate);
        return h.ToHashCode();
    }

    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
}

/// <summary>A property name the object keywords know: its schema (<c>properties</c>) and its slot in <c>required</c>.</summary>
internal sealed class NameEntry(string name)
{
    public string Name { get; } = name;
    public SchemaNode? Property { get; set; }
    public int RequiredSlot { get; set; } = -1;
}

/// <summary>One entry of <c>dependencies</c>.</summary>
internal sealed record Dependency(string Name, byte[] Utf8Name, string[]? Required, byte[][]? RequiredUtf8, SchemaNode? Schema);

/// <summary>
/// <c>properties</c>, <c>patternProperties</c>, <c>additionalProperties</c>, <c>required</c>, <c>propertyNames</c>,
/// <c>minProperties</c>, <c>maxProperties</c> and <c>dependencies</c>: one pass over the instance's properties.
/// </summary>
internal sealed class ObjectKeyword : Keyword
{
    private readonly Dictionary<byte[], NameEntry> _names;
    private readonly Dictionary<byte[], NameEntry>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    public ObjectKeyword(Dictionary<byte[], NameEntry> names, string[] required)
    {
        _names = names;
        _lookup = names.GetAlternateLookup<ReadOnlySpan<byte>>();
        Required = required;
    }

    public string[] Required { get; }
    public (Regex Regex, string Text, SchemaNode Schema)[] PatternProperties { get; init; } = [];
    public SchemaNode? AdditionalProperties { get; init; }
    public SchemaNode? PropertyNames { get; init; }
    public long MinProperties { get; init; } = -1;
    public long MaxProperties { get; init; } = -1;
    public Dependency[] Dependencies { get; init; } = [];

    /// <summary>Names offered as "did you mean" for unknown properties.</summary>
    public string[] KnownNames { get; init; } = [];

    public override bool Evaluate(JsonElement e, ValidationContext ctx)
    {
        if (e.ValueKind != JsonValueKind.Object) return true;
        bool valid = true;
        if (MinProperties >= 0 || MaxProperties >= 0)
        {
            int count = e.GetPropertyCount();
            if (MinProperties >= 0 && count < MinProperties)
            {
                valid = false;
                if (!ctx.Collect) return false;
                ctx.Report($"{ctx.Where()} must have at least {MinProperties} propert{(MinProperties == 1 ? "y" : "ies")}, found {count}");
            }
            if (MaxProperties >= 0 && count > MaxProperties)
            {
                valid = false;
                if (!ctx.Collect) return false;
                ctx.Report($"{ctx.Where()} must have at most {MaxProperties} propert{(MaxProperties == 1 ? "y" : "ies")}, found {count}");
            }
        }
        bool scan = _names.Count > 0 || PatternProperties.Length > 0 || AdditionalProperties is not null || PropertyNames is not null;
        if (scan && !ScanProperties(e, ctx)) valid = false;
        if (!valid && !ctx.Collect) return false;
        foreach (var d in Dependencies)
        {
            if (!e.TryGetProperty(d.Utf8Name, out _)) continue;
            if (d.RequiredUtf8 is not null)
            {
                for (int i = 0; i < d.RequiredUtf8.Length; i++)
                {
                    if (e.TryGetProperty(d.RequiredUtf8[i], out _)) continue;
                    valid = false;
                    if (!ctx.Collect) return false;
                    string pointer = ctx.Pointer();
                    ctx.Report(JsonPointer.Append(pointer, d.Required![i]),
                        $"{JsonPointer.ToDisplayPath(pointer)} has property '{Text.Sanitize(d.Name)}', so it must also have property '{Text.Sanitize(d.Required[i])}'", atKey: false);
                }
            }
            else if (d.Schema is not null && d.Schema.IsFalse)
            {
                valid = false;
                if (!ctx.Collect) return false;
                string pointer = ctx.Pointer();
                ctx.Report(JsonPointer.Append(pointer, d.Name), $"property '{Text.Sanitize(d.Name)}' is not allowed in {JsonPointer.ToDisplayPath(pointer)}", atKey: true);
            }
            else if (d.Schema is not null && !d.Schema.Evaluate(e, ctx))
            {
                valid = false;
                if (!ctx.Collect) return false;
            }
        }
        return valid;
    }

    private bool ScanProperties(JsonElement e, ValidationContext ctx)
    {
        bool valid = true;
        int requiredCount = Required.Length;
        bool[]? rentedSeen = null;
        Span<bool> seen = requiredCount <= 128 ? stackalloc bool[128] : (rentedSeen = new bool[requiredCount]);
        seen = seen[..requiredCount];
        seen.Clear();
        var tracker = ctx.Active;
        if (tracker is not null && AdditionalProperties is not null) tracker.AllProperties = true;
        int index = -1;
        foreach (var p in e.EnumerateObject())
        {
            index++;
            var name = JsonValues.Utf8Name(p);
            bool matched = false;
            if (_lookup.TryGetValue(name, out var entry))
            {
                if (entry.RequiredSlot >= 0) seen[entry.RequiredSlot] = true;
                if (entry.Property is not null)
                {
                    matched = true;
                    if (!EvaluateProperty(entry.Property, p, e, ctx))
                    {
                        valid = false;
                        if (!ctx.Collect) return false;
                    }
                }
            }
            foreach (var (regex, text, schema) in PatternProperties)
            {
                bool isMatch = Patterns.IsMatch(regex, name, ctx, out string? notChecked);
                if (notChecked is not null)
                {
                    valid = false;
                    if (!ctx.Collect) return false;
                    string owner = ctx.Where();
                    ctx.Push(p);
                    ctx.Report(ctx.Pointer(), $"property name '{Text.Sanitize(JsonValues.SafeName(p))}' in {owner} could not be checked against the pattern {Text.Sanitize(text)}: {notChecked}", atKey: true);
                    ctx.Pop();
                    continue;
                }
                if (!isMatch) continue;
                matched = true;
                if (!EvaluateProperty(schema, p, e, ctx))
                {
                    valid = false;
                    if (!ctx.Collect) return false;
                }
            }
            if (matched) tracker?.MarkProperty(index);
            if (!matched && AdditionalProperties is not null)
            {
                if (AdditionalProperties.IsFalse)
                {
                    valid = false;
                    if (!ctx.Collect) return false;
                    ReportUnknown(p, ctx);
                }
                else if (!EvaluateProperty(AdditionalProperties, p, e, ctx))
                {
                    valid = false;
                    if (!ctx.Collect) return false;
                }
            }
            if (PropertyNames is not null && !CheckName(p, ctx))
            {
                valid = false;
                if (!ctx.Collect) return false;
            }
        }
        for (int i = 0; i < requiredCount; i++)
        {
            if (seen[i]) continue;
            valid = false;
            if (!ctx.Collect) return false;
            string pointer = ctx.Pointer();
            ctx.Report(new SchemaViolation(JsonPointer.Append(pointer, Required[i]), $"{JsonPointer.ToDisplayPath(pointer)} is missing required property '{Text.Sanitize(Required[i])}'")
            {
                Kind = SchemaViolationKind.MissingRequired,
            });
        }
        return valid;
    }

    private static bool EvaluateProperty(SchemaNode schema, JsonProperty p, JsonElement owner, ValidationContext ctx)
    {
        if (schema.IsFalse)
        {
            if (ctx.Collect)
            {
                string ownerPath = ctx.Where();
                ctx.Push(p);
                ctx.Report(ctx.Pointer(), $"property '{Text.Sanitize(JsonValues.SafeName(p))}' is not allowed in {ownerPath}", atKey: true);
                ctx.Pop();
            }
            return false;
        }
        ctx.Push(p);
        bool ok = schema.Evaluate(p.Value, ctx);
        ctx.Pop();
        return ok;
    }

    private void ReportUnknown(JsonProperty p, ValidationContext ctx) => ReportUnknown(p, ctx, KnownNames);

    /// <summary>An unknown property (additionalProperties or unevaluatedProperties false), with a suggestion among <paramref name="known"/>.</summary>
    internal static void ReportUnknown(JsonProperty p, ValidationContext ctx, string[] known)
    {
        string owner = ctx.Where();
        string name = JsonValues.SafeName(p);
        string? suggestion = Suggestions.Closest(name, known);
        string message = $"unknown property '{Text.Sanitize(name)}' in {owner}";
        if (suggestion is not null) message += $"; did you mean '{suggestion}'?";
        ctx.Push(p);
        ctx.Report(new SchemaViolation(ctx.Pointer(), message, AtKey: true) { Kind = SchemaViolationKind.UnknownProperty, SuggestedName = suggestion });
        ctx.Pop();
    }

    private bool CheckName(JsonProperty p, ValidationContext ctx)
    {
        // The name is validated as a JSON string; the element is only built for the check (propertyNames is rare).
        string name = JsonValues.SafeName(p);
        using var doc = JsonDocument.Parse(JsonText.StringUtf8(name));
        if (PropertyNames!.Test(doc.RootElement, ctx)) return true;
        if (ctx.Collect)
        {
            string owner = ctx.Where();
            var inner = new ValidationContext { Collect = true };
            PropertyNames.Evaluate(doc.RootElement, inner);
            string subject = $"property name '{Text.Sanitize(name)}' in {owner}";
            string reason = inner.Violations.Count > 0 && inner.Violations[0].Message.StartsWith("the document ", StringComparison.Ordinal)
                ? subject + inner.Violations[0].Message["the document".Length..]
                : subject + " is not allowed by 'propertyNames'";
            ctx.Push(p);
            ctx.Report(ctx.Pointer(), reason, atKey: true);
            ctx.Pop();
        }
        return false;
    }
}

/// <summary><c>allOf</c>: every subschema applies; their violations are reported as they are.</summary>
internal sealed class AllOfKeyword(SchemaNode[] schemas) : Keyword
{
    public override bool Evaluate(JsonElement e, ValidationContext ctx)
    {
        bool valid = true;
        foreach (var s in schemas)
        {
            if (!s.Evaluate(e, ctx))
            {
                valid = false;
                if (!ctx.Collect) return false;
            }
        }
        return valid;
    }
}

/// <summary><c>anyOf</c>.</summary>
internal sealed class AnyOfKeyword(SchemaNode[] schemas) : Keyword
{
    public override bool Evaluate(JsonElement e, ValidationContext ctx)
    {
        if (ctx.Active is { } tracker)
        {
            // Every subschema that passes contributes its annotations, so none may be skipped.
            bool any = false;
            foreach (var s in schemas)
            {
                if (Annotated.Test(s, e, ctx, tracker)) any = true;
            }
            if (any) return true;
        }
        else
        {
            foreach (var s in schemas)
                if (s.Test(e, ctx)) return true;
        }
        if (ctx.Collect) ctx.Report($"{ctx.Where()} does not match any of the allowed forms (anyOf)");
        return false;
    }
}

/// <summary><c>oneOf</c>.</summary>
internal sealed class OneOfKeyword(SchemaNode[] schemas) : Keyword
{
    public override bool Evaluate(JsonElement e, ValidationContext ctx)
    {
        int matches = 0;
        if (ctx.Active is { } tracker)
        {
            foreach (var s in schemas)
            {
                var branch = ctx.RentTracker();
                ctx.Tracker = branch;
                bool ok = s.Test(e, ctx);
                ctx.Tracker = tracker;
                if (ok && ++matches == 1) tracker.Merge(branch);
                ctx.ReturnTracker(branch);
                if (matches > 1) break;
            }
        }
        else
        {
            foreach (var s in schemas)
            {
                if (s.Test(e, ctx) && ++matches > 1) break;
            }
        }
        if (matches == 1) return true;
        if (ctx.Collect)
            ctx.Report($"{ctx.Where()} must match exactly one of the allowed forms (oneOf); it matches {(matches == 0 ? "none" : "more than one")}");
        return false;
    }
}

/// <summary><c>not</c>.</summary>
internal sealed class NotKeyword(SchemaNode schema) : Keyword
{
    public override bool Evaluate(JsonElement e, ValidationContext ctx)
    {
        bool matches;
        if (ctx.Active is { } tracker)
        {
            // Annotations under 'not' never count.
            var discarded = ctx.RentTracker();
            ctx.Tracker = discarded;
            matches = schema.Test(e, ctx);
            ctx.Tracker = tracker;
            ctx.ReturnTracker(discarded);
        }
        else matches = schema.Test(e, ctx);
        if (!matches) return true;
        if (ctx.Collect) ctx.Report($"{ctx.Where()} matches a form that is not allowed (not)");
        return false;
    }
}

/// <summary><c>if</c> / <c>then</c> / <c>else</c>.</summary>
internal sealed class ConditionalKeyword(SchemaNode condition, SchemaNode? then, SchemaNode? otherwise) : Keyword
{
    public override bool Evaluate(JsonElement e, ValidationContext ctx)
    {
        bool holds = ctx.Active is { } tracker ? Annotated.Test(condition, e, ctx, tracker) : condition.Test(e, ctx);
        var branch = holds ? then : otherwise;
        return branch is null || branch.Evaluate(e, ctx);
    }
}

/// <summary>Tests a subschema with its own annotation tracker, merged into <c>tracker</c> when it passes.</summary>
internal static class Annotated
{
    public static bool Test(SchemaNode schema, JsonElement e, ValidationContext ctx, Annotations tracker)
    {
        var branch = ctx.RentTracker();
        ctx.Tracker = branch;
        bool ok = schema.Test(e, ctx);
        ctx.Tracker = tracker;
        if (ok) tracker.Merge(branch);
        ctx.ReturnTracker(branch);
        return ok;
    }
}

/// <summary><c>$ref</c> beside other keywords (2019-09 and 2020-12, where it no longer overrides them).</summary>
internal sealed class RefKeyword(SchemaNode target) : Keyword
{
    public override bool Evaluate(JsonElement e, ValidationContext ctx) => target.Evaluate(e, ctx);
}

/// <summary>
/// 2020-12 <c>$dynamicRef</c>. When its static target carries the <c>$dynamicAnchor</c> it names, the outermost
/// schema resource of the dynamic scope with a <c>$dynamicAnchor</c> of that name is used instead.
/// </summary>
internal sealed class DynamicRefKeyword(SchemaNode target, string? anchor) : Keyword
{
    public override bool Evaluate(JsonElement e, ValidationContext ctx)
    {
        var chosen = target;
        if (anchor is not null)
        {
            foreach (var resource in ctx.Scope)
            {
                if (resource.DynamicAnchors.TryGetValue(anchor, out var dynamic))
                {
                    chosen = dynamic;
                    break;
                }
            }
        }
        return chosen.Evaluate(e, ctx);
    }
}

/// <summary>
/// 2019-09 <c>$recursiveRef</c>. When its static target has <c>"$recursiveAnchor": true</c>, the outermost resource of
/// the unbroken run of such resources at the inner end of the dynamic scope is used instead.
/// </summary>
internal sealed class RecursiveRefKeyword(SchemaNode target, bool anchored) : Keyword
{
    public override bool Evaluate(JsonElement e, ValidationContext ctx)
    {
        var chosen = target;
        if (anchored)
        {
            var scope = ctx.Scope;
            for (int i = scope.Length - 1; i >= 0; i--)
            {
                if (!scope[i].RecursiveAnchor || scope[i].Root is null) break;
                chosen = scope[i].Root!;
            }
        }
        return chosen.Evaluate(e, ctx);
    }
}

/// <summary>
/// <c>unevaluatedProperties</c> and <c>unevaluatedItems</c>: applied to the properties and items that no other
/// keyword of the schema (and of the subschemas that passed, through allOf, anyOf, oneOf, if/then/else, $ref and
/// dynamic references) evaluated. Always the schema's last keyword.
/// </summary>
internal sealed class UnevaluatedKeyword(SchemaNode? properties, SchemaNode? items) : Keyword
{
    /// <summary>Names offered as "did you mean" for a property that <c>unevaluatedProperties: false</c> rejects.</summary>
    public string[] KnownNames { get; set; } = [];

    public override bool Evaluate(JsonElement e, ValidationContext ctx)
    {
        var tracker = ctx.Tracker!;
        bool valid = true;
        if (properties is not null && e.ValueKind == JsonValueKind.Object && !tracker.AllProperties)
        {
            int i = 0;
            foreach (var p in e.EnumerateObject())
            {
                if (!tracker.HasProperty(i))
                {
                    if (properties.IsFalse)
                    {
                        valid = false;
                        if (!ctx.Collect) return false;
                        ObjectKeyword.ReportUnknown(p, ctx, KnownNames);
                    }
                    else
                    {
                        ctx.Push(p);
                        bool ok = properties.Evaluate(p.Value, ctx);
                        ctx.Pop();
                        if (!ok)
                        {
                            valid = false;
                            if (!ctx.Collect) return false;
                        }
                    }
                }
                i++;
            }
            tracker.AllProperties = true;
        }
        if (items is not null && e.ValueKind == JsonValueKind.Array && !tracker.AllItems)
        {
            int i = 0;
            foreach (var item in e.EnumerateArray())
            {
                if (!tracker.HasItem(i))
                {
                    if (items.IsFalse)
                    {
                        valid = false;
                        if (!ctx.Collect) return false;
                        ctx.Push(i);
                        ctx.Report($"{ctx.Where()} is not allowed: no item schema of the array covers it (unevaluatedItems is false)");
                        ctx.Pop();
                    }
                    else
                    {
                        ctx.Push(i);
                        bool ok = items.Evaluate(item, ctx);
                        ctx.Pop();
                        if (!ok)
                        {
                            valid = false;
                            if (!ctx.Collect) return false;
                        }
                    }
                }
                i++;
            }
            tracker.AllItems = true;
        }
        return valid;
    }
}
