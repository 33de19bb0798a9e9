using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Lint.Parsing;

namespace Lint.Cli;

/// <summary>
/// Usage mistakes in plain words: every option value is parsed by lint (no .NET type names), an unknown option or
/// command gets "did you mean", a missing value names what is expected.
/// </summary>
public static class UsageErrors
{
    /// <summary>The messages for a parse that failed, one per mistake, without the <c>lint: </c> prefix.</summary>
    public static IReadOnlyList<string> Describe(ParseResult parse)
    {
        var messages = new List<string>();
        var commandResult = parse.CommandResult;
        var unmatched = parse.UnmatchedTokens;
        foreach (var token in OptionLikeArguments(parse)) messages.Add(UnknownOption(token, commandResult.Command, CommandPath(commandResult)));
        foreach (var token in unmatched) messages.Add(Unmatched(token, commandResult));
        foreach (var error in parse.Errors)
        {
            switch (error.SymbolResult)
            {
                case OptionResult option when option.Tokens.Count == 0 && option.Option.Arity.MinimumNumberOfValues > 0:
                    messages.Add($"{option.IdentifierToken?.Value ?? option.Option.Name} needs a value: {ValueOf(option.Option)}");
                    break;
                case CommandResult command when unmatched.Any(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal)):
                    break; // said above, with a suggestion
                case CommandResult command when MissingArguments(parse, command).ToList() is { Count: > 0 } missing:
                    messages.Add(Missing(command, missing));
                    break;
                case ArgumentResult argument when argument.Tokens.Count < argument.Argument.Arity.MinimumNumberOfValues && argument.Parent is CommandResult owner:
                    messages.Add(Missing(owner, MissingArguments(parse, owner).DefaultIfEmpty(argument.Argument)));
                    break;
                default:
                    messages.Add(error.Message);
                    break;
            }
        }
        return messages.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Whether the parse has a mistake: an error of the parser, or an unknown option taken as an argument.</summary>
    public static bool HasMistakes(ParseResult parse) => parse.Errors.Count > 0 || OptionLikeArguments(parse).Any();

    /// <summary>
    /// Tokens that look like options (<c>--dry-rn</c>, <c>-x</c>) but that the parser took as arguments (a path, a slug),
    /// before any <c>--</c>: unknown options. A negative number (<c>-1</c>) is a value, not an option.
    /// </summary>
    private static IEnumerable<string> OptionLikeArguments(ParseResult parse)
    {
        int doubleDash = parse.Tokens.ToList().FindIndex(t => t.Type == TokenType.DoubleDash);
        var afterDoubleDash = doubleDash < 0 ? [] : parse.Tokens.Skip(doubleDash + 1).ToHashSet(ReferenceEqualityComparer.Instance);
        for (SymbolResult? command = parse.CommandResult; command is CommandResult c; command = c.Parent)
        {
            foreach (var argument in c.Command.Arguments)
            {
                if (parse.GetResult(argument) is not ArgumentResult result) continue;
                foreach (var token in result.Tokens)
                {
                    if (afterDoubleDash.Contains(token) || token.Value.Length < 2 || token.Value[0] != '-') continue;
                    if (char.IsAsciiLetter(token.Value[1]) || (token.Value[1] == '-' && token.Value.Length > 2)) yield return token.Value;
                }
            }
        }
    }

    /// <summary>What an option's value should be, for messages: its help name and, when it has one, its description.</summary>
    private static string ValueOf(Option option) => option.HelpName ?? "a value";

    private static string Missing(CommandResult command, IEnumerable<Argument> missing) =>
        $"'{CommandPath(command)}' needs {string.Join(" and ", missing.Select(a => a.HelpName ?? a.Name.ToUpperInvariant()))}";

    private static IEnumerable<Argument> MissingArguments(ParseResult parse, CommandResult command) =>
        command.Command.Arguments.Where(a => a.Arity.MinimumNumberOfValues > 0
            && (parse.GetResult(a) is not ArgumentResult r || r.Tokens.Count < a.Arity.MinimumNumberOfValues));

    /// <summary><c>lint</c>, or <c>lint rules</c> for a subcommand.</summary>
    public static string CommandPath(CommandResult command) =>
        command.Parent is CommandResult parent ? $"{CommandPath(parent)} {command.Command.Name}" : "lint";

    /// <summary>A token the command did not expect: an unknown option (with the closest one) or an extra argument.</summary>
    private static string Unmatched(string token, CommandResult command)
    {
        string path = CommandPath(command);
        if (token.StartsWith('-'))
            return UnknownOption(token, command.Command, path);
        var sub = Spelling.DidYouMean(token, command.Command.Subcommands.Select(c => c.Name));
        return sub is not null
            ? $"unknown command '{Text.Sanitize(token)}'; did you mean '{path} {sub}'?"
            : $"'{path}' takes no argument '{Text.Sanitize(token)}'";
    }

    /// <summary>"unknown option" with the closest option of <paramref name="command"/>, when one is close.</summary>
    public static string UnknownOption(string token, Command command, string path)
    {
        string name = token.Split('=', 2)[0];
        var names = command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal));
        var suggestion = Spelling.DidYouMean(name, names);
        string where = path == "lint" ? "" : $" for '{path}'";
        return $"unknown option '{Text.Sanitize(name)}'{where}" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?");
    }

    /// <summary>
    /// A switch written with a value (<c>--quiet=maybe</c>): switches take none. System.CommandLine would otherwise take
    /// the value as a path. Null when <paramref name="args"/> has no such token.
    /// </summary>
    public static string? SwitchWithValue(IReadOnlyList<string> args, Command root)
    {
        foreach (var arg in args)
        {
            if (arg == "--") break;
            int eq = arg.IndexOf('=');
            if (!arg.StartsWith('-') || eq < 0) continue;
            string name = arg[..eq];
            if (FindOption(root, args, name) is not Option<bool>) continue;
            string value = arg[(eq + 1)..];
            if (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase)) continue;
            return $"{name} is a switch and takes no value (found '{Text.Sanitize(arg)}'); write '{name}' alone";
        }
        return null;
    }

    private static Option? FindOption(Command root, IReadOnlyList<string> args, string name)
    {
        // The subcommand, if the first argument names one; else the root.
        var command = args.Count > 0 && root.Subcommands.FirstOrDefault(c => c.Name == args[0]) is { } sub ? sub : root;
        return command.Options.FirstOrDefault(o => o.Name == name || o.Aliases.Contains(name));
    }

    /// <summary>An option whose value must be one of <paramref name="values"/>: a plain message with the closest value, and completions.</summary>
    public static void OneOf(Option<string> option, params string[] values)
    {
        option.CompletionSources.Add(values);
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0) return;
            string value = result.Tokens[^1].Value;
            if (values.Contains(value, StringComparer.Ordinal)) return;
            var suggestion = Spelling.DidYouMean(value, values);
            result.AddError($"{result.IdentifierToken?.Value ?? option.Name} must be one of {string.Join(", ", values)}, not '{Text.Sanitize(value)}'"
                + (suggestion is null ? "" : $"; did you mean '{suggestion}'?"));
        });
    }

    /// <summary>An option whose value is a count (a whole number, 0 or more): parsed by lint, with a plain message.</summary>
    public static void Count(Option<int?> option)
    {
        option.CustomParser = result =>
        {
            if (result.Tokens.Count == 0) return null;
            string text = result.Tokens[^1].Value;
            string name = (result.Parent as OptionResult)?.IdentifierToken?.Value ?? option.Name;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n)) return n;
            if (text.Length > 0 && text.All(char.IsAsciiDigit))
                result.AddError($"{name} {Text.Sanitize(text)} is too large; the most is {int.MaxValue.ToString(CultureInfo.InvariantCulture)}");
            else
                result.AddError($"{name} expects a whole number, 0 or more (such as {name} 0), not '{Text.Sanitize(text)}'");
            return null;
        };
    }
}
