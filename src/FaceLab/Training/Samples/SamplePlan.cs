namespace FaceLab.Training.Samples;

/// <summary>Which face a sample uses and whether it is flipped; its yaw as seen in the sample (degrees).</summary>
internal readonly record struct SamplePlan(int FaceIndex, bool Flip, double Yaw);
