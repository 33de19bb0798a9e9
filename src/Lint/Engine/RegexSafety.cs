using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Lint;

/// <summary>
/// A match timeout for every regular expression of the process that does not set its own, so that a pattern from a
/// user schema (which NJsonSchema runs with <see cref="Regex.IsMatch(string, string)"/>) cannot hang a run: the match
/// fails with <see cref="RegexMatchTimeoutException"/>, which the engine reports as an incomplete check of that file.
/// </summary>
/// <remarks>
/// .NET reads the default timeout (the <c>REGEX_DEFAULT_MATCH_TIMEOUT</c> application-domain value) once, the first
/// time any <see cref="Regex"/> is used in the process. The <c>lint</c> command calls <see cref="Configure"/> first
/// thing; the library also calls it when it is loaded. A host that used a regular expression before loading the
/// library keeps its own default: check <see cref="IsActive"/>.
/// </remarks>
public static class RegexSafety
{
    /// <summary>The default match timeout lint sets: 2 seconds.</summary>
    public static TimeSpan MatchTimeout { get; } = TimeSpan.FromSeconds(2);

    /// <summary>The application-domain key that .NET reads for the default match timeout.</summary>
    public const string DefaultTimeoutKey = "REGEX_DEFAULT_MATCH_TIMEOUT";

    /// <summary>Sets the process-wide default match timeout to <see cref="MatchTimeout"/> unless the host set one; returns <see cref="IsActive"/>.</summary>
    public static bool Configure()
    {
        if (AppContext.GetData(DefaultTimeoutKey) is null) AppDomain.CurrentDomain.SetData(DefaultTimeoutKey, MatchTimeout);
        return IsActive;
    }

    /// <summary>Whether regular expressions created without a timeout get one in this process.</summary>
    public static bool IsActive => new Regex("x").MatchTimeout != Regex.InfiniteMatchTimeout;

#pragma warning disable CA2255 // a library module initializer is intended here: it must run before the first Regex
    [ModuleInitializer]
    internal static void OnLoad()
    {
        if (AppContext.GetData(DefaultTimeoutKey) is null) AppDomain.CurrentDomain.SetData(DefaultTimeoutKey, MatchTimeout);
    }
#pragma warning restore CA2255
}
