using FaceLab.Common;

namespace FaceLab.Training.Models;

/// <summary>
/// A model's weights as one stream: a short header naming the <see cref="ModelSignature"/>, then
/// TorchSharp's module state. Loading refuses weights of another architecture, resolution, face
/// type or width before touching the model. Where the file lives and how it is written atomically
/// is the trainer's checkpoint layout.
/// </summary>
internal static class WeightsFile
{
    private const string Magic = "FaceLab.Weights";
    private const int FormatVersion = 1;

    public static void Save(FaceSwapModel model, Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        WriteSignature(writer, model.Signature);
        model.save(writer);
        writer.Flush();
    }

    /// <summary>Loads weights saved by <see cref="Save(FaceSwapModel, Stream)"/> into <paramref name="model"/>.</summary>
    /// <param name="source">Names the weights in error messages (usually the file path).</param>
    public static void Load(FaceSwapModel model, Stream stream, string source)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        var saved = ReadHeader(reader, source);
        if (saved != model.Signature)
            throw new FaceLabException(source, $"weights were trained as '{saved}' and cannot load into '{model.Signature}'", "load them with the settings they were trained with, or train a new model");
        try
        {
            model.load(reader, strict: true);
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException)
        {
            throw new FaceLabException(source, $"weights for '{saved}' are damaged: {e.Message}", "restore a backup of the model, or train it again", e);
        }
    }

    public static void Save(FaceSwapModel model, string path)
    {
        using var stream = File.Create(path);
        Save(model, stream);
    }

    public static void Load(FaceSwapModel model, string path)
    {
        using var stream = File.OpenRead(path);
        Load(model, stream, path);
    }

    /// <summary>The signature recorded in a weights stream, without loading the weights.</summary>
    public static ModelSignature ReadSignature(Stream stream, string source)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        return ReadHeader(reader, source);
    }

    private static void WriteSignature(BinaryWriter writer, ModelSignature signature)
    {
        writer.Write(signature.Architecture);
        writer.Write(signature.Version);
        writer.Write(signature.Options);
    }

    private static ModelSignature ReadHeader(BinaryReader reader, string source)
    {
        try
        {
            if (reader.ReadString() != Magic) throw new FaceLabException(source, "not a FaceLab weights file", "give a model saved by FaceLab");
            var version = reader.ReadInt32();
            if (version != FormatVersion)
                throw new FaceLabException(source, $"weights format {version} is not supported; this FaceLab reads format {FormatVersion}", "load them with the FaceLab that saved them");
            return new ModelSignature(reader.ReadString(), reader.ReadInt32(), reader.ReadString());
        }
        catch (EndOfStreamException e)
        {
            throw new FaceLabException(source, "weights file is truncated", "restore a backup of the model, or train it again", e);
        }
    }
}
