using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ApiAuth.IntegrationTests.Infrastructure;

/// <summary>Records every log entry written through the host's logger factory: ApiAuth's (category <see cref="ApiAuthCategory"/>) and any other library's.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    /// <summary>The logger category ApiAuth writes under (README, "Logs, metrics and traces").</summary>
    public const string ApiAuthCategory = "ApiAuth";

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>Gets ApiAuth's own entries; other handlers' and SDKs' logs do not count.</summary>
    public IReadOnlyList<LogEntry> ApiAuthEntries => [.. _entries.Where(e => e.Category == ApiAuthCategory)];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    /// <param name="Level">The level.</param>
    /// <param name="EventId">The event id.</param>
    /// <param name="Message">The formatted message.</param>
    /// <param name="Category">The logger category.</param>
    /// <param name="Values">The structured values of the message template, by name.</param>
    internal sealed record LogEntry(LogLevel Level, int EventId, string Message, string Category, IReadOnlyDictionary<string, object?> Values);

    private sealed class Logger(RecordingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._entries.Enqueue(new LogEntry(logLevel, eventId.Id, formatter(state, exception), category, Values(state)));

        private static Dictionary<string, object?> Values<TState>(TState state)
        {
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (KeyValuePair<string, object?> pair in pairs)
                {
                    values[pair.Key] = pair.Value;
                }
            }

            return values;
        }
    }
}
