namespace FaceLab.Tests.Faces.Detection;

/// <summary>scikit-image sample pictures with no face in them (Debian python3-skimage).</summary>
public static class FaceFreeImages
{
    private const string Folder = "/usr/lib/python3/dist-packages/skimage/data";

    public static IReadOnlyList<string> Names { get; } = ["coffee", "coins", "rocket", "page", "text", "moon", "horse"];

    public static string PathOf(string name)
    {
        var path = new[] { ".png", ".jpg" }.Select(ext => Path.Combine(Folder, name + ext)).FirstOrDefault(File.Exists);
        return path ?? throw new FileNotFoundException($"test data missing: {Folder}/{name}.* (Debian python3-skimage)");
    }
}
