using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Lint.Schema.Draft7;

/// <summary>One compiled schema: a boolean schema, a reference, or a list of keyword checkers.</summary>
internal sealed class SchemaNode
{
    public SchemaNode(string location) => Location = location;

    /// <summary>Where the schema is: its base URI and JSON Pointer, for messages.</summary>
    public string Location { get; }

    /// <summary>The value of a boolean schema (<c>true</c> or <c>false</c>), else null.</summary>
    public bool? Constant { get; set; }

    /// <summary>The target of <c>$ref</c>; in draft-07 every sibling keyword is then ignored.</summary>
    public SchemaNode? Ref { get; set; }

    /// <summary>The keyword checkers, in evaluation order.</summary>
    public Keyword[] Keywords { get; set; } = [];

    /// <summary>Subschemas applied to the same instance (for the detection of reference loops).</summary>
    public List<SchemaNode> InPlace { get; } = [];

    /// <summary>Whether this schema rejects everything (<c>false</c>, or a reference to it).</summary>
    public bool IsFalse
    {
        get
        {
            var n = this;
            for (int i = 0; i < 64 && n.Ref is not null; i++) n = n.Ref;
            return n.Constant == false;
        }
    }

    /// <summary>Validates <paramref name="instance"/>; reports violations when <see cref="ValidationContext.Collect"/> is set.</summary>
    public bool Evaluate(JsonElement instance, ValidationContext ctx)
    {
        ctx.Step();
        if (Ref is not null)
        {
            // A long chain of references recurses without keywords in between: check the stack here too.
            RuntimeHelpers.EnsureSufficientExecutionStack();
            return Ref.Evaluate(instance, ctx);
        }
        if (Constant is bool constant)
        {
            if (!constant && ctx.Collect) ctx.Report($"{ctx.Where()} is not allowed");
            return constant;
        }
        RuntimeHelpers.EnsureSufficientExecutionStack();
        bool valid = true;
        var keywords = Keywords;
        for (int i = 0; i < keywords.Length; i++)
        {
            if (!keywords[i].Evaluate(instance, ctx))
            {
                valid = false;
                if (!ctx.Collect) return false;
            }
        }
        return valid;
    }

    /// <summary>Tests <paramref name="instance"/> without reporting anything.</summary>
    public bool Test(JsonElement instance, ValidationContext ctx)
    {
        if (!ctx.Collect) return Evaluate(instance, ctx);
        ctx.Collect = false;
        try
        {
            return Evaluate(instance, ctx);
        }
        finally
        {
            ctx.Collect = true;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Location;
}

/// <summary>One keyword (or a group of keywords that share a pass over the instance).</summary>
internal abstract class Keyword
{
    public abstract bool Evaluate(JsonElement instance, ValidationContext ctx);
}
