using FaceLab.Faces.Alignment;
using OpenCvSharp;

namespace FaceLab.Evaluation;

/// <summary>How far a swapped face's head pose is from the original's: absolute yaw, pitch and roll differences in degrees.</summary>
public readonly record struct PoseDifference(double Yaw, double Pitch, double Roll)
{
    /// <summary>The mean of the three angles' differences.</summary>
    public double Mean => (Yaw + Pitch + Roll) / 3;

    /// <summary>
    /// Both faces' poses from their landmarks in one frame (same place, same camera, so the
    /// perspective of <see cref="HeadPose.Estimate"/> cancels).
    /// </summary>
    public static PoseDifference Between(IReadOnlyList<Point2d> original, IReadOnlyList<Point2d> swapped, Size frame)
    {
        var a = HeadPose.Estimate(original, frame);
        var b = HeadPose.Estimate(swapped, frame);
        return new PoseDifference(
            Math.Abs(a.YawDegrees - b.YawDegrees), Math.Abs(a.PitchDegrees - b.PitchDegrees), Math.Abs(a.RollDegrees - b.RollDegrees));
    }

    /// <summary>Mean of each angle over the faces.</summary>
    public static PoseDifference Average(IReadOnlyCollection<PoseDifference> differences) =>
        differences.Count == 0
            ? default
            : new PoseDifference(differences.Average(d => d.Yaw), differences.Average(d => d.Pitch), differences.Average(d => d.Roll));
}
