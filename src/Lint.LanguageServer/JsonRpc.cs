using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Lint.LanguageServer;

/// <summary>What <see cref="MessageReader.ReadAsync"/> got: a message body, a framing problem, or the end of the stream.</summary>
/// <param name="Body">The content of one message (null for a problem or the end).</param>
/// <param name="Problem">Why a message was dropped (malformed header, over the size limit), or null.</param>
internal readonly record struct Frame(byte[]? Body, string? Problem)
{
    public bool IsEnd => Body is null && Problem is null;
}

/// <summary>
/// Reads base-protocol messages (<c>Content-Length: N\r\n\r\nBODY</c>) from a stream. Headers are bounded, and a body
/// over <see cref="MaxMessageBytes"/> is skipped without being held in memory; nothing in the input can make it throw
/// except the stream itself.
/// </summary>
internal sealed class MessageReader(Stream input, int maxMessageBytes)
{
    /// <summary>The longest header block accepted.</summary>
    public const int MaxHeaderBytes = 8 * 1024;

    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start, _end;

    public int MaxMessageBytes => maxMessageBytes;

    public async Task<Frame> ReadAsync(CancellationToken cancellationToken)
    {
        long? length = null;
        string? problem = null;
        int headerBytes = 0;
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null) return problem is null ? default : new Frame(null, problem);
            headerBytes += line.Length + 2;
            if (line.Length == 0)
            {
                if (length is null && problem is null && headerBytes == 2) continue; // stray blank line between messages
                break;
            }
            if (headerBytes > MaxHeaderBytes)
            {
                problem ??= $"a message header is longer than {MaxHeaderBytes} bytes";
                continue;
            }
            int colon = line.IndexOf(':');
            if (colon <= 0)
            {
                problem ??= $"malformed header line '{Sanitize(line)}'";
                continue;
            }
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long n)) length = n;
                else problem ??= $"invalid Content-Length '{Sanitize(value)}'";
            }
        }
        if (length is null) return new Frame(null, problem ?? "a message without Content-Length header was dropped");
        if (length > maxMessageBytes)
        {
            await SkipAsync(length.Value, cancellationToken).ConfigureAwait(false);
            return new Frame(null, $"a message of {length} bytes exceeds the limit of {maxMessageBytes} bytes and was dropped");
        }
        if (problem is not null)
        {
            await SkipAsync(length.Value, cancellationToken).ConfigureAwait(false);
            return new Frame(null, problem);
        }
        var body = new byte[length.Value];
        int filled = 0;
        while (filled < body.Length)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false)) return default; // cut short: the client is gone
            int n = Math.Min(_end - _start, body.Length - filled);
            Buffer.BlockCopy(_buffer, _start, body, filled, n);
            _start += n;
            filled += n;
        }
        return new Frame(body, null);
    }

    private static string Sanitize(string text) => Lint.Parsing.Text.Sanitize(text, 80);

    private async Task SkipAsync(long count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false)) return;
            int n = (int)Math.Min(_end - _start, count);
            _start += n;
            count -= n;
        }
    }

    /// <summary>One header line without its line ending (<c>\r\n</c>, or a bare <c>\n</c>), or null at the end of the stream. Long lines are cut (their rest is still consumed).</summary>
    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false)) return line.Length > 0 ? line.ToString() : null;
            int nl = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            int stop = nl < 0 ? _end : nl;
            if (line.Length < MaxHeaderBytes + 2) line.Append(Encoding.ASCII.GetString(_buffer, _start, Math.Min(stop - _start, MaxHeaderBytes + 2 - line.Length)));
            _start = nl < 0 ? _end : nl + 1;
            if (nl >= 0)
            {
                if (line.Length > 0 && line[^1] == '\r') line.Length--;
                return line.ToString();
            }
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await input.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
        return _end > 0;
    }
}

/// <summary>Writes base-protocol messages, one at a time, from any thread. A client that went away turns writes into no-ops.</summary>
internal sealed class MessageWriter(Stream output)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Set once a write failed (the client closed its end).</summary>
    public bool Broken { get; private set; }

    public async Task WriteAsync(Action<Utf8JsonWriter> writeBody)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            writeBody(json);
        }
        var header = Encoding.ASCII.GetBytes($"Content-Length: {buffer.WrittenCount}\r\n\r\n");
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Broken) return;
            await output.WriteAsync(header).ConfigureAwait(false);
            await output.WriteAsync(buffer.WrittenMemory).ConfigureAwait(false);
            await output.FlushAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or NotSupportedException)
        {
            Broken = true;
        }
        finally
        {
            _gate.Release();
        }
    }
}
