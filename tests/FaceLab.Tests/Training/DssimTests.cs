using System.Text.Json;
using FaceLab.Tests.Support;
using FaceLab.Training.Losses;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace FaceLab.Tests.Training;

/// <summary>
/// DSSIM against scikit-image's SSIM (Fixtures/make_dssim_fixture.py, Debian python3-skimage 0.19)
/// on real face crops and a blurred, patterned copy rebuilt here exactly as the script builds it.
/// </summary>
public class DssimTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-3;

    public static TheoryData<int> Cases() => [.. Enumerable.Range(0, LoadFixture().Count)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Dssim_matches_scikit_image(int index)
    {
        var c = LoadFixture()[index];
        using var scope = NewDisposeScope();
        var original = RealFaces.Crop(c.Image, c.X, c.Y, c.Size);
        var a = RealFaces.ToTensor(original).unsqueeze(0);
        var b = RealFaces.ToTensor(Distort(original)).unsqueeze(0);
        using var dssim = new Dssim(c.Size);

        var actual = dssim.Compute(a, b).item<float>();
        output.WriteLine($"{c.Image} {c.Size} px: FaceLab {actual:F6}, scikit-image {c.ExpectedDssim:F6}, difference {actual - c.ExpectedDssim:E1}");

        Assert.InRange(actual, c.ExpectedDssim - Tolerance, c.ExpectedDssim + Tolerance);
    }

    [Fact]
    public void Window_follows_resolution_with_two_windows_from_256()
    {
        Assert.Equal([5], Dssim.WindowSizesFor(64));
        Assert.Equal([9], Dssim.WindowSizesFor(96));
        Assert.Equal([11], Dssim.WindowSizesFor(128));
        Assert.Equal([23, 11], Dssim.WindowSizesFor(256));
    }

    [Fact]
    public void Identical_images_have_zero_dssim_and_gradients_flow()
    {
        using var scope = NewDisposeScope();
        var a = rand(2, 3, 64, 64);
        using var dssim = new Dssim(64);
        Assert.Equal(0, dssim.Compute(a, a).item<float>(), 5);
        var b = rand(2, 3, 64, 64).requires_grad_();
        dssim.Compute(b, a).backward();
        Assert.True(b.grad!.abs().sum().item<float>() > 0);
    }

    /// <summary>The script's distortion: 3×3 box blur (edges replicated) + 0.08·sawtooth((7x+13y+5c) mod 17), clipped.</summary>
    private static float[,,] Distort(float[,,] img)
    {
        int h = img.GetLength(0), w = img.GetLength(1);
        var result = new float[h, w, 3];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
                for (var c = 0; c < 3; c++)
                {
                    double sum = 0;
                    for (var dy = -1; dy <= 1; dy++)
                        for (var dx = -1; dx <= 1; dx++)
                            sum += img[Math.Clamp(y + dy, 0, h - 1), Math.Clamp(x + dx, 0, w - 1), c];
                    var pattern = 0.08 * (((x * 7 + y * 13 + c * 5) % 17) / 16.0 - 0.5);
                    result[y, x, c] = (float)Math.Clamp(sum / 9 + pattern, 0, 1);
                }
        return result;
    }

    private sealed record FixtureCase(string Image, int X, int Y, int Size, double ExpectedDssim);

    private static List<FixtureCase> LoadFixture()
    {
        var path = Path.Combine(TestPaths.RepositoryRoot, "tests", "FaceLab.Tests", "Training", "Fixtures", "dssim_skimage.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return [.. doc.RootElement.GetProperty("cases").EnumerateArray().Select(e => new FixtureCase(
            e.GetProperty("image").GetString()!, e.GetProperty("x").GetInt32(), e.GetProperty("y").GetInt32(),
            e.GetProperty("size").GetInt32(), e.GetProperty("expected_dssim").GetDouble()))];
    }
}
