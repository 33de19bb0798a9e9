using System.Text;

namespace Lint.Rules;

/// <summary>
/// A message a rule can report, declared in its metadata (<see cref="RuleMetadata.Messages"/>, as ESLint's
/// <c>meta.messages</c>): a stable kebab-case id, which tests and tools can match on whatever the wording, and a
/// template whose <c>{{name}}</c> placeholders are filled by <see cref="With"/>. Text in single braces, such as
/// <c>{site}</c>, is literal.
/// </summary>
public sealed class RuleMessage
{
    private readonly string[] _placeholders;

    /// <param name="id">Stable kebab-case id, unique within the rule.</param>
    /// <param name="template">The wording, with <c>{{name}}</c> placeholders.</param>
    public RuleMessage(string id, string template)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(template);
        Id = id;
        Template = template;
        _placeholders = Placeholders(template).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The stable id of the message.</summary>
    public string Id { get; }

    /// <summary>The wording, with <c>{{name}}</c> placeholders.</summary>
    public string Template { get; }

    /// <summary>The names of the placeholders, in order of first use.</summary>
    public IReadOnlyList<string> PlaceholderNames => _placeholders;

    /// <summary>
    /// The message with its placeholders filled. Every placeholder needs a value and every value a placeholder: a
    /// mismatch is a defect of the rule and throws (the engine reports it as an internal error of that rule).
    /// </summary>
    /// <exception cref="InvalidOperationException">A placeholder without a value, or a value without a placeholder.</exception>
    public ReportMessage With(params ReadOnlySpan<(string Name, string Value)> values)
    {
        foreach (var (name, _) in values)
        {
            if (Array.IndexOf(_placeholders, name) < 0)
                throw new InvalidOperationException($"message '{Id}' has no placeholder {{{{{name}}}}}");
        }
        if (_placeholders.Length == 0) return new ReportMessage(Id, Template);
        var sb = new StringBuilder(Template.Length + 64);
        int position = 0;
        while (position < Template.Length)
        {
            int open = Template.IndexOf("{{", position, StringComparison.Ordinal);
            int close = open < 0 ? -1 : Template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0 || !IsName(Template.AsSpan(open + 2, close - open - 2)))
            {
                int next = open < 0 ? Template.Length : open + 2;
                sb.Append(Template, position, next - position);
                position = next;
                continue;
            }
            sb.Append(Template, position, open - position);
            string name = Template[(open + 2)..close];
            bool found = false;
            foreach (var (n, v) in values)
            {
                if (n != name) continue;
                sb.Append(v);
                found = true;
                break;
            }
            if (!found) throw new InvalidOperationException($"message '{Id}' needs a value for {{{{{name}}}}}");
            position = close + 2;
        }
        return new ReportMessage(Id, sb.ToString());
    }

    /// <summary>The message of a template without placeholders.</summary>
    public static implicit operator ReportMessage(RuleMessage message) => message.With();

    /// <inheritdoc />
    public override string ToString() => $"{Id}: {Template}";

    private static IEnumerable<string> Placeholders(string template)
    {
        int position = 0;
        while (true)
        {
            int open = template.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0) yield break;
            int close = template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0) yield break;
            if (IsName(template.AsSpan(open + 2, close - open - 2)))
            {
                yield return template[(open + 2)..close];
                position = close + 2;
            }
            else position = open + 2;
        }
    }

    private static bool IsName(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || !char.IsAsciiLetter(text[0])) return false;
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c)) return false;
        }
        return true;
    }
}

/// <summary>A filled-in <see cref="RuleMessage"/>: its id and the final text.</summary>
/// <param name="Id">The message id declared in the rule's metadata.</param>
/// <param name="Text">The text, placeholders filled.</param>
public readonly record struct ReportMessage(string Id, string Text);
