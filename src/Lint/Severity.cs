namespace Lint;

/// <summary>How serious a finding is. <see cref="Off"/> disables a rule.</summary>
public enum Severity
{
    /// <summary>The rule does not run.</summary>
    Off = 0,
    /// <summary>Reported, but does not fail the run (unless <c>--max-warnings</c> is exceeded).</summary>
    Warning = 1,
    /// <summary>Reported and fails the run (exit code 1).</summary>
    Error = 2,
}

/// <summary>Parsing and printing of <see cref="Severity"/> as written in configuration and on the command line.</summary>
public static class SeverityNames
{
    /// <summary>The lower-case name used in configuration: <c>off</c>, <c>warning</c> or <c>error</c>.</summary>
    public static string ToName(this Severity severity) => severity switch
    {
        Severity.Off => "off",
        Severity.Warning => "warning",
        _ => "error",
    };

    /// <summary>Parses <c>off</c>, <c>warning</c> or <c>error</c> (exact, lower case).</summary>
    public static bool TryParse(string? text, out Severity severity)
    {
        switch (text)
        {
            case "off": severity = Severity.Off; return true;
            case "warning": severity = Severity.Warning; return true;
            case "error": severity = Severity.Error; return true;
            default: severity = Severity.Off; return false;
        }
    }
}
