using System.IO.Pipelines;

namespace RoboClub.Mqtt.Tests.Support;

/// <summary>An in-memory connection: two pipes, one per direction. Lets a test hand the broker a
/// connection without a socket (fast enough to fuzz with millions of packets).</summary>
public sealed class DuplexPipeStream : Stream
{
    readonly Stream _read, _write;

    DuplexPipeStream(PipeReader reader, PipeWriter writer)
    {
        _read = reader.AsStream();
        _write = writer.AsStream();
    }

    /// <summary>Returns the two ends: what the server sees, and what the client sees.</summary>
    public static (DuplexPipeStream Server, DuplexPipeStream Client) CreatePair()
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        return (new DuplexPipeStream(toServer.Reader, toClient.Writer), new DuplexPipeStream(toClient.Reader, toServer.Writer));
    }

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() => _write.Flush();
    public override Task FlushAsync(CancellationToken ct) => _write.FlushAsync(ct);
    public override int Read(byte[] buffer, int offset, int count) => _read.Read(buffer, offset, count);
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => _read.ReadAsync(buffer, ct);
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => _read.ReadAsync(buffer, offset, count, ct);
    public override void Write(byte[] buffer, int offset, int count) => _write.Write(buffer, offset, count);
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default) => _write.WriteAsync(buffer, ct);
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => _write.WriteAsync(buffer, offset, count, ct);
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Ends this side's writing (the peer reads end-of-stream).</summary>
    public void CompleteWriting() => _write.Dispose();

    protected override void Dispose(bool disposing)
    {
        if (disposing) { _read.Dispose(); _write.Dispose(); }
        base.Dispose(disposing);
    }
}
