using FaceLab.Common;
using FaceLab.Imaging;
using FaceLab.Tests.Support;
using OpenCvSharp;

namespace FaceLab.Tests.Imaging;

public class ImageDecodingTests
{
    [Theory]
    [InlineData(".png")]
    [InlineData(".jpg")]
    [InlineData(".bmp")]
    [InlineData(".tif")]
    [InlineData(".webp")]
    [InlineData(".ppm")]
    public void ColourImagesOfEveryFormatDecodeToEightBitBgr(string extension)
    {
        using var temp = new TempFolder();
        var path = temp.Combine("00001" + extension);
        using (var source = Gradient(MatType.CV_8UC3)) Cv2.ImWrite(path, source);

        using var image = ImageDecoding.Read(path);

        Assert.Equal(MatType.CV_8UC3, image.Type());
        Assert.Equal(new Size(64, 48), image.Size());
    }

    [Theory]
    [InlineData(".png")]
    [InlineData(".tif")]
    public void SixteenBitImagesAreScaledToEightBits(string extension)
    {
        using var temp = new TempFolder();
        var path = temp.Combine("00001" + extension);
        using (var wide = new Mat(48, 64, MatType.CV_16UC3, new Scalar(65535, 32768, 0))) Cv2.ImWrite(path, wide);

        using var image = ImageDecoding.Read(path);

        Assert.Equal(MatType.CV_8UC3, image.Type());
        var pixel = image.At<Vec3b>(10, 10);
        Assert.Equal(255, pixel.Item0);
        Assert.InRange((int)pixel.Item1, 127, 128);
        Assert.Equal(0, pixel.Item2);
    }

    [Theory]
    [InlineData(".pgm")]
    [InlineData(".png")]
    public void GreyImagesBecomeBgr(string extension)
    {
        using var temp = new TempFolder();
        var path = temp.Combine("00001" + extension);
        using (var grey = new Mat(48, 64, MatType.CV_8UC1, Scalar.All(90))) Cv2.ImWrite(path, grey);

        using var image = ImageDecoding.Read(path);

        Assert.Equal(MatType.CV_8UC3, image.Type());
        Assert.Equal(new Vec3b(90, 90, 90), image.At<Vec3b>(5, 5));
    }

    [Fact]
    public void BadFilesAreOneLineErrorsNamingTheFile()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp.Combine("empty.png"), []);
        File.WriteAllText(temp.Combine("text.png"), "not an image at all");
        using (var source = Gradient(MatType.CV_8UC3)) Cv2.ImWrite(temp.Combine("whole.jpg"), source);
        var jpeg = File.ReadAllBytes(temp.Combine("whole.jpg"));
        File.WriteAllBytes(temp.Combine("cut.jpg"), jpeg[..(jpeg.Length / 2)]);
        using (var source = Gradient(MatType.CV_8UC3)) Cv2.ImWrite(temp.Combine("whole.png"), source);
        var png = File.ReadAllBytes(temp.Combine("whole.png"));
        File.WriteAllBytes(temp.Combine("cut.png"), png[..(png.Length - 20)]);

        Assert.Contains("does not exist", Error("missing.png").Problem);
        Assert.Contains("empty", Error("empty.png").Problem);
        Assert.Contains("cannot decode", Error("text.png").Problem);
        Assert.Contains("truncated", Error("cut.jpg").Problem);
        Assert.Contains("truncated", Error("cut.png").Problem);

        FaceLabException Error(string name)
        {
            var e = Assert.Throws<FaceLabException>(() => ImageDecoding.Read(temp.Combine(name)));
            Assert.Equal(temp.Combine(name), e.Subject);
            Assert.DoesNotContain('\n', e.Message);
            return e;
        }
    }

    [Fact]
    public void ImagesLargerThanTheBoundAreRefusedBeforeDecoding()
    {
        // A PNG header announcing 20000 x 20000 pixels: refused from the header alone.
        using var temp = new TempFolder();
        using (var small = Gradient(MatType.CV_8UC3)) Cv2.ImWrite(temp.Combine("small.png"), small);
        var bytes = File.ReadAllBytes(temp.Combine("small.png"));
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), 20000);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), 20000);

        var error = Assert.Throws<FaceLabException>(() => ImageDecoding.Decode(bytes, "huge.png"));

        Assert.Equal("huge.png", error.Subject);
        Assert.Contains("too large", error.Problem);
        Assert.NotNull(error.Hint);
    }

    private static Mat Gradient(MatType type)
    {
        var image = new Mat(48, 64, type);
        for (var y = 0; y < 48; y++)
            for (var x = 0; x < 64; x++)
                image.Set(y, x, new Vec3b((byte)(x * 4), (byte)(y * 5), 128));
        return image;
    }
}
