using FaceLab.Common;
using TorchSharp.Modules;

namespace FaceLab.Training.Optimization;

/// <summary>
/// The optimizer's state (Adam's moments and step counts) as one stream. A resumed run matches
/// an uninterrupted one only with it. The trainer decides where it lives, next to the weights.
/// </summary>
internal static class OptimizerStateFile
{
    public static void Save(OptimizerHelper optimizer, Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        optimizer.save_state_dict(writer);
        writer.Flush();
    }

    public static void Load(OptimizerHelper optimizer, Stream stream, string source)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            optimizer.load_state_dict(reader);
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException)
        {
            throw new FaceLabException(source, $"optimizer state does not fit this model: {e.Message}", "restore a backup of the model, or train it again", e);
        }
    }
}
