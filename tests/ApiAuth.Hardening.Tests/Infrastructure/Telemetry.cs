using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace ApiAuth.Hardening.Tests.Infrastructure;

/// <summary>
/// Records every measurement of the <c>ApiAuth</c> meter (instrument, value, tags) and every activity of this test
/// assembly's source (tags, events and their tags, status), so secrecy tests can search them all for a key.
/// </summary>
internal sealed class Telemetry : IDisposable
{
    public const string MeterName = "ApiAuth";
    public const string SourceName = "ApiAuth.Hardening.Tests";
    public static readonly ActivitySource Source = new(SourceName);

    private readonly MeterListener _meters = new();
    private readonly ActivityListener _activities;
    private readonly ConcurrentQueue<string> _measurements = new();
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public Telemetry()
    {
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.Start();

        _activities = new ActivityListener
        {
            ShouldListenTo = s => s.Name is SourceName or MeterName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => _stopped.Enqueue(a),
        };
        ActivitySource.AddActivityListener(_activities);
    }

    public int MeasurementCount => _measurements.Count;

    public int InstrumentNamesSeen => _measurements.Select(m => m.Split(' ')[0]).Distinct().Count();

    public IEnumerable<(string Where, string? Text)> Outputs()
    {
        foreach (string m in _measurements)
        {
            yield return ("metric", m);
        }

        foreach (Activity a in _stopped)
        {
            yield return ("activity status", a.StatusDescription);
            yield return ("activity name", a.DisplayName);
            foreach (KeyValuePair<string, object?> tag in a.TagObjects)
            {
                yield return ("activity tag " + tag.Key, Convert.ToString(tag.Value, CultureInfo.InvariantCulture));
            }

            foreach (ActivityEvent e in a.Events)
            {
                yield return ("activity event", e.Name);
                foreach (KeyValuePair<string, object?> tag in e.Tags)
                {
                    yield return ("activity event tag " + tag.Key, Convert.ToString(tag.Value, CultureInfo.InvariantCulture));
                }
            }

            foreach (KeyValuePair<string, string?> item in a.Baggage)
            {
                yield return ("activity baggage", item.Key + "=" + item.Value);
            }
        }
    }

    public int ActivityEventCount => _stopped.Sum(a => a.Events.Count());

    public void Clear()
    {
        _measurements.Clear();
        _stopped.Clear();
    }

    public void Dispose()
    {
        _meters.Dispose();
        _activities.Dispose();
    }

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var text = new System.Text.StringBuilder(instrument.Name).Append(' ').Append(value);
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            text.Append(' ').Append(tag.Key).Append('=').Append(Convert.ToString(tag.Value, CultureInfo.InvariantCulture));
        }

        _measurements.Enqueue(text.ToString());
    }
}
