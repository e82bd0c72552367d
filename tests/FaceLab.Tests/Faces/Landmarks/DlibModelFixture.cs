using FaceLab.Assets;
using FaceLab.Faces.Landmarks;

namespace FaceLab.Tests.Faces.Landmarks;

/// <summary>Loads dlib's 99 MB model (≈ 2 s) once for a test class.</summary>
public sealed class DlibModelFixture
{
    internal DlibShapeModel Model { get; } = DlibShapeModel.LoadShared(SystemFile.DlibShapePredictor.Require());
}
