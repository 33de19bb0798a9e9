using Lint.Corpus;
using Lint.Fixing;
using Lint.Parsing;

namespace Lint;

public sealed partial class Linter
{
    /// <summary>
    /// The cross-file step of <c>--fix</c> and <c>--fix-dry-run</c>, after every file's own fixes: the reported,
    /// fixable findings of the files being linted whose fix changes another file (<see cref="Fix.CrossFile"/>), grouped
    /// by that file. Each target is taken as this run left it (its own fixes applied, or in a dry run as they would
    /// be), else read from disk through the guarded reader; each fix is planned against its current content, applied
    /// only when the result is still well-formed JSON, and the target is written once, atomically, only when it holds
    /// the bytes the plans were made from. A target outside the project (or behind a link out of it), one that does not
    /// parse, one whose own fixes could not be written, or one a plan refuses keeps its content, and the finding says
    /// why it was not fixed.
    /// </summary>
    /// <param name="run">The corpus side of the run; the changed targets' entries are recorded in it.</param>
    /// <param name="integrity">The whole-corpus findings of the run.</param>
    /// <param name="changed">The files changed by their own fixes in this run; updated in place.</param>
    /// <param name="write">Whether to write (<c>--fix</c>) or only compute (<c>--fix-dry-run</c>).</param>
    /// <param name="notFixed">The findings whose cross-file fix was not made, each with the reason.</param>
    /// <returns>The targets that changed (full paths), with their new entries recorded in <paramref name="run"/>.</returns>
    private List<string> ApplyCrossFileFixes(CorpusRun run, IEnumerable<Finding> integrity, List<FileFix> changed, bool write, Dictionary<(string RuleId, string File, string Pointer), string> notFixed)
    {
        var done = new List<string>();
        var groups = integrity
            .Where(f => !f.OutsideTargets && ShouldFix(f) && f.Fix!.Target is not null)
            .OrderBy(f => f, Finding.ReportOrder)
            .GroupBy(f => f.Fix!.Target!.FullPath, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var target = group.Key;
            var findings = group.ToList();
            void RefuseAll(string reason)
            {
                foreach (var f in findings) notFixed[(f.RuleId, f.File, f.Pointer)] = reason;
            }
            var display = findings[0].Fix!.Target!.DisplayPath;
            // Never outside the project or through a link out of it, and only a file of the corpus.
            if (_boundary.Refusal(target, namedByUser: false) is { } refusal) { RefuseAll(refusal); continue; }
            if (!run.Positions.ContainsKey(target)) { RefuseAll($"{Text.Sanitize(display, 300)} is not a file of the corpus"); continue; }
            int priorIndex = changed.FindIndex(c => c.FullPath == target);
            var prior = priorIndex >= 0 ? changed[priorIndex] : null;
            byte[] start;
            if (prior is not null)
            {
                if (prior.Error is not null) { RefuseAll($"{Text.Sanitize(display, 300)} could not be written: {prior.Error}"); continue; }
                start = prior.Fixed;
            }
            else
            {
                var outcome = _reader.Read(target, Config.MaxFileSize);
                if (outcome.Bytes is not { } read)
                {
                    RefuseAll(outcome.TooLarge ? $"{Text.Sanitize(display, 300)} is over the size limit (maxFileSize)" : outcome.Problem ?? "the file cannot be read");
                    continue;
                }
                FileRead?.Invoke(target);
                start = read;
            }
            var current = start;
            int applied = 0;
            var appliedFindings = new List<Finding>();
            foreach (var finding in findings)
            {
                var fix = finding.Fix!;
                var (document, error, _) = StrictJsonParser.Parse(current);
                if (document is null)
                {
                    notFixed[(finding.RuleId, finding.File, finding.Pointer)] = $"{Text.Sanitize(display, 300)} is not well-formed JSON ({Text.Sanitize(error?.Message ?? "invalid JSON", 200)})";
                    continue;
                }
                CrossFilePlan plan;
                using (document)
                {
                    try
                    {
                        plan = fix.Target!.Plan(document);
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        plan = CrossFilePlan.Refuse($"internal error while planning the fix ({ex.GetType().Name})");
                    }
                }
                if (plan.Refusal is { } reason) { notFixed[(finding.RuleId, finding.File, finding.Pointer)] = reason; continue; }
                if (plan.Edits.Count == 0) continue; // nothing left to do (an earlier fix of this run did it)
                var application = FixApplier.Apply(current, [new Fix(fix.Description, plan.Edits)]);
                if (application.Applied.Count != 1 || !IsWellFormed(application.Result))
                {
                    notFixed[(finding.RuleId, finding.File, finding.Pointer)] = $"its edit of {Text.Sanitize(display, 300)} could not be applied cleanly";
                    continue;
                }
                current = application.Result;
                applied++;
                appliedFindings.Add(finding);
            }
            if (applied == 0) continue;
            if (write)
            {
                try
                {
                    // The target must still hold what the plans were made from (its own fixed bytes, or what was read).
                    WriteFile(target, start, current);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    string why = $"{Text.Sanitize(display, 300)} could not be written: {Text.Sanitize(ex.Message, 300)}";
                    foreach (var f in appliedFindings) notFixed[(f.RuleId, f.File, f.Pointer)] = why;
                    continue;
                }
            }
            var fileFix = prior is null
                ? new FileFix(DisplayPath(target), target, start, current, applied, Written: write, Error: null)
                : prior with { Fixed = current, AppliedFixes = prior.AppliedFixes + applied };
            if (priorIndex >= 0) changed[priorIndex] = fileFix;
            else changed.Add(fileFix);
            // Whole-corpus rules see the target as it is now; its entry is not what its old stamp proves.
            run.SetLinted(target, CorpusEntry.FromBytes(current, Config.Site));
            run.Unstamp(target);
            done.Add(target);
        }
        return done;
    }
}
