using FaceLab.Faces.Files;

namespace FaceLab.FaceSets.Packing;

/// <summary>
/// One face in a pack: its file name, where its bytes are and their XxHash64, its pixel size and
/// its metadata (a copy of what the image embeds, so a pack opens without touching the images).
/// </summary>
public sealed record FaceSetPackEntry(string Name, long Offset, long Length, ulong Xxh64, int Width, int Height, FaceMetadata Metadata);
