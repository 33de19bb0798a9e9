using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Lint.Tests.Docs;

/// <summary>
/// Every C# block of README and docs/ compiles, as written, against the library: the blocks of one page together, as
/// the files of one console project (<c>dotnet new console</c>: its implicit usings, top-level statements allowed in one
/// block), with xunit for a page that shows a test. The tests a page shows (methods marked <c>[Fact]</c>) are then run.
/// </summary>
public sealed class CSharpSnippetTests
{
    /// <summary>The global usings of a <c>dotnet new console</c> project (ImplicitUsings).</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    public static TheoryData<string> Pages()
    {
        var data = new TheoryData<string>();
        foreach (var page in DocSnippets.All().Where(IsCSharp).Select(s => s.RelativeFile).Distinct()) data.Add(page);
        return data;
    }

    private static bool IsCSharp(DocSnippet s) => s.Language is "csharp" or "cs" or "c#";

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task ThePagesCSharpCompilesAndItsTestsPass(string page)
    {
        var blocks = DocSnippets.All().Where(s => s.RelativeFile == page && IsCSharp(s)).ToList();
        Assert.NotEmpty(blocks);
        var trees = blocks.Select(b => CSharpSyntaxTree.ParseText(b.Text, CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest), path: b.ToString()))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, path: "GlobalUsings.g.cs"))
            .ToList();
        bool program = blocks.Any(b => HasTopLevelStatements(b.Text));
        var compilation = CSharpCompilation.Create("DocSnippets_" + Path.GetFileNameWithoutExtension(page), trees, References.Value,
            new CSharpCompilationOptions(program ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        // The source generators of a console project (GeneratedRegex, JSON serialization), from the SDK's reference pack.
        CSharpGeneratorDriver.Create(Generators.Value.ToArray())
            .RunGeneratorsAndUpdateCompilation(compilation, out var generated, out _);
        using var assembly = new MemoryStream();
        var emit = generated.Emit(assembly);
        var errors = emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.True(emit.Success && errors.Count == 0, $"{page}: its C# does not compile as written:\n" + string.Join("\n", errors));

        // Run the page's tests: the library and xunit come from this test's own context.
        var context = new AssemblyLoadContext("doc-snippets", isCollectible: true);
        try
        {
            assembly.Position = 0;
            var loaded = context.LoadFromStream(assembly);
            var facts = loaded.GetTypes().SelectMany(t => t.GetMethods()).Where(m => m.GetCustomAttribute<FactAttribute>() is not null).ToList();
            foreach (var fact in facts)
            {
                var instance = fact.IsStatic ? null : Activator.CreateInstance(fact.DeclaringType!);
                var result = fact.Invoke(instance, null);
                if (result is Task task) await task;
            }
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Whether the C# is a program's top-level statements (a <c>Program.cs</c>) rather than types.</summary>
    internal static bool HasTopLevelStatements(string code) =>
        CSharpSyntaxTree.ParseText(code).GetRoot().ChildNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().Any();

    /// <summary>A C# error in a block is reported with the page and line of the block.</summary>
    [Fact]
    public void ABrokenSnippetNamesItsBlock()
    {
        var tree = CSharpSyntaxTree.ParseText("var x = new Linter(;", path: "docs/x.md:12");
        var compilation = CSharpCompilation.Create("broken", [tree], References.Value, new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        var error = compilation.GetDiagnostics().First(d => d.Severity == DiagnosticSeverity.Error);
        Assert.StartsWith("docs/x.md:12(1,", error.ToString());
    }

    /// <summary>
    /// The generators the SDK gives every project: Microsoft.NETCore.App.Ref's analyzers folder beside the running
    /// runtime (<c>DOTNET_ROOT/packs/Microsoft.NETCore.App.Ref/VERSION/analyzers/dotnet/cs</c>), the newest version.
    /// </summary>
    private static readonly Lazy<IReadOnlyList<ISourceGenerator>> Generators = new(() =>
    {
        var root = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var packs = Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
        Assert.True(Directory.Exists(packs), $"the .NET SDK's reference pack is not at {packs}");
        var folder = Directory.GetDirectories(packs).Select(d => Path.Combine(d, "analyzers", "dotnet", "cs"))
            .Where(Directory.Exists).OrderBy(d => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(d))))?.Split('-')[0], out var v) ? v : new Version(0, 0)).Last();
        var generators = new List<ISourceGenerator>();
        foreach (var name in new[] { "System.Text.RegularExpressions.Generator.dll", "System.Text.Json.SourceGeneration.dll" })
        {
            var assembly = Assembly.LoadFrom(Path.Combine(folder, name));
            Type[] types;
            try { types = assembly.GetTypes(); }
            catch (ReflectionTypeLoadException partial) { types = partial.Types.OfType<Type>().ToArray(); } // code fixes need Roslyn's Workspaces
            foreach (var type in types.Where(t => t.GetCustomAttribute<GeneratorAttribute>() is not null && !t.IsAbstract))
            {
                var instance = Activator.CreateInstance(type)!;
                generators.Add(instance is IIncrementalGenerator incremental ? incremental.AsSourceGenerator() : (ISourceGenerator)instance);
            }
        }
        Assert.NotEmpty(generators);
        return generators;
    });

    /// <summary>The framework, the library (Lint.Core) and xunit's assertions and attributes.</summary>
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
    {
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var own = new[] { typeof(Linter).Assembly.Location, typeof(Assert).Assembly.Location, typeof(FactAttribute).Assembly.Location };
        return framework.Concat(own).Distinct(StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    });
}
