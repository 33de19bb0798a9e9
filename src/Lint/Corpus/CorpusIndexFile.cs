using System.Security.Cryptography;
using System.Text;

namespace Lint.Corpus;

/// <summary>
/// The persistent corpus index (<c>.lintcache/corpus-index</c>): for every corpus file its <see cref="FileStamp"/> and
/// its <see cref="CorpusEntry"/>, so that a run reads an unchanged file's slug and references from here after one
/// <c>stat</c> instead of opening it. It is a cache, never a source of truth:
/// <list type="bullet">
/// <item>The file starts with a magic header and a format version and ends with a SHA-256 of everything before it; a
/// truncated, corrupt or hand-edited index, one of another format, or one whose key (lint version, configuration,
/// schema) differs, is ignored and rebuilt.</item>
/// <item>An entry is used only while the file's size, modification time, status-change time, inode and device are
/// all unchanged. An entry whose file was modified too close to the time it was recorded (within the timestamp
/// granularity, the "racy" case git's index solves the same way) is not kept, so the next run reads that file again.</item>
/// <item>Writes are atomic (a temporary file, then a rename): a reader sees the old index or the new one, and two
/// runs at once each write a complete index (the last one wins; entries are validated by <c>stat</c> anyway).</item>
/// </list>
/// The format is binary and written by hand (no reflection serializer, so it is NativeAOT-safe).
/// </summary>
internal sealed class CorpusIndexFile
{
    /// <summary>The index folder's default name, beside the configuration.</summary>
    public const string DirectoryName = ".lintcache";

    /// <summary>The index file's name inside the folder.</summary>
    public const string FileName = "corpus-index";

    /// <summary>Bumped whenever the layout changes; an index of another version is rebuilt.</summary>
    public const int FormatVersion = 5; // 2: the relatedIncidents-is-an-array flag (related-reciprocal); 3: duplicated-input flags; 4: contentHtml links (content-link); 5: the duplicated-contentHtml flag

    private static readonly byte[] Magic = "LINTIDX\n"u8.ToArray();
    private const string LegacyHeader = "lint slug cache v1";
    private const long LintConfigLegacyLimit = 256L * 1024 * 1024;
    private const int HashLength = 32;

    /// <summary>Entries whose file changed less than this before the run started are not trusted later (fine-grained timestamps).</summary>
    internal const long RacyWindowNs = 100_000_000; // 100 ms: covers the kernel's coarse clock (one tick) with room to spare

    /// <summary>The same for files whose timestamps carry no sub-second part (FAT has 2-second times).</summary>
    internal const long CoarseRacyWindowNs = 3_000_000_000;

    private readonly Dictionary<string, (FileStamp Stamp, CorpusEntry Entry)> _entries;

    private CorpusIndexFile(string path, string key, Dictionary<string, (FileStamp, CorpusEntry)> entries, bool loaded)
    {
        Path = path;
        Key = key;
        _entries = entries;
        Loaded = loaded;
    }

    /// <summary>Where the index lives.</summary>
    public string Path { get; }

    /// <summary>The key this index is valid for.</summary>
    public string Key { get; }

    /// <summary>Whether a valid index was read (false: missing, unusable or of another key; it is rebuilt).</summary>
    public bool Loaded { get; }

    /// <summary>How many entries the index holds.</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// Reads the index at <paramref name="path"/>. Anything unusable (missing, too large, truncated, a bad checksum,
    /// another format or key) gives an empty index; nothing throws.
    /// </summary>
    public static CorpusIndexFile Load(string path, string key, long maxBytes, IO.ProjectBoundary boundary, bool namedByUser)
    {
        var empty = new Dictionary<string, (FileStamp, CorpusEntry)>(StringComparer.Ordinal);
        try
        {
            // Inside the project (or where --cache-location put it), never through a link out of it; a regular file of
            // at most maxBytes (a FIFO or a device there is ignored without blocking).
            var none = new CorpusIndexFile(path, key, empty, false) { Boundary = boundary, NamedByUser = namedByUser };
            if (!File.Exists(path) || boundary.Refusal(path, namedByUser) is not null) return none;
            var outcome = IO.BoundedFile.Read(path, maxBytes);
            if (outcome.Bytes is not { } bytes) return none;
            var entries = Parse(bytes, key);
            return entries is null ? new CorpusIndexFile(path, key, empty, false) { Boundary = boundary, NamedByUser = namedByUser } : new CorpusIndexFile(path, key, entries, true) { Boundary = boundary, NamedByUser = namedByUser };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new CorpusIndexFile(path, key, empty, false) { Boundary = boundary, NamedByUser = namedByUser };
        }
    }

    /// <summary>The project boundary the index is read and written within.</summary>
    private IO.ProjectBoundary? Boundary { get; init; }

    /// <summary>Whether the index's folder was named on the command line (<c>--cache-location</c>).</summary>
    private bool NamedByUser { get; init; }

    /// <summary>The entries of an index file's bytes, or null when they are not a valid index for <paramref name="key"/>.</summary>
    internal static Dictionary<string, (FileStamp, CorpusEntry)>? Parse(byte[] bytes, string key)
    {
        if (bytes.Length < Magic.Length + HashLength || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic)) return null;
        int body = bytes.Length - HashLength;
        Span<byte> hash = stackalloc byte[HashLength];
        SHA256.HashData(bytes.AsSpan(0, body), hash);
        if (!hash.SequenceEqual(bytes.AsSpan(body))) return null;
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes, Magic.Length, body - Magic.Length, writable: false), Encoding.UTF8);
            if (reader.ReadInt32() != FormatVersion) return null;
            if (reader.ReadString() != key) return null;
            int count = reader.ReadInt32();
            if (count < 0 || count > body) return null;
            var entries = new Dictionary<string, (FileStamp, CorpusEntry)>(count, StringComparer.Ordinal);
            for (int i = 0; i < count; i++)
            {
                string file = reader.ReadString();
                var stamp = new FileStamp(reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadUInt64(), reader.ReadUInt64());
                byte flags = reader.ReadByte();
                string? slug = (flags & 2) != 0 ? reader.ReadString() : null;
                int slugLine = reader.ReadInt32(), slugColumn = reader.ReadInt32();
                int refs = reader.ReadInt32();
                if (refs < 0 || refs > body) return null;
                var references = new CorpusReference[refs];
                for (int r = 0; r < refs; r++)
                {
                    var kind = (ReferenceKind)reader.ReadByte();
                    references[r] = new CorpusReference(kind, reader.ReadString(), reader.ReadString(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
                }
                entries[file] = (stamp, new CorpusEntry(slug, (flags & 1) != 0, slugLine, slugColumn, references) { DuplicatedInputs = DuplicatedInputs(flags), HasRelatedList = (flags & 16) != 0 });
            }
            return reader.BaseStream.Position == reader.BaseStream.Length ? entries : null;
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or FormatException or ArgumentException or DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>The recorded entry of <paramref name="relativePath"/> when <paramref name="stamp"/> proves the file unchanged.</summary>
    public CorpusEntry? TryGet(string relativePath, FileStamp stamp) =>
        _entries.TryGetValue(relativePath, out var recorded) && recorded.Stamp == stamp ? recorded.Entry : null;

    /// <summary>
    /// Whether an entry recorded with <paramref name="stamp"/> by a run that started at <paramref name="runStartNs"/>
    /// may be trusted later: the file's last change must lie clearly before the run began, or a later change of the same
    /// size within the timestamp granularity would leave the stamp as it is.
    /// </summary>
    public static bool IsSettled(FileStamp stamp, long runStartNs)
    {
        bool coarse = stamp.ModifiedNs % 1_000_000_000 == 0 && stamp.ChangedNs % 1_000_000_000 == 0;
        long limit = runStartNs - (coarse ? CoarseRacyWindowNs : RacyWindowNs);
        return stamp.ModifiedNs < limit && stamp.ChangedNs < limit;
    }

    /// <summary>Whether the index already holds exactly these entries (nothing to write).</summary>
    public bool Matches(IReadOnlyDictionary<string, (FileStamp Stamp, CorpusEntry Entry)> entries)
    {
        if (!Loaded || entries.Count != _entries.Count) return false;
        foreach (var (file, value) in entries)
        {
            if (!_entries.TryGetValue(file, out var old) || old.Stamp != value.Stamp || !SameEntry(old.Entry, value.Entry)) return false;
        }
        return true;
    }

    private static bool SameEntry(CorpusEntry a, CorpusEntry b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a.Slug != b.Slug || a.Parsed != b.Parsed || a.HasRelatedList != b.HasRelatedList || a.SlugLine != b.SlugLine || a.SlugColumn != b.SlugColumn || a.References.Count != b.References.Count) return false;
        if (DuplicatedFlags(a) != DuplicatedFlags(b)) return false;
        for (int i = 0; i < a.References.Count; i++)
            if (a.References[i] != b.References[i]) return false;
        return true;
    }

    /// <summary>
    /// The flag bits of an entry's <see cref="CorpusEntry.DuplicatedInputs"/>: 4 for the slug, 8 for the references, 32
    /// for contentHtml (1 is "parsed", 2 "has a slug", 16 "relatedIncidents is an array").
    /// </summary>
    private static int DuplicatedFlags(CorpusEntry entry) =>
        (entry.DuplicatedInputs.Contains(CorpusEntry.SlugPointer) ? 4 : 0) | (entry.DuplicatedInputs.Contains(CorpusEntry.ReferencesPointer) ? 8 : 0)
        | (entry.DuplicatedInputs.Contains(CorpusEntry.ContentHtmlPointer) ? 32 : 0);

    /// <summary>Each combination of the duplicated-input flags as a list, in the order <see cref="CorpusEntry.FromDocument"/> gives it (shared by every entry).</summary>
    private static readonly IReadOnlyList<string>[] DuplicatedLists = Enumerable.Range(0, 8).Select(bits => (IReadOnlyList<string>)new[]
        {
            (bits & 1) != 0 ? CorpusEntry.SlugPointer : null,
            (bits & 2) != 0 ? CorpusEntry.ReferencesPointer : null,
            (bits & 4) != 0 ? CorpusEntry.ContentHtmlPointer : null,
        }.OfType<string>().ToArray()).ToArray();

    private static IReadOnlyList<string> DuplicatedInputs(byte flags) =>
        DuplicatedLists[((flags & 4) != 0 ? 1 : 0) | ((flags & 8) != 0 ? 2 : 0) | ((flags & 32) != 0 ? 4 : 0)];

    /// <summary>The bytes of an index holding <paramref name="entries"/> (sorted by path, so the same entries give the same bytes).</summary>
    internal static byte[] Serialize(string key, IReadOnlyDictionary<string, (FileStamp Stamp, CorpusEntry Entry)> entries)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(key);
            writer.Write(entries.Count);
            foreach (var file in entries.Keys.Order(StringComparer.Ordinal))
            {
                var (stamp, entry) = entries[file];
                writer.Write(file);
                writer.Write(stamp.Length);
                writer.Write(stamp.ModifiedNs);
                writer.Write(stamp.ChangedNs);
                writer.Write(stamp.Inode);
                writer.Write(stamp.Device);
                writer.Write((byte)((entry.Parsed ? 1 : 0) | (entry.Slug is null ? 0 : 2) | DuplicatedFlags(entry) | (entry.HasRelatedList ? 16 : 0)));
                if (entry.Slug is not null) writer.Write(entry.Slug);
                writer.Write(entry.SlugLine);
                writer.Write(entry.SlugColumn);
                writer.Write(entry.References.Count);
                foreach (var r in entry.References)
                {
                    writer.Write((byte)r.Kind);
                    writer.Write(r.Value);
                    writer.Write(r.Pointer);
                    writer.Write(r.Line);
                    writer.Write(r.Column);
                    writer.Write(r.Offset);
                    writer.Write(r.Length);
                }
            }
        }
        var body = stream.ToArray();
        var result = new byte[body.Length + HashLength];
        body.CopyTo(result, 0);
        SHA256.HashData(body, result.AsSpan(body.Length));
        return result;
    }

    /// <summary>
    /// Writes <paramref name="entries"/> atomically, creating the folder (with a <c>.gitignore</c> of <c>*</c>, so git
    /// never picks it up). An old slug cache file of the same name is replaced; anything else in the way, or a folder that
    /// cannot be written (a read-only checkout), skips the write: the index only ever saves time.
    /// </summary>
    public bool Save(IReadOnlyDictionary<string, (FileStamp Stamp, CorpusEntry Entry)> entries)
    {
        try
        {
            var directory = System.IO.Path.GetDirectoryName(Path)!;
            var folder = new DirectoryInfo(directory);
            if (folder.LinkTarget is not null || (File.Exists(directory) && !Directory.Exists(directory)))
            {
                // The opt-in slug cache of earlier versions was a file of this name, and a link there is replaced in
                // place (never written through); anything else (a FIFO, a device) is not ours to touch.
                var file = new FileInfo(directory);
                bool link = file.LinkTarget is not null;
                if (!link)
                {
                    if (IO.BoundedFile.NotRegular(directory) is not null) return false;
                    var head = IO.BoundedFile.Read(directory, LintConfigLegacyLimit);
                    if (head.Bytes is not { } legacy || !Encoding.UTF8.GetString(legacy).StartsWith(LegacyHeader + "\n", StringComparison.Ordinal)) return false;
                }
                File.Delete(directory);
            }
            if (Boundary is { } boundary && boundary.Refusal(directory, NamedByUser) is not null) return false;
            if (!Directory.Exists(directory))
            {
                Directory.CreateDirectory(directory);
                IO.AtomicFile.WriteAllText(System.IO.Path.Combine(directory, ".gitignore"), "# lint's corpus index (a cache): never commit it\n*\n");
            }
            var bytes = Serialize(Key, entries);
            IO.AtomicFile.WriteStream(Path, stream => stream.Write(bytes));
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or EncoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>The key of a run: lint's version, the configuration file's bytes and settings, and the schema's bytes.</summary>
    public static string KeyOf(Config.LintConfig config)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string? text)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(text ?? "\u0000null"));
            hash.AppendData([0]);
        }
        void AddFile(string? path)
        {
            if (path is null) { Add(null); return; }
            try { hash.AppendData(File.ReadAllBytes(path)); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException) { Add("unreadable " + path); }
            hash.AppendData([0]);
        }
        Add(typeof(CorpusIndexFile).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion);
        Add(FormatVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(config.BaseDirectory);
        AddFile(config.SourcePath);
        foreach (var g in config.Include) Add("include " + g);
        foreach (var g in config.Exclude) Add("exclude " + g);
        Add(config.MaxFileSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(config.Site);
        Add(config.Schema);
        AddFile(config.Schema is null ? null : System.IO.Path.GetFullPath(config.Schema, config.BaseDirectory));
        foreach (var (prefix, folder) in config.SchemaMap.OrderBy(p => p.Key, StringComparer.Ordinal)) Add($"map {prefix} {folder}");
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
