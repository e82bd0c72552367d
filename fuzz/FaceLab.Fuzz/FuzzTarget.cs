namespace FaceLab.Fuzz;

/// <summary>
/// One parser under test: <see cref="Run"/> hands it the input bytes through its real entry point.
/// A <see cref="Common.FaceLabException"/> is an accepted rejection; anything else is a finding.
/// </summary>
public sealed record FuzzTarget(string Name, string Entry, Action<byte[]> Run);
