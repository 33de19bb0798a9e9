using System.Text.Json;
using Lint.Parsing;
using Lint.Rules;
using Lint.Schema;

namespace Lint.Config;

/// <summary>Finds, reads and validates <c>lint.config.json</c>.</summary>
public static class ConfigLoader
{
    /// <summary>The configuration file name.</summary>
    public const string FileName = "lint.config.json";

    /// <summary>The nearest <c>lint.config.json</c> in <paramref name="directory"/> or above, or null.</summary>
    public static string? Discover(string directory)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(directory)); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, FileName);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Loads the configuration at <paramref name="path"/>, or the discovered one, or the defaults.</summary>
    /// <param name="path">An explicit configuration file (<c>--config</c>), or null to discover.</param>
    /// <param name="workingDirectory">Where discovery starts.</param>
    /// <param name="knownRuleIds">Rule ids the configuration may name.</param>
    /// <param name="optionsSchemaOf">
    /// The options schema of a rule id (null: the rule takes no options); default: the built-in rules' schemas. The
    /// <see cref="Linter"/> passes its own rules, custom ones included.
    /// </param>
    /// <exception cref="LintConfigurationException">The file is unreadable or invalid; the message has <c>file:line:col</c>.</exception>
    public static LintConfig Load(string? path, string workingDirectory, IReadOnlyCollection<string> knownRuleIds, Func<string, RuleOptionsSchema?>? optionsSchemaOf = null)
    {
        if (path is not null)
        {
            var full = Path.GetFullPath(path, workingDirectory);
            if (!File.Exists(full)) throw new LintConfigurationException($"{path}: configuration file not found");
            return LoadFile(full, knownRuleIds, optionsSchemaOf);
        }
        var discovered = Discover(workingDirectory);
        return discovered is null ? LintConfig.Defaults(workingDirectory) : LoadFile(discovered, knownRuleIds, optionsSchemaOf);
    }

    /// <summary>Reads and validates one configuration file.</summary>
    public static LintConfig LoadFile(string fullPath, IReadOnlyCollection<string> knownRuleIds, Func<string, RuleOptionsSchema?>? optionsSchemaOf = null)
    {
        // The configuration's folder is the project: the file itself must be a regular file inside it (a committed
        // link to /dev/zero or to a file elsewhere is refused), of at most LintLimits.ConfigurationSize bytes.
        var bytes = IO.BoundedFile.ReadWhole(fullPath, "the configuration", LintLimits.ConfigurationSize,
            new IO.ProjectBoundary(Path.GetDirectoryName(fullPath)!), namedByUser: false, message => new LintConfigurationException(message));
        return Parse(bytes, fullPath, knownRuleIds, optionsSchemaOf);
    }

    /// <summary>The options schema of a built-in rule, or null.</summary>
    private static RuleOptionsSchema? BuiltInOptionsSchema(string ruleId) =>
        RuleRegistry.BuiltIn.FirstOrDefault(r => r.Metadata.Id == ruleId) is { } rule ? RuleOptionsSchema.Of(rule.Metadata) : null;

    /// <summary>Validates configuration text; <paramref name="fullPath"/> names it in messages and anchors relative paths.</summary>
    public static LintConfig Parse(byte[] bytes, string fullPath, IReadOnlyCollection<string> knownRuleIds, Func<string, RuleOptionsSchema?>? optionsSchemaOf = null)
    {
        optionsSchemaOf ??= BuiltInOptionsSchema;
        using (var doc = StrictJsonParser.ParseOrThrow(bytes, fullPath, (where, reason) => new LintConfigurationException($"{where}: invalid configuration: {reason}")))
        {
            string Where(string pointer, bool atKey = false) => doc.Location(fullPath, pointer, atKey);
            // Every mistake of the file is reported in one run, each at its file:line:col, in the order of the file.
            var errors = new List<(int Offset, string Message)>();
            void Error(string pointer, bool atKey, string message) => errors.Add((doc.OffsetOf(pointer, atKey), $"{Where(pointer, atKey)}: {message}"));
            void ThrowIfAny()
            {
                if (errors.Count > 0)
                    throw new LintConfigurationException(string.Join("\n", errors.OrderBy(e => e.Offset).Select(e => e.Message).Distinct(StringComparer.Ordinal)));
            }
            // Every glob is checked where it is written: '..' and absolute patterns would leave the project.
            void CheckGlob(string pattern, string pointer)
            {
                try { Engine.GlobPatterns.Check(pattern, Where(pointer), allowRooted: false); }
                catch (LintConfigurationException ex) { errors.Add((doc.OffsetOf(pointer), ex.Message)); }
            }
            foreach (var d in doc.DuplicateKeys)
            {
                var (l, c) = doc.Lines.ToLineColumn(d.Offset);
                errors.Add((d.Offset, $"{fullPath}:{l}:{c}: invalid configuration: property '{Text.Sanitize(d.Name)}' is defined twice"));
            }
            foreach (var v in SchemaValidator.Configuration.Validate(doc.Root))
                Error(v.Pointer, v.AtKey, $"invalid configuration: {v.Message}");
            if (errors.Count > 0)
            {
                // The structure is not what the reader below expects; what can still be checked safely is the rule ids.
                void UnknownIds(JsonElement rules, string pointer)
                {
                    if (rules.ValueKind != JsonValueKind.Object) return;
                    foreach (var p in rules.EnumerateObject())
                        if (!knownRuleIds.Contains(p.Name))
                            Error(JsonPointer.Append(pointer, p.Name), true, RuleRegistry.UnknownRuleMessage(p.Name, knownRuleIds));
                }
                void Patterns(JsonElement array, string pointer)
                {
                    if (array.ValueKind != JsonValueKind.Array) return;
                    int n = 0;
                    foreach (var item in array.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.String) CheckGlob(item.GetString()!, JsonPointer.Append(pointer, n));
                        n++;
                    }
                }
                if (doc.Root.ValueKind == JsonValueKind.Object)
                {
                    if (doc.Root.TryGetProperty("include", out var inc)) Patterns(inc, "/include");
                    if (doc.Root.TryGetProperty("exclude", out var exc)) Patterns(exc, "/exclude");
                    if (doc.Root.TryGetProperty("rules", out var r)) UnknownIds(r, "/rules");
                    if (doc.Root.TryGetProperty("overrides", out var os) && os.ValueKind == JsonValueKind.Array)
                    {
                        int n = 0;
                        foreach (var o in os.EnumerateArray())
                        {
                            if (o.ValueKind == JsonValueKind.Object && o.TryGetProperty("files", out var files)) Patterns(files, $"/overrides/{n}/files");
                            if (o.ValueKind == JsonValueKind.Object && o.TryGetProperty("rules", out var orules)) UnknownIds(orules, $"/overrides/{n}/rules");
                            n++;
                        }
                    }
                }
                ThrowIfAny();
            }
            var root = doc.Root;
            var baseDir = Path.GetDirectoryName(fullPath)!;
            var config = new LintConfig { SourcePath = fullPath, BaseDirectory = baseDir };

            // A rule is "id": "severity" or "id": ["severity"] or "id": ["severity", { options }]; the options are
            // validated against the rule's own schema, at their file:line:col.
            (Dictionary<string, Severity> Severities, Dictionary<string, RuleOptions> Options) ReadRules(JsonElement rules, string pointer)
            {
                var map = new Dictionary<string, Severity>(StringComparer.Ordinal);
                var options = new Dictionary<string, RuleOptions>(StringComparer.Ordinal);
                foreach (var p in rules.EnumerateObject())
                {
                    var at = JsonPointer.Append(pointer, p.Name);
                    if (!knownRuleIds.Contains(p.Name))
                    {
                        Error(at, true, RuleRegistry.UnknownRuleMessage(p.Name, knownRuleIds));
                        continue;
                    }
                    var severityElement = p.Value.ValueKind == JsonValueKind.Array ? p.Value[0] : p.Value;
                    SeverityNames.TryParse(severityElement.GetString(), out var severity);
                    map[p.Name] = severity;
                    if (p.Value.ValueKind != JsonValueKind.Array || p.Value.GetArrayLength() < 2) continue;
                    var value = p.Value[1];
                    var optionsAt = JsonPointer.Append(at, 1);
                    RuleOptionsSchema? schema;
                    try
                    {
                        schema = optionsSchemaOf(p.Name);
                    }
                    catch (SchemaLoadException ex)
                    {
                        Error(optionsAt, false, $"rule '{p.Name}' cannot take options: {ex.Message}");
                        continue;
                    }
                    if (schema is null)
                    {
                        Error(optionsAt, false, $"invalid configuration: rule '{p.Name}' has no options; write \"{p.Name}\": \"{severity.ToName()}\"");
                        continue;
                    }
                    var violations = schema.Validate(value);
                    if (violations.Count > 0)
                    {
                        // The options are validated as a document of their own: "the document" is the options object.
                        foreach (var v in violations)
                            Error(optionsAt + v.Pointer, v.AtKey, $"invalid configuration: option of rule '{p.Name}': {v.Message.Replace(" the document", " the options", StringComparison.Ordinal)}");
                        continue;
                    }
                    options[p.Name] = RuleOptions.FromJson(value).WithSchema(schema);
                }
                return (map, options);
            }

            static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

            string[] Globs(JsonElement array, string pointer)
            {
                var list = Strings(array);
                for (int i = 0; i < list.Length; i++) CheckGlob(list[i], JsonPointer.Append(pointer, i));
                return list;
            }

            string[] Locations(JsonElement array, string pointer) => Enumerable.Range(0, array.GetArrayLength()).Select(i => Where(JsonPointer.Append(pointer, i))).ToArray();
            if (root.TryGetProperty("include", out var include)) config = config with { Include = Globs(include, "/include"), IncludeLocations = Locations(include, "/include") };
            if (root.TryGetProperty("exclude", out var exclude)) config = config with { Exclude = Globs(exclude, "/exclude"), ExcludeLocations = Locations(exclude, "/exclude") };
            if (root.TryGetProperty("schema", out var schema))
            {
                config = config with { Schema = schema.GetString() };
                // A schema path that is not a file is the configuration's mistake: say so where the key is written.
                var schemaPath = Path.GetFullPath(schema.GetString()!, baseDir);
                if (Directory.Exists(schemaPath))
                    Error("/schema", false, $"\"schema\" names a folder, {Text.Quote(schema.GetString()!, 200)}; give the path of a JSON Schema file (relative to the configuration file)");
                else if (!File.Exists(schemaPath) && !IsLink(schemaPath))
                    Error("/schema", false, $"\"schema\" names no file: {Text.Quote(schema.GetString()!, 200)} does not exist (the path is relative to the configuration file, {Text.Quote(baseDir, 300)})");
            }
            if (root.TryGetProperty("schemaMap", out var schemaMap))
            {
                var map = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var entry in schemaMap.EnumerateObject()) map[entry.Name] = Path.GetFullPath(entry.Value.GetString()!, baseDir);
                config = config with { SchemaMap = map };
            }
            if (root.TryGetProperty("site", out var site)) config = config with { Site = site.GetString() };
            if (root.TryGetProperty("maxFileSize", out var max)) config = config with { MaxFileSize = max.TryGetInt64(out var m) ? m : long.MaxValue };
            if (root.TryGetProperty("unsupportedKeywords", out var unsupported) && SeverityNames.TryParse(unsupported.GetString(), out var policy))
                config = config with { UnsupportedKeywords = policy };
            if (root.TryGetProperty("limits", out var limits))
            {
                var l = LintLimits.Default;
                long Get(string name, long fallback) => limits.TryGetProperty(name, out var v) ? (v.TryGetInt64(out var n) ? n : long.MaxValue) : fallback;
                static int Small(long n) => (int)Math.Min(n, int.MaxValue);
                config = config with
                {
                    Limits = l with
                    {
                        SchemaFileSize = Get("schemaFileSize", l.SchemaFileSize),
                        BaselineSize = Get("baselineSize", l.BaselineSize),
                        CacheSize = Get("cacheSize", l.CacheSize),
                        SchemaSteps = Get("schemaSteps", l.SchemaSteps),
                        RegexTimePerFile = TimeSpan.FromMilliseconds(Math.Min(Get("regexMillisecondsPerFile", (long)l.RegexTimePerFile.TotalMilliseconds), int.MaxValue)),
                        RegexTimePerRun = TimeSpan.FromMilliseconds(Math.Min(Get("regexMillisecondsPerRun", (long)l.RegexTimePerRun.TotalMilliseconds), int.MaxValue)),
                        MessageLength = Small(Get("messageLength", l.MessageLength)),
                        WalkDepth = Small(Get("walkDepth", l.WalkDepth)),
                    },
                };
            }
            if (root.TryGetProperty("cache", out var cache)) config = config with { Cache = cache.GetBoolean() };
            if (root.TryGetProperty("rules", out var rules))
            {
                var (severities, options) = ReadRules(rules, "/rules");
                config = config with { Rules = severities, RuleOptions = options };
            }
            if (root.TryGetProperty("overrides", out var overrides))
            {
                var list = new List<ConfigOverride>();
                int i = 0;
                foreach (var o in overrides.EnumerateArray())
                {
                    var (severities, options) = ReadRules(o.GetProperty("rules"), $"/overrides/{i}/rules");
                    list.Add(new ConfigOverride(Globs(o.GetProperty("files"), $"/overrides/{i}/files"), severities) { RuleOptions = options });
                    i++;
                }
                config = config with { Overrides = list };
            }
            if (root.TryGetProperty("taxonomy", out var taxonomy))
            {
                var extra = new Dictionary<string, IReadOnlyDictionary<string, string>>();
                foreach (var dim in taxonomy.EnumerateObject())
                    extra[dim.Name] = dim.Value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
                config = config with { Taxonomy = Taxonomy.Default.Extend(extra) };
            }
            ThrowIfAny();
            return config;
        }
    }

    /// <summary>Whether <paramref name="path"/> is a symbolic link (a dangling one too): the guarded reader says what is wrong with it.</summary>
    private static bool IsLink(string path)
    {
        try { return new FileInfo(path).LinkTarget is not null; }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}
