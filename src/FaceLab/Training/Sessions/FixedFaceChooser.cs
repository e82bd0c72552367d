using FaceLab.Training.Samples;

namespace FaceLab.Training.Sessions;

/// <summary>Always the same faces in the same order, never flipped: the preview rows.</summary>
internal sealed class FixedFaceChooser(IReadOnlyList<int> faces) : IFaceChooser
{
    public FaceChoice Choose(long batchIndex, int sampleIndex, SampleRandom random) => new(faces[sampleIndex % faces.Count], Flip: false);
}
