using System.Globalization;

namespace FaceLab.Training.Sessions;

/// <summary>
/// The previews a run keeps in <c>history/</c>, one <c>ITERATION.jpg</c> (nine digits) each. A
/// bounded history thins itself so that it still spans the whole run: when a new preview makes one
/// too many, the inner preview whose neighbours are closest together goes.
/// </summary>
internal static class PreviewHistory
{
    public const string FolderName = "history";

    public static string FolderOf(string modelFolder) => Path.Combine(modelFolder, FolderName);

    public static string PathOf(string modelFolder, long iteration) =>
        Path.Combine(FolderOf(modelFolder), iteration.ToString("D9", CultureInfo.InvariantCulture) + ".jpg");

    /// <summary>The iterations of the kept previews, oldest first (other files in the folder are ignored).</summary>
    public static IReadOnlyList<long> Iterations(string modelFolder)
    {
        var folder = FolderOf(modelFolder);
        if (!Directory.Exists(folder)) return [];
        return [.. Directory.EnumerateFiles(folder, "*.jpg")
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Where(n => n.Length == 9 && n.All(char.IsAsciiDigit))
            .Select(n => long.Parse(n, CultureInfo.InvariantCulture))
            .Order()];
    }

    /// <summary>Deletes previews until at most <paramref name="limit"/> (2 or more) are left; the first and the newest always stay.</summary>
    public static void Thin(string modelFolder, int limit)
    {
        var kept = Iterations(modelFolder).ToList();
        foreach (var iteration in ToDrop(kept, limit)) File.Delete(PathOf(modelFolder, iteration));
    }

    /// <summary>The iterations to drop from <paramref name="kept"/> (sorted; changed in place) to keep <paramref name="limit"/>.</summary>
    internal static List<long> ToDrop(List<long> kept, int limit)
    {
        var dropped = new List<long>();
        while (kept.Count > Math.Max(2, limit))
        {
            var best = 1;
            for (var i = 2; i < kept.Count - 1; i++)
                if (kept[i + 1] - kept[i - 1] < kept[best + 1] - kept[best - 1]) best = i;
            dropped.Add(kept[best]);
            kept.RemoveAt(best);
        }
        return dropped;
    }
}
