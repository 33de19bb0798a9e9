using System.Globalization;
using System.Text;
using System.Xml;

namespace Lint.Formatting;

/// <summary>
/// JUnit XML, for CI test-report viewers (GitLab, Jenkins, Azure DevOps, ...): one test suite, one test case per
/// file (passing when the file has no finding), one <c>failure</c> per finding. <c>tests</c> counts the test cases
/// and <c>failures</c> the failing ones, as viewers expect. Characters that XML 1.0 cannot carry are dropped.
/// </summary>
public sealed class JUnitFormatter : IFormatter
{
    /// <inheritdoc />
    public string Name => "junit";

    /// <inheritdoc />
    public void Write(ReportInput input, TextWriter writer)
    {
        var result = input.Result;
        var byFile = result.Findings.GroupBy(f => f.File).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        // Every linted file is a test case when the result says which were linted; otherwise the files with findings.
        var files = (result.Files ?? []).Concat(byFile.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        int failing = files.Count(byFile.ContainsKey);
        string time = result.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
        string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
        };
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", ReportInput.ToolName);
            xml.WriteAttributeString("tests", Count(files.Count));
            xml.WriteAttributeString("failures", Count(failing));
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("time", time);
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", ReportInput.ToolName);
            xml.WriteAttributeString("tests", Count(files.Count));
            xml.WriteAttributeString("failures", Count(failing));
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("skipped", "0");
            xml.WriteAttributeString("time", time);
            xml.WriteStartElement("properties");
            WriteProperty(xml, "lint.version", ReportInput.ToolVersion);
            WriteProperty(xml, "lint.problems", Count(result.Findings.Count));
            WriteProperty(xml, "lint.errors", Count(result.ErrorCount));
            WriteProperty(xml, "lint.warnings", Count(result.WarningCount));
            xml.WriteEndElement();
            foreach (var file in files)
            {
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("classname", ReportInput.ToolName);
                xml.WriteAttributeString("name", Clean(file));
                xml.WriteAttributeString("file", Clean(file));
                xml.WriteAttributeString("time", "0");
                foreach (var f in byFile.GetValueOrDefault(file) ?? [])
                {
                    string position = string.Create(CultureInfo.InvariantCulture, $"{f.Line}:{f.Column}");
                    xml.WriteStartElement("failure");
                    xml.WriteAttributeString("message", Clean($"{position} {f.Message} ({f.RuleId})"));
                    xml.WriteAttributeString("type", f.Severity.ToName());
                    var pointer = f.Pointer.Length == 0 ? "(document)" : f.Pointer;
                    xml.WriteString(Clean($"{f.Severity.ToName()} at {f.File}:{position}\nrule: {f.RuleId}\npointer: {pointer}\n{f.Message}"));
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        writer.Write(Encoding.UTF8.GetString(stream.ToArray()));
        writer.Write('\n');
    }

    private static void WriteProperty(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", value);
        xml.WriteEndElement();
    }

    /// <summary>Drops the characters XML 1.0 cannot carry (most control characters, lone surrogates, U+FFFE and U+FFFF).</summary>
    public static string Clean(string text)
    {
        StringBuilder? sb = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (XmlConvert.IsXmlChar(c))
            {
                sb?.Append(c);
                continue;
            }
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                sb?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            sb ??= new StringBuilder(text.Length).Append(text, 0, i);
        }
        return sb?.ToString() ?? text;
    }
}
