using System.Text;
using Lint.Corpus;
using Lint.Fixing;
using Lint.Parsing;
using Lint.Rules;

namespace Lint.Corpus
{
    /// <summary>One file that a rename changes.</summary>
    /// <param name="FullPath">The file as it is now.</param>
    /// <param name="DisplayPath">Its path as shown in reports.</param>
    /// <param name="NewFullPath">Where the file moves (the renamed incident), or null when it stays.</param>
    /// <param name="NewDisplayPath">The new path as shown in reports, or null.</param>
    /// <param name="Original">The bytes the change was computed from.</param>
    /// <param name="Updated">The new bytes: identical to <paramref name="Original"/> outside the changed values.</param>
    /// <param name="References">How many references to the old slug the file held (rewritten).</param>
    public sealed record RenameChange(string FullPath, string DisplayPath, string? NewFullPath, string? NewDisplayPath, byte[] Original, byte[] Updated, int References)
    {
        /// <summary>The change as a unified diff (a move shows the old and the new path in its header).</summary>
        public string Diff() => NewDisplayPath is null
            ? UnifiedDiff.Create(DisplayPath, Original, Updated)
            : UnifiedDiff.Create("a/" + DisplayPath, "b/" + NewDisplayPath, Encoding.UTF8.GetString(Original), Encoding.UTF8.GetString(Updated));
    }

    /// <summary>What <c>lint rename OLD NEW</c> will do: every file it changes, computed and checked before anything is written.</summary>
    /// <param name="OldSlug">The slug being renamed.</param>
    /// <param name="NewSlug">The new slug.</param>
    /// <param name="Changes">The renamed incident first, then the files whose references change, by path.</param>
    public sealed record RenamePlan(string OldSlug, string NewSlug, IReadOnlyList<RenameChange> Changes)
    {
        /// <summary>How many references to the old slug other files hold.</summary>
        public int References => Changes.Sum(c => c.References);

        /// <summary>The unified diff of every change, in plan order.</summary>
        public string Diff() => string.Concat(Changes.Select(c => c.Diff()));
    }

    /// <summary>A rename that is refused before anything is written (the command exits 2 with <see cref="Exception.Message"/>).</summary>
    public sealed class RenameRefusedException(string message) : Exception(message);

    /// <summary>
    /// The rewrite of one reference to a renamed slug, by reference kind: the edit that makes a reference name the new
    /// slug instead of the old one, or null when it does not name the old slug. New reference kinds add their rewrite here.
    /// </summary>
    public static class ReferenceRewrite
    {
        /// <summary>The edit, against the bytes the reference's offsets were read from.</summary>
        public static TextEdit? EditFor(CorpusReference reference, string oldSlug, string newSlug)
        {
            ArgumentNullException.ThrowIfNull(reference);
            return reference.Kind switch
            {
                ReferenceKind.RelatedIncident when reference.Value == oldSlug => new TextEdit(reference.Offset, reference.Length, FileContext.EncodeString(newSlug)),
                // The slug's own text inside the JSON string (a slug needs no JSON or HTML escaping).
                ReferenceKind.ContentLink when reference.Value == oldSlug && reference.Length >= 0 => new TextEdit(reference.Offset, reference.Length, newSlug),
                _ => null,
            };
        }
    }
}

namespace Lint
{
    public sealed partial class Linter
    {
        /// <summary>
        /// Plans <c>lint rename OLD NEW</c>: the incident whose slug is <paramref name="oldSlug"/> moves to
        /// <c>NEW.json</c> in its folder, its <c>slug</c>, <c>url</c> (when it ends in <c>/incident/OLD</c>) and the
        /// old URL inside its <c>citation</c> change, and every reference to the old slug in the corpus is rewritten.
        /// Every file is read afresh (the corpus index only says which files to look at) and must parse.
        /// </summary>
        /// <exception cref="RenameRefusedException">NEW is not a valid slug or already exists, OLD is unknown or ambiguous, its file is not named OLD.json, or a file to change does not parse.</exception>
        public RenamePlan PlanRename(string oldSlug, string newSlug)
        {
            ArgumentNullException.ThrowIfNull(oldSlug);
            ArgumentNullException.ThrowIfNull(newSlug);
            if (!RecordFields.IsKebabCase(newSlug))
                throw new RenameRefusedException($"{Text.Quote(newSlug, 80)} is not a valid slug: use lowercase kebab-case (letters, digits and single hyphens, such as icc-sanctions-2025)");
            if (oldSlug == newSlug) throw new RenameRefusedException($"the old and the new slug are the same ({Text.Quote(newSlug)})");
            var run = PrepareCorpus(_discovery.CorpusFiles(), [], null);
            SaveIndex(run);
            var corpus = IndexOf(run);
            var owners = corpus.FilesWithSlug(oldSlug);
            if (owners.Count == 0)
            {
                string hint = corpus.ClosestSlug(oldSlug) is { } closest ? $"; did you mean {Text.Quote(closest)}?" : "";
                throw new RenameRefusedException($"no incident of the corpus has the slug {Text.Quote(oldSlug, 80)}{hint}");
            }
            if (owners.Count > 1)
                throw new RenameRefusedException($"the slug {Text.Quote(oldSlug)} is declared by {owners.Count} files ({string.Join(", ", owners)}); resolve the duplicate-slug finding first");
            if (corpus.FilesWithSlug(newSlug) is { Count: > 0 } taken)
                throw new RenameRefusedException($"the slug {Text.Quote(newSlug)} already exists: declared by {string.Join(", ", taken)}");
            var owner = corpus.Entries.Single(e => e.DisplayPath == owners[0]);
            if (owner.FileStem != oldSlug)
                throw new RenameRefusedException($"{owner.DisplayPath} declares {Text.Quote(oldSlug)} but is not named {oldSlug}.json; fix the slug-filename finding first");
            var target = Path.Combine(Path.GetDirectoryName(owner.FullPath)!, newSlug + ".json");
            if (File.Exists(target) || Directory.Exists(target))
                throw new RenameRefusedException($"{DisplayPath(target)} already exists");

            // A file that does not parse may still name the old slug; it cannot be rewritten safely, so it refuses the rename.
            var quoted = Encoding.UTF8.GetBytes(FileContext.EncodeString(oldSlug));
            foreach (var broken in corpus.Entries.Where(e => !e.Entry.Parsed))
            {
                var outcome = _reader.Read(broken.FullPath, Config.MaxFileSize);
                if (outcome.Bytes is { } raw && raw.AsSpan().IndexOf(quoted) >= 0) ReadForRename(broken.FullPath).Document.Dispose();
            }
            var changes = new List<RenameChange> { RenameOwner(owner, target, oldSlug, newSlug) };
            foreach (var file in corpus.Entries)
            {
                if (file.FullPath == owner.FullPath || !file.Entry.References.Any(r => r.Value == oldSlug)) continue;
                var (bytes, document) = ReadForRename(file.FullPath);
                using (document)
                {
                    var references = CorpusEntry.FromDocument(document, Config.Site).References;
                    RefuseUnwritableLinks(file.DisplayPath, references, oldSlug);
                    var edits = references.Select(r => ReferenceRewrite.EditFor(r, oldSlug, newSlug)).OfType<TextEdit>().ToList();
                    if (edits.Count == 0) continue;
                    changes.Add(new RenameChange(file.FullPath, file.DisplayPath, null, null, bytes, Edit(bytes, edits, file.DisplayPath), edits.Count));
                }
            }
            return new RenamePlan(oldSlug, newSlug, changes);
        }

        private RenameChange RenameOwner(IndexedFile owner, string target, string oldSlug, string newSlug)
        {
            var (bytes, document) = ReadForRename(owner.FullPath);
            using (document)
            {
                var edits = new List<TextEdit>();
                var record = document.Root.GetProperty("record");
                void Replace(string pointer, string value)
                {
                    if (document.Positions.TryGet(pointer, out var span)) edits.Add(new TextEdit(span.Start, span.Length, FileContext.EncodeString(value)));
                }
                Replace("/record/slug", newSlug);
                if (record.TryGetString("url", out var url) && url.EndsWith("/incident/" + oldSlug, StringComparison.Ordinal))
                {
                    var newUrl = url[..^oldSlug.Length] + newSlug;
                    Replace("/record/url", newUrl);
                    if (record.TryGetString("citation", out var citation) && citation.Contains(url, StringComparison.Ordinal))
                        Replace("/record/citation", citation.Replace(url, newUrl, StringComparison.Ordinal));
                }
                // The incident's own list could name itself (related-self); it follows the rename like any reference.
                int self = 0;
                var references = CorpusEntry.FromDocument(document, Config.Site).References;
                RefuseUnwritableLinks(owner.DisplayPath, references, oldSlug);
                foreach (var r in references)
                    if (ReferenceRewrite.EditFor(r, oldSlug, newSlug) is { } edit) { edits.Add(edit); self++; }
                return new RenameChange(owner.FullPath, owner.DisplayPath, target, DisplayPath(target), bytes, Edit(bytes, edits, owner.DisplayPath), self);
            }
        }

        /// <summary>
        /// Refuses a rename when a <c>contentHtml</c> link names the old slug with HTML character references in it
        /// (<c>/incident/icc&amp;#45;sanctions</c>): its text is not the slug, so there is no safe place to write the new one.
        /// </summary>
        private static void RefuseUnwritableLinks(string displayPath, IReadOnlyList<CorpusReference> references, string oldSlug)
        {
            foreach (var r in references)
                if (r.Kind == ReferenceKind.ContentLink && r.Value == oldSlug && r.Length < 0)
                    throw new RenameRefusedException($"{displayPath}:{r.Line}:{r.Column}: a contentHtml link to {Text.Quote(oldSlug)} writes the slug with HTML character references, so lint cannot rewrite it safely; write it plainly (/incident/{oldSlug}) and run the rename again; nothing was changed");
        }

        /// <summary>Reads a file to change through the guarded reader and parses it strictly; refuses one that does not parse.</summary>
        private (byte[] Bytes, ParsedDocument Document) ReadForRename(string fullPath)
        {
            var outcome = _reader.Read(fullPath, Config.MaxFileSize);
            if (outcome.Bytes is not { } bytes)
                throw new RenameRefusedException($"{DisplayPath(fullPath)}: {(outcome.TooLarge ? "the file is over the size limit (maxFileSize)" : outcome.Problem ?? "the file cannot be read")}; nothing was changed");
            var (document, error, lines) = StrictJsonParser.Parse(bytes);
            if (document is null)
            {
                var (line, column) = lines.ToLineColumn(error?.Offset ?? 0);
                throw new RenameRefusedException($"{DisplayPath(fullPath)}:{line}:{column}: the file does not parse ({Text.Sanitize(error?.Message ?? "invalid JSON", 200)}); fix it first, nothing was changed");
            }
            if (document.Root.ValueKind != System.Text.Json.JsonValueKind.Object || !document.Root.TryGetProperty("record", out var record) || record.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                document.Dispose();
                throw new RenameRefusedException($"{DisplayPath(fullPath)}: not an incident file (no record object); nothing was changed");
            }
            return (bytes, document);
        }

        private static byte[] Edit(byte[] bytes, List<TextEdit> edits, string displayPath)
        {
            var application = FixApplier.Apply(bytes, [new Fix("rename", edits)]);
            if (application.Applied.Count != 1 || !IsWellFormed(application.Result))
                throw new RenameRefusedException($"{displayPath}: the rename's edits could not be applied cleanly; nothing was changed");
            return application.Result;
        }

        /// <summary>
        /// Carries out a plan: the renamed incident is moved (a rename, so it keeps its owner and mode) and rewritten
        /// atomically, then each referring file is replaced atomically, each only if it still holds the bytes the plan
        /// was computed from. Returns the files written; a failure stops at that file and says which were written.
        /// </summary>
        /// <exception cref="IOException">A file changed since the plan or could not be written; the message lists what was already done.</exception>
        public IReadOnlyList<RenameChange> ApplyRename(RenamePlan plan)
        {
            ArgumentNullException.ThrowIfNull(plan);
            var done = new List<RenameChange>();
            foreach (var change in plan.Changes)
            {
                try
                {
                    if (change.NewFullPath is { } target)
                    {
                        File.Move(change.FullPath, target, overwrite: false);
                        try
                        {
                            WriteFile(target, change.Original, change.Updated);
                        }
                        catch
                        {
                            File.Move(target, change.FullPath, overwrite: false);
                            throw;
                        }
                    }
                    else
                    {
                        WriteFile(change.FullPath, change.Original, change.Updated);
                    }
                    done.Add(change);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    string written = done.Count == 0 ? "nothing was changed" : "already written: " + string.Join(", ", done.Select(d => d.NewDisplayPath ?? d.DisplayPath));
                    throw new IOException($"{change.DisplayPath}: {ex.Message}; {written}", ex);
                }
            }
            return done;
        }
    }
}
