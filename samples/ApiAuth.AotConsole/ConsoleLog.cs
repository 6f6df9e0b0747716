using Microsoft.Extensions.Logging;

namespace ApiAuth.AotConsole;

/// <summary>
/// Writes log lines to the console at once, so each one prints under the scenario that caused it
/// (the stock console logger writes from a background queue).
/// </summary>
internal sealed class ConsoleLog : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Console.WriteLine($"  log         {logLevel} {category}[{eventId.Id}]: {formatter(state, exception)}");
    }
}
