using Lint.Config;
using Lint.Rules;
using Lint.Tests.TestSupport;

namespace Lint.Tests.Safety;

/// <summary>The engine turns every failure into a finding: failing rules, files that vanish or cannot be read, endless input, loops in the file system.</summary>
public sealed class EngineRobustnessTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private Linter NewLinter(LintConfig? config = null, params ILintRule[] rules) => new(new LintOptions
    {
        WorkingDirectory = _dir.Path,
        Config = config ?? LintConfig.Defaults(_dir.Path),
        AdditionalRules = rules,
        MaxDegreeOfParallelism = 1,
    });

    private string WriteClean(string stem)
    {
        var doc = Incidents.Valid(stem);
        doc["record"]!["relatedIncidents"] = new System.Text.Json.Nodes.JsonArray();
        return _dir.Write(stem + ".json", Incidents.ToText(doc));
    }

    /// <summary>A custom rule that reports one finding and then throws.</summary>
    private sealed class ThrowingRule(string id, Func<Exception> exception, Action<FileContext>? before = null) : IFileRule
    {
        public RuleMetadata Metadata { get; } = new(id, "Fails on purpose.", Severity.Warning, Fixable: false);

        public void Check(FileContext context)
        {
            before?.Invoke(context);
            context.Report("/record/title", "a finding made before the failure");
            throw exception();
        }
    }

    /// <summary>A custom rule that runs an action and reports nothing.</summary>
    private sealed class ActionRule(string id, Action<FileContext> action) : IFileRule
    {
        public RuleMetadata Metadata { get; } = new(id, "Runs an action.", Severity.Error, Fixable: false);

        public void Check(FileContext context) => action(context);
    }

    [Fact]
    public async Task ARuleThatThrowsGivesAnInternalErrorFindingAndTheOtherRulesStillRun()
    {
        WriteClean("first-incident");
        var broken = _dir.Write("second-incident.json", Incidents.ToText(Incidents.Valid("second-incident")).Replace("\"sourceCount\": ", "\"sourceCount\": 1, \"y\": "));
        var linter = NewLinter(null, new ThrowingRule("custom-broken", () => new InvalidOperationException("boom\n::error ::forged")));
        var result = await linter.LintAsync([]);

        Assert.Equal(2, result.FilesChecked);
        foreach (var file in new[] { "first-incident.json", "second-incident.json" })
        {
            var failure = Assert.Single(result.Findings, f => f.File == file && f.RuleId == "custom-broken");
            // An error, whatever the rule's severity: a check that did not run must not pass silently.
            Assert.Equal(Severity.Error, failure.Severity);
            Assert.StartsWith("internal error: rule 'custom-broken' failed on this file", failure.Message);
            Assert.Contains("InvalidOperationException: boom\\u000A::error ::forged", failure.Message);
            Assert.DoesNotContain("   at ", failure.Message);
            Assert.Null(failure.Fix);
        }
        // The finding reported before the failure is dropped; the other rules' findings are kept.
        Assert.DoesNotContain(result.Findings, f => f.Message == "a finding made before the failure");
        Assert.Contains(result.Findings, f => f.File == "second-incident.json" && f.RuleId == "schema");
    }

    [Theory]
    [InlineData(typeof(NullReferenceException))]
    [InlineData(typeof(IndexOutOfRangeException))]
    [InlineData(typeof(KeyNotFoundException))]
    [InlineData(typeof(System.Text.Json.JsonException))]
    [InlineData(typeof(FormatException))]
    [InlineData(typeof(OperationCanceledException))]
    public async Task EveryKindOfExceptionFromARuleBecomesAFinding(Type exceptionType)
    {
        WriteClean("only-incident");
        var linter = NewLinter(null, new ThrowingRule("custom-broken", () => (Exception)Activator.CreateInstance(exceptionType)!));
        var result = await linter.LintAsync([]);
        var failure = Assert.Single(result.Findings);
        Assert.Equal("custom-broken", failure.RuleId);
        Assert.Contains(exceptionType.Name, failure.Message);
    }

    [Fact]
    public async Task LintTextAndLintBytesAlsoTurnRuleFailuresIntoFindings()
    {
        var linter = NewLinter(null, new ThrowingRule("custom-broken", () => new InvalidOperationException("boom")));
        var text = Incidents.ToText(Incidents.Valid("in-memory"));
        var result = await linter.LintTextAsync(_dir.Combine("in-memory.json"), text);
        Assert.Contains(result.Findings, f => f.RuleId == "custom-broken" && f.Message.StartsWith("internal error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFileThatDisappearsMidRunGetsAFinding()
    {
        WriteClean("a-first");
        var doomed = WriteClean("z-last");
        // Files are linted in path order with one worker: the rule deletes z-last.json after discovery, before it is read.
        var linter = NewLinter(null, new ActionRule("custom-deleter", context =>
        {
            if (context.FileStem == "a-first") File.Delete(doomed);
        }));
        var result = await linter.LintAsync([]);
        Assert.Equal(2, result.FilesChecked);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(("z-last.json", "invalid-json", Severity.Error), (finding.File, finding.RuleId, finding.Severity));
        Assert.Equal("the file cannot be read: it no longer exists (it was removed or renamed while lint ran)", finding.Message);
    }

    [SkippableUnlessChmodBlocksReadsFact]
    public async Task AnUnreadableFileGetsAFinding()
    {
        var locked = WriteClean("locked");
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            var result = await NewLinter().LintAsync([]);
            var finding = Assert.Single(result.Findings);
            Assert.Equal(("locked.json", "invalid-json", "the file cannot be read: permission denied"), (finding.File, finding.RuleId, finding.Message));
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [SkippableUnlessChmodBlocksReadsFact]
    public async Task AnUnreadableFolderGetsAFindingInsteadOfEndingTheRun()
    {
        WriteClean("readable");
        var locked = _dir.Combine("locked");
        _dir.Write("locked/hidden.json", "{");
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            var result = await NewLinter().LintAsync([]);
            var finding = Assert.Single(result.Findings);
            Assert.Equal(("locked", "invalid-json"), (finding.File, finding.RuleId));
            Assert.Contains("the folder cannot be read", finding.Message);
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public async Task ASymbolicLinkToAParentFolderIsNotFollowed()
    {
        if (OperatingSystem.IsWindows()) return; // symbolic links need privileges there
        var top = WriteClean("top");
        _dir.Write("sub/top.json", File.ReadAllText(top));
        File.CreateSymbolicLink(_dir.Combine("sub", "up"), "..");
        File.CreateSymbolicLink(_dir.Combine("sub", "self"), ".");
        var linter = NewLinter();
        var result = await linter.LintAsync([]);
        Assert.Equal(2, result.FilesChecked);
        // Also as an explicit target folder.
        var explicitRun = await linter.LintAsync([_dir.Combine("sub")]);
        Assert.Equal(1, explicitRun.FilesChecked);
        // Both files declare the slug "top": exactly one duplicate-slug finding each, none through a link path.
        Assert.Equal(["sub/top.json", "top.json"], result.Findings.Where(f => f.RuleId == "duplicate-slug").Select(f => f.File).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ASymbolicLinkInsideTheProjectToAFileInsideTheProjectIsLinted()
    {
        if (OperatingSystem.IsWindows()) return;
        var doc = Incidents.Valid("linked");
        doc["record"]!["relatedIncidents"] = new System.Text.Json.Nodes.JsonArray();
        _dir.Write("store/real.json", Incidents.ToText(doc));
        Directory.CreateDirectory(_dir.Combine("incidents"));
        File.CreateSymbolicLink(_dir.Combine("incidents", "linked.json"), Path.Combine("..", "store", "real.json"));
        var config = LintConfig.Defaults(_dir.Path) with { Include = ["incidents/**/*.json"] };
        var result = await NewLinter(config).LintAsync([]);
        Assert.Equal(1, result.FilesChecked);
        Assert.True(result.Findings.Count == 0, ReportText.Of(result.Findings));
    }

    [Fact]
    public async Task ALinkToAFolderOutsideTheProjectIsRefusedWhenNamedExplicitly()
    {
        if (OperatingSystem.IsWindows()) return;
        using var outside = new TempDir();
        outside.Write("secret.json", HostileCorpus.SecretFileText);
        File.CreateSymbolicLink(_dir.Combine("elsewhere"), outside.Path);
        var result = await NewLinter().LintAsync([_dir.Combine("elsewhere")]);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("elsewhere/secret.json", finding.File);
        Assert.Contains("leads outside the project", finding.Message);
        Assert.DoesNotContain(result.Findings, f => f.Message.Contains("s3cr3t", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnEndlessDeviceNamedExplicitlyIsRefusedWithoutReadingIt()
    {
        if (!File.Exists("/dev/zero")) return;
        var config = LintConfig.Defaults(_dir.Path) with { MaxFileSize = 1024 * 1024 };
        var before = GC.GetTotalAllocatedBytes();
        var result = await NewLinter(config).LintAsync(["/dev/zero"]);
        var finding = Assert.Single(result.Findings);
        // Regular files only: a device is refused before it is opened (docs/safety.md).
        Assert.Equal("invalid-json", finding.RuleId);
        Assert.Equal("the file cannot be read: it is a character device, not a regular file; lint reads regular files only", finding.Message);
        Assert.True(GC.GetTotalAllocatedBytes() - before < 64L * 1024 * 1024, "more than 64 MB allocated for a 1 MB limit");
    }

    /// <summary>A stream that never ends.</summary>
    private sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Served; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'[');
            Served += count;
            return count;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task AnEndlessStreamIsReadOnlyUpToTheLimit()
    {
        var config = LintConfig.Defaults(_dir.Path) with { MaxFileSize = 256 * 1024 };
        var stream = new EndlessStream();
        var result = await NewLinter(config).LintStreamAsync("stdin-name.json", stream);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(("stdin-name.json", "file-too-large"), (finding.File, finding.RuleId));
        Assert.InRange(stream.Served, 256 * 1024 + 1, 256 * 1024 + 64 * 1024);
    }

    [Fact]
    public async Task BytesOverTheLimitGetFileTooLargeWithoutBeingParsed()
    {
        var config = LintConfig.Defaults(_dir.Path) with { MaxFileSize = 100 };
        var result = await NewLinter(config).LintBytesAsync("big.json", new byte[101]);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("file-too-large", finding.RuleId);
        Assert.Equal("the file is 101 bytes, over the limit of 100 bytes (maxFileSize); it was not read", finding.Message);
    }

    [Fact]
    public async Task AnOversizedCorpusFileIsNotScannedForItsSlug()
    {
        // Its slug would make related-exists pass; over the limit it is not read at all, not even for the corpus.
        var big = Incidents.Valid("big-incident");
        big["record"]!["relatedIncidents"] = new System.Text.Json.Nodes.JsonArray();
        big["record"]!["contentHtml"] = new string('x', 10_000);
        _dir.Write("big-incident.json", Incidents.ToText(big));
        var small = Incidents.Valid("small-incident");
        small["record"]!["relatedIncidents"] = new System.Text.Json.Nodes.JsonArray("big-incident");
        var smallPath = _dir.Write("small-incident.json", Incidents.ToText(small));
        var config = LintConfig.Defaults(_dir.Path) with { MaxFileSize = new FileInfo(smallPath).Length + 10 };
        Assert.True(new FileInfo(_dir.Combine("big-incident.json")).Length > config.MaxFileSize);
        var result = await NewLinter(config).LintAsync([smallPath]);
        Assert.Contains(result.Findings, f => f.RuleId == "related-exists" && f.Message.Contains("big-incident", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NestingJustBelowTheLimitReachesEveryRuleWithoutOverflow()
    {
        // 256 levels in total (root, record, tags, 253 more) is accepted by the parser; the schema, the position map
        // and every rule then see it.
        var text = Incidents.ToText(Incidents.Valid("deep")).Replace("\"tags\": [", "\"tags\": [" + new string('[', 253) + new string(']', 253) + ",");
        var result = await NewLinter().LintTextAsync(_dir.Combine("deep.json"), text);
        Assert.Contains(result.Findings, f => f.RuleId == "schema" && f.Pointer == "/record/tags/0");
        Assert.DoesNotContain(result.Findings, f => f.Message.StartsWith("internal error", StringComparison.Ordinal));
        var deeper = text.Replace("\"tags\": [[", "\"tags\": [[[").Replace("]],", "]]],");
        var over = await NewLinter().LintTextAsync(_dir.Combine("deep.json"), deeper);
        Assert.Equal("the document is nested more than 256 levels deep", Assert.Single(over.Findings).Message);
    }

    [Fact]
    public void AUserSchemaThatCannotValidateAnythingIsAConfigurationError()
    {
        var schema = _dir.Write("self.schema.json", "{ \"$ref\": \"#\" }");
        var config = LintConfig.Defaults(_dir.Path) with { Schema = schema };
        var ex = Assert.Throws<LintConfigurationException>(() => NewLinter(config));
        Assert.Contains("the schema applies itself to the same value in a loop", ex.Message);
    }
}

/// <summary>A fact that is skipped, with the reason, where <c>chmod 000</c> cannot make a file unreadable (root, Windows).</summary>
public sealed class SkippableUnlessChmodBlocksReadsFactAttribute : FactAttribute
{
    public SkippableUnlessChmodBlocksReadsFactAttribute()
    {
        if (!HostileCorpus.ChmodBlocksReads) Skip = HostileCorpus.ChmodSkipReason;
    }
}
