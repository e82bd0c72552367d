namespace FaceLab.Training.Samples;

/// <summary>
/// Picks a face whose yaw matches a wanted yaw per sample (LIAEF128YAW: src faces matched to the dst
/// sample in the same batch slot, e.g. <c>targetYaw = dstGenerator.Factory.Plan(b, s).Yaw</c>). A face
/// turned the other way counts too when flips are allowed: it is used flipped. Falls back to the
/// nearest yaw when nothing is within the tolerance.
/// </summary>
internal sealed class YawMatchedFaceChooser(
    FaceYaws yaws, Func<long, int, double> targetYaw, double toleranceDegrees = 5, bool allowFlip = true) : IFaceChooser
{
    public FaceChoice Choose(long batchIndex, int sampleIndex, SampleRandom random)
    {
        var yaw = targetYaw(batchIndex, sampleIndex);
        var straight = yaws.Within(yaw, toleranceDegrees);
        var mirrored = allowFlip ? yaws.Within(-yaw, toleranceDegrees) : [];
        var total = straight.Length + mirrored.Length;
        if (total == 0)
        {
            var nearest = yaws.Nearest(yaw);
            if (!allowFlip) return new FaceChoice(nearest, false);
            var nearestMirrored = yaws.Nearest(-yaw);
            return Math.Abs(yaws[nearest] - yaw) <= Math.Abs(yaws[nearestMirrored] + yaw)
                ? new FaceChoice(nearest, false)
                : new FaceChoice(nearestMirrored, true);
        }
        var k = random.Next(total);
        return k < straight.Length ? new FaceChoice(straight[k], false) : new FaceChoice(mirrored[k - straight.Length], true);
    }
}
