namespace ApiAuth.IntegrationTests.Infrastructure;

/// <summary>
/// Proves a response is streamed, not buffered: placed between ApiAuth and the socket, it lets the
/// first server-sent event through and holds the rest of the body until <see cref="Open"/> is called.
/// A caller that sees the first event while the gate is closed read it before the body was complete;
/// a handler above that buffered the body would hang until the gate opened.
/// </summary>
internal sealed class StreamGate : DelegatingHandler
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsOpen => _open.Task.IsCompleted;

    public void Open() => _open.TrySetResult();

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Wrap(base.Send(request, cancellationToken));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Wrap(await base.SendAsync(request, cancellationToken));

    private HttpResponseMessage Wrap(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            return response;
        }

        HttpContent original = response.Content;
        var gated = new StreamContent(new GatedStream(original.ReadAsStream(), _open.Task));
        foreach (var header in original.Headers)
        {
            gated.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = gated;
        return response;
    }

    private sealed class GatedStream(Stream inner, Task open) : Stream
    {
        private byte[] _held = [];
        private int _heldOffset;
        private bool _firstEventPassed;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_firstEventPassed && !open.IsCompleted && !open.Wait(Call.Timeout))
            {
                throw new TimeoutException("The stream gate was never opened.");
            }

            if (TryServeHeld(buffer, out int served))
            {
                return served;
            }

            byte[] chunk = new byte[buffer.Length];
            int read = inner.Read(chunk);
            return Pass(chunk.AsSpan(0, read), buffer);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_firstEventPassed)
            {
                await open.WaitAsync(Call.Timeout, cancellationToken);
            }

            if (TryServeHeld(buffer.Span, out int served))
            {
                return served;
            }

            byte[] chunk = new byte[buffer.Length];
            int read = await inner.ReadAsync(chunk, cancellationToken);
            return Pass(chunk.AsSpan(0, read), buffer.Span);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private bool TryServeHeld(Span<byte> buffer, out int served)
        {
            served = Math.Min(buffer.Length, _held.Length - _heldOffset);
            if (served <= 0)
            {
                return false;
            }

            _held.AsSpan(_heldOffset, served).CopyTo(buffer);
            _heldOffset += served;
            return true;
        }

        /// <summary>Before the gate opens, passes bytes up to the end of the first event ("\n\n") and holds the rest.</summary>
        private int Pass(ReadOnlySpan<byte> data, Span<byte> buffer)
        {
            int length = data.Length;
            if (!_firstEventPassed && !open.IsCompleted)
            {
                int end = data.IndexOf("\n\n"u8);
                if (end >= 0)
                {
                    _firstEventPassed = true;
                    length = end + 2;
                    _held = data[length..].ToArray();
                    _heldOffset = 0;
                }
            }

            data[..length].CopyTo(buffer);
            return length;
        }
    }
}
