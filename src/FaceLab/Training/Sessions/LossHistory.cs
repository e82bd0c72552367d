namespace FaceLab.Training.Sessions;

/// <summary>One recorded iteration: the two identities' reconstruction losses.</summary>
public readonly record struct LossPoint(long Iteration, float Source, float Destination);

/// <summary>
/// Every iteration's losses since the model was created, saved with each checkpoint (16 bytes an
/// iteration: a million iterations are 16 MB) so a resumed run keeps the whole curve.
/// </summary>
public sealed class LossHistory
{
    private const int Magic = 0x464C4C48; // "FLLH"
    private readonly List<LossPoint> _points = [];
    private readonly Lock _lock = new();

    /// <summary>How many points the history holds.</summary>
    public int Count
    {
        get { lock (_lock) return _points.Count; }
    }

    /// <summary>The newest point, or null before the first step (no copy of the history).</summary>
    public LossPoint? Last
    {
        get { lock (_lock) return _points.Count > 0 ? _points[^1] : null; }
    }

    internal void Add(LossPoint point)
    {
        lock (_lock) _points.Add(point);
    }

    /// <summary>A copy of the points, oldest first.</summary>
    public LossPoint[] Snapshot()
    {
        lock (_lock) return [.. _points];
    }

    /// <summary>Mean losses of the last <paramref name="count"/> iterations.</summary>
    public (double Source, double Destination) RecentMean(int count)
    {
        lock (_lock)
        {
            var recent = _points.Skip(Math.Max(0, _points.Count - count)).ToList();
            return recent.Count == 0 ? (double.NaN, double.NaN) : (recent.Average(p => p.Source), recent.Average(p => p.Destination));
        }
    }

    /// <summary>Drops points after <paramref name="iteration"/> (after a roll-back to a checkpoint).</summary>
    public void TruncateAfter(long iteration)
    {
        lock (_lock) _points.RemoveAll(p => p.Iteration > iteration);
    }

    internal void Save(Stream stream)
    {
        var points = Snapshot();
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(points.Length);
        foreach (var p in points)
        {
            writer.Write(p.Iteration);
            writer.Write(p.Source);
            writer.Write(p.Destination);
        }
    }

    internal static LossHistory Load(Stream stream, string source)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            if (reader.ReadInt32() != Magic) throw new Common.FaceLabException(source, "not a FaceLab loss history", "restore a backup of the model, or train it again");
            var count = reader.ReadInt32();
            if (count < 0 || count > stream.Length / 16) throw new Common.FaceLabException(source, "damaged loss history", "restore a backup of the model, or train it again");
            var history = new LossHistory();
            for (var i = 0; i < count; i++) history._points.Add(new LossPoint(reader.ReadInt64(), reader.ReadSingle(), reader.ReadSingle()));
            return history;
        }
        catch (EndOfStreamException e)
        {
            throw new Common.FaceLabException(source, "loss history is cut short", "restore a backup of the model, or train it again", e);
        }
    }
}
