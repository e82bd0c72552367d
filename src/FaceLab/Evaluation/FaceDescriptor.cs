namespace FaceLab.Evaluation;

/// <summary>A face-recognition descriptor: faces of one person are close in Euclidean distance (below about 0.6).</summary>
internal sealed record FaceDescriptor(float[] Values)
{
    /// <summary>Faces closer than this are taken as one person (dlib's and face-api.js's threshold).</summary>
    public const double SamePersonThreshold = 0.6;

    public double DistanceTo(FaceDescriptor other)
    {
        if (other.Values.Length != Values.Length) throw new ArgumentException("descriptors of different lengths", nameof(other));
        double sum = 0;
        for (var i = 0; i < Values.Length; i++)
        {
            double d = Values[i] - other.Values[i];
            sum += d * d;
        }
        return Math.Sqrt(sum);
    }

    /// <summary>The element-wise mean: an identity's centre.</summary>
    public static FaceDescriptor Mean(IReadOnlyCollection<FaceDescriptor> descriptors)
    {
        if (descriptors.Count == 0) throw new ArgumentException("no descriptors to average", nameof(descriptors));
        var mean = new float[descriptors.First().Values.Length];
        foreach (var d in descriptors)
            for (var i = 0; i < mean.Length; i++) mean[i] += d.Values[i] / descriptors.Count;
        return new FaceDescriptor(mean);
    }
}
