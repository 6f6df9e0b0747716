using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ApiAuth.Tests.TestDoubles;

/// <summary>Collects, as text, the tags of every measurement of meter "ApiAuth" and the status, tags and events of the activities a test hands it.</summary>
public sealed class TelemetryCapture : IDisposable
{
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _activities;
    private readonly ConcurrentQueue<string> _texts = new();
    private int _measurements;
    private int _events;

    public TelemetryCapture(string activitySourceName)
    {
        _meters.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "ApiAuth")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            Interlocked.Increment(ref _measurements);
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                _texts.Enqueue($"metric {instrument.Name} {tag.Key}={tag.Value}");
            }
        });
        _meters.Start();
        _activities = new ActivityListener
        {
            ShouldListenTo = s => s.Name == activitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_activities);
    }

    public int Measurements => _measurements;

    public int Events => _events;

    public void Clear() => _texts.Clear();

    public void Add(Activity? activity)
    {
        if (activity is null)
        {
            return;
        }

        _texts.Enqueue("activity status " + activity.StatusDescription);
        foreach (KeyValuePair<string, object?> tag in activity.TagObjects)
        {
            _texts.Enqueue($"activity tag {tag.Key}={tag.Value}");
        }

        foreach (ActivityEvent e in activity.Events)
        {
            Interlocked.Increment(ref _events);
            foreach (KeyValuePair<string, object?> tag in e.Tags)
            {
                _texts.Enqueue($"activity event {e.Name} {tag.Key}={tag.Value}");
            }
        }
    }

    public IEnumerable<(string Where, string Text)> Texts() => _texts.Select(t => ("telemetry", t));

    public void Dispose()
    {
        _meters.Dispose();
        _activities.Dispose();
    }
}
