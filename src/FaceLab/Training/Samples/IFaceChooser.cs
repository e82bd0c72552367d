namespace FaceLab.Training.Samples;

/// <summary>
/// Picks the face of each sample. Must be a pure function of its arguments (and its own fixed
/// state), so batches do not depend on which worker makes them. Implementations: shuffled epochs
/// (<see cref="ShuffledFaceChooser"/>), even over yaw (<see cref="UniformYawFaceChooser"/>), and
/// matched to another set's yaw (<see cref="YawMatchedFaceChooser"/>, for LIAEF128YAW).
/// </summary>
internal interface IFaceChooser
{
    FaceChoice Choose(long batchIndex, int sampleIndex, SampleRandom random);
}

/// <summary>A face index and, optionally, a forced flip decision (null: random by the transform options).</summary>
internal readonly record struct FaceChoice(int FaceIndex, bool? Flip = null);
