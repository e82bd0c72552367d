using FaceLab.Common;

namespace FaceLab.Imaging;

/// <summary>
/// Reads the pixel size of a PNG or JPEG from its header without decoding the image,
/// so thousands of frames can be checked in the time one decode takes.
/// </summary>
public static class ImageHeader
{
    /// <summary>The image's width and height; a one-line error naming the file when it is no PNG or JPEG or its header is cut.</summary>
    public static (int Width, int Height) ReadSize(string path)
    {
        try
        {
            using var s = File.OpenRead(path);
            return Read(s, path);
        }
        catch (IOException e)
        {
            throw new FaceLabException(path, $"cannot read: {e.Message}", "check that the file exists and can be read", e);
        }
    }

    /// <summary>The size a PNG or JPEG in memory announces, or null when it has no readable header (the decoder then judges it).</summary>
    public static (int Width, int Height)? TryReadSize(byte[] bytes)
    {
        try
        {
            using var s = new MemoryStream(bytes, writable: false);
            return Read(s, "image");
        }
        catch (Exception e) when (e is FaceLabException or IOException)
        {
            return null;
        }
    }

    private static (int Width, int Height) Read(Stream s, string path)
    {
        Span<byte> sig = stackalloc byte[8];
        if (s.ReadAtLeast(sig, 8, throwOnEndOfStream: false) < 8)
            throw new FaceLabException(path, "not an image: the file is too short", "replace or remove the file");
        if (sig.SequenceEqual(PngChunks.Signature))
            return ReadPngSize(s, path);
        if (sig[0] == 0xFF && sig[1] == 0xD8)
        {
            s.Position = 2;
            return ReadJpegSize(s, path);
        }
        throw new FaceLabException(path, "not a PNG or JPEG image", "convert it to PNG or JPEG, or remove it");
    }

    private static (int, int) ReadPngSize(Stream s, string path)
    {
        Span<byte> ihdr = stackalloc byte[16];
        if (s.ReadAtLeast(ihdr, 16, throwOnEndOfStream: false) < 16 || !ihdr.Slice(4, 4).SequenceEqual("IHDR"u8))
            throw new FaceLabException(path, "damaged PNG: no IHDR", "replace or remove the file");
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(ihdr[8..]),
                System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(ihdr[12..]));
    }

    private static (int, int) ReadJpegSize(Stream s, string path)
    {
        Span<byte> head = stackalloc byte[4];
        Span<byte> sof = stackalloc byte[5];
        while (true)
        {
            int b;
            do { b = s.ReadByte(); } while (b == 0xFF);
            if (b < 0) break;
            var marker = b;
            if (marker is 0xD8 or (>= 0xD0 and <= 0xD7) or 0x01) continue;
            if (marker == 0xD9 || s.ReadAtLeast(head[..2], 2, throwOnEndOfStream: false) < 2) break;
            var length = (head[0] << 8) | head[1];
            var isSof = marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC);
            if (isSof)
            {
                if (s.ReadAtLeast(sof, 5, throwOnEndOfStream: false) < 5) break;
                return ((sof[3] << 8) | sof[4], (sof[1] << 8) | sof[2]);
            }
            s.Seek(length - 2, SeekOrigin.Current);
        }
        throw new FaceLabException(path, "damaged JPEG: no frame header", "replace or remove the file");
    }
}
