namespace FaceLab.Fuzz;

/// <summary>
/// A private folder for targets whose entry point takes a path: emptied before every input, so one
/// input never sees another's files, and removed when the process ends.
/// </summary>
internal static class Scratch
{
    private static readonly string Root = CreateRoot();

    /// <summary>An empty folder <paramref name="name"/> inside the scratch root.</summary>
    public static string Folder(string name)
    {
        // Emptied rather than recreated: cheaper per input, and the fuzzer runs thousands a second.
        var folder = Directory.CreateDirectory(Path.Combine(Root, name));
        foreach (var file in folder.EnumerateFiles()) file.Delete();
        foreach (var dir in folder.EnumerateDirectories()) dir.Delete(recursive: true);
        return folder.FullName;
    }

    /// <summary>Writes <paramref name="bytes"/> as <paramref name="fileName"/> in a fresh folder <paramref name="folderName"/>; returns the file's path.</summary>
    public static string File(string folderName, string fileName, ReadOnlySpan<byte> bytes)
    {
        var path = Path.Combine(Folder(folderName), fileName);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string CreateRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), $"facelab-fuzz-{Environment.ProcessId}");
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // Left for the system's temp cleaner; never worth failing a run over.
            }
        };
        return root;
    }
}
