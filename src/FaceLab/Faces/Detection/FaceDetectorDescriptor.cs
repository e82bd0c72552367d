namespace FaceLab.Faces.Detection;

/// <summary>A detector the user can choose by <see cref="Name"/> (<c>--detector</c>), and how to make one.</summary>
public sealed record FaceDetectorDescriptor(string Name, string Description, Func<IFaceDetector> Create);
