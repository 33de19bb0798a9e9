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

    /// <summary>The schema resource (<c>$id</c> scope) the schema belongs to.</summary>
    public SchemaResource? Resource { get; set; }

    /// <summary>Whether evaluating the schema must track the dynamic scope (the schema set uses $dynamicRef or $recursiveRef).</summary>
    public bool Scoped { get; set; }

    /// <summary>Whether the schema has <c>unevaluatedProperties</c> or <c>unevaluatedItems</c> (its last keyword).</summary>
    public bool HasUnevaluated { get; set; }

    /// <summary>Property names that <c>properties</c> of this schema declares (for "did you mean" suggestions).</summary>
    public string[] DeclaredNames { get; set; } = [];

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
            return Scoped ? EvaluateTracked(instance, ctx) : Ref.Evaluate(instance, ctx);
        }
        if (Constant is bool constant)
        {
            if (!constant && ctx.Collect) ctx.Report($"{ctx.Where()} is not allowed");
            return constant;
        }
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (Scoped || HasUnevaluated) return EvaluateTracked(instance, ctx);
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

    /// <summary>Evaluation with a dynamic scope entry and/or an annotation tracker (2019-09 and 2020-12 only).</summary>
    private bool EvaluateTracked(JsonElement instance, ValidationContext ctx)
    {
        bool pushed = false;
        if (Scoped && Resource is not null && !ReferenceEquals(Resource, ctx.TopResource))
        {
            ctx.PushScope(Resource);
            pushed = true;
        }
        Annotations? outer = null, own = null;
        if (HasUnevaluated)
        {
            outer = ctx.Tracker;
            own = ctx.RentTracker();
            ctx.Tracker = own;
        }
        bool valid = true;
        if (Ref is not null) valid = Ref.Evaluate(instance, ctx);
        var keywords = Keywords;
        for (int i = 0; i < keywords.Length; i++)
        {
            if (!keywords[i].Evaluate(instance, ctx))
            {
                valid = false;
                if (!ctx.Collect) break;
            }
        }
        if (own is not null)
        {
            ctx.Tracker = outer;
            if (valid && outer is not null && outer.Depth == ctx.Depth) outer.Merge(own);
            ctx.ReturnTracker(own);
        }
        if (pushed) ctx.PopScope();
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

/// <summary>A schema resource: the schemas under one <c>$id</c> (or a document without one).</summary>
internal sealed class SchemaResource(string uri)
{
    public string Uri { get; } = uri;

    /// <summary>The resource's root schema (compiled when a dynamic reference may land on it).</summary>
    public SchemaNode? Root { get; set; }

    /// <summary>2019-09: the root has <c>"$recursiveAnchor": true</c>.</summary>
    public bool RecursiveAnchor { get; set; }

    /// <summary>2020-12: the <c>$dynamicAnchor</c>s of the resource.</summary>
    public Dictionary<string, SchemaNode> DynamicAnchors { get; } = new(StringComparer.Ordinal);

    public override string ToString() => Uri;
}

/// <summary>One keyword (or a group of keywords that share a pass over the instance).</summary>
internal abstract class Keyword
{
    public abstract bool Evaluate(JsonElement instance, ValidationContext ctx);
}
