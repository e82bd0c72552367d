using System.Runtime.InteropServices;
using FaceLab.Common;
using OpenCvSharp;
using OpenCvSharp.Dnn;

namespace FaceLab.Faces.Landmarks;

/// <summary>
/// 68 landmarks from MediaPipe's face mesh (CLI name <c>mesh</c>): a 192×192 RGB crop in [0, 1]
/// of a square around the face, 468 3-D vertices out, mapped to iBUG 68 by
/// <see cref="FaceMeshToIbug68"/>. Runs the TFLite model through OpenCV's DNN module; the network
/// object is per instance (OpenCV nets are not thread-safe), and loading it is quick (1.2 MB).
/// </summary>
internal sealed class FaceMeshLandmarker : ILandmarker
{
    public const string CliName = "mesh";
    public const int InputSize = 192;

    private readonly Net net;
    private readonly string[] outputNames;
    private readonly FaceMeshLandmarkerOptions options;

    public FaceMeshLandmarker(string modelPath, FaceMeshLandmarkerOptions? options = null)
    {
        this.options = options ?? FaceMeshLandmarkerOptions.Default;
        if (this.options.Passes < 1) throw new ArgumentOutOfRangeException(nameof(options), "Passes must be at least 1");
        try
        {
            net = CvDnn.ReadNet(modelPath);
        }
        catch (OpenCVException e)
        {
            throw new FaceLabException(modelPath, $"cannot load the face mesh model: {e.Message.Split('\n')[0]}", $"reinstall it with {Assets.AssetStore.InstallCommand}", e);
        }
        if (net.Empty()) throw new FaceLabException(modelPath, "cannot load the face mesh model", $"reinstall it with {Assets.AssetStore.InstallCommand}");
        outputNames = net.GetUnconnectedOutLayersNames().Select(n => n ?? "").ToArray();
    }

    public string Name => CliName;

    public Point2d[] Locate(Mat bgrImage, Rect2d faceBox)
    {
        FaceBoxGeometry.Validate(faceBox);
        var points = Run(bgrImage, FaceBoxGeometry.Square(faceBox, options.CropScale));
        for (var pass = 1; pass < options.Passes; pass++)
            points = Run(bgrImage, FaceBoxGeometry.Square(FaceBoxGeometry.BoundsOf(points), options.CropScale));
        return points;
    }

    public void Dispose() => net.Dispose();

    private Point2d[] Run(Mat bgr, Rect2d square)
    {
        var vertices = MeshVertices(bgr, square);
        var scale = square.Width / InputSize;
        return FaceMeshToIbug68.MeshVertexOf
            .Select(v => new Point2d(square.X + vertices[3 * v] * scale, square.Y + vertices[3 * v + 1] * scale))
            .ToArray();
    }

    /// <summary>The 468 × (x, y, z) output, x and y in input pixels.</summary>
    private float[] MeshVertices(Mat bgr, Rect2d square)
    {
        var scale = InputSize / square.Width;
        using var toInput = Mat.FromPixelData(2, 3, MatType.CV_64FC1, new[] { scale, 0, -square.X * scale, 0, scale, -square.Y * scale });
        using var crop = new Mat();
        Cv2.WarpAffine(bgr, crop, toInput, new Size(InputSize, InputSize), InterpolationFlags.Linear, BorderTypes.Constant, Scalar.All(0));
        using var blob = CvDnn.BlobFromImage(crop, 1 / 255.0, new Size(InputSize, InputSize), Scalar.All(0), swapRB: true, crop: false);
        net.SetInput(blob);
        var outputs = outputNames.Select(_ => new Mat()).ToArray();
        try
        {
            net.Forward(outputs, outputNames);
            var mesh = outputs.FirstOrDefault(o => o.Total() == 3 * FaceMeshToIbug68.MeshVertexCount)
                ?? throw new FaceLabException("face mesh", "the model has no 468×3 output", $"give face_landmark.tflite, or reinstall it with {Assets.AssetStore.InstallCommand}");
            var values = new float[mesh.Total()];
            using var continuous = mesh.IsContinuous() ? null : mesh.Clone();
            Marshal.Copy((continuous ?? mesh).Data, values, 0, values.Length);
            return values;
        }
        finally
        {
            foreach (var o in outputs) o.Dispose();
        }
    }
}
