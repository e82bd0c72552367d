namespace FaceLab.Training.Samples;

/// <summary>Uniform yaw: a random non-empty yaw bin, then a random face in it.</summary>
internal sealed class UniformYawFaceChooser(FaceYaws yaws, int bins) : IFaceChooser
{
    private readonly IReadOnlyList<int[]> _bins = yaws.Bins(bins);

    public FaceChoice Choose(long batchIndex, int sampleIndex, SampleRandom random)
    {
        var bin = _bins[random.Next(_bins.Count)];
        return new FaceChoice(bin[random.Next(bin.Length)]);
    }
}
