using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Fakes;

public sealed record CapturedLog(string Category, LogLevel Level, string Text);

/// <summary>Keeps every log line, scope and exception as text, so a test can assert what reached the logs.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> entries = new();

    public IReadOnlyList<CapturedLog> Entries => entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            entries.Enqueue(new CapturedLog(category, LogLevel.None, "scope: " + Flatten(state)));
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The formatted line, every structured value and the whole exception: a leak in any of them counts.
            var text = $"{formatter(state, exception)} | {Flatten(state)} | {exception}";
            entries.Enqueue(new CapturedLog(category, logLevel, text));
        }

        private static string Flatten<TState>(TState state) =>
            state is IEnumerable<KeyValuePair<string, object?>> values
                ? string.Join("; ", values.Select(v => $"{v.Key}={v.Value}"))
                : state?.ToString() ?? "";
    }
}
