using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ApiAuth.Quickstart;

/// <summary>Keeps ApiAuth's warnings in memory so each scenario can print the ones it caused.</summary>
internal sealed class LogSink : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _messages = new();

    public ILogger CreateLogger(string categoryName) => new SinkLogger(this);

    /// <summary>Returns the messages logged since the last call, and forgets them.</summary>
    public IReadOnlyList<string> Drain()
    {
        var drained = new List<string>();
        while (_messages.TryDequeue(out string? message))
        {
            drained.Add(message);
        }

        return drained;
    }

    public void Dispose()
    {
    }

    private sealed class SinkLogger(LogSink sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                sink._messages.Enqueue($"{logLevel} (event {eventId.Id}): {formatter(state, exception)}");
            }
        }
    }
}
