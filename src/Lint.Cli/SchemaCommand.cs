using System.CommandLine;
using Lint.Schema;

namespace Lint.Cli;

/// <summary><c>lint schema</c>: prints the embedded incident schema, for editors (<c>lint schema &gt; incident.schema.json</c>).</summary>
public static class SchemaCommand
{
    /// <summary>Creates the subcommand.</summary>
    public static Command Create(TextWriter stdout)
    {
        var command = new Command("schema", "Print the embedded incident JSON Schema (draft-07), for editors: lint schema > incident.schema.json");
        command.SetAction(_ =>
        {
            stdout.Write(SchemaValidator.DefaultSchemaText);
            stdout.Flush();
            return ExitCodes.Success;
        });
        return command;
    }
}
