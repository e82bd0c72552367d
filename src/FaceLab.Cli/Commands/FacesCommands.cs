using System.CommandLine;
using FaceLab.Cli.Rendering;
using System.Globalization;
using FaceLab.Faces.Files;

namespace FaceLab.Cli.Commands;

/// <summary><c>facelab faces ...</c>: face extraction and face-set tools (DeepFaceLab's steps 4–5).</summary>
internal static class FacesCommands
{
    public static Command Create(CliConsole console)
    {
        var faces = new Command("faces", "Extract aligned faces from frames and inspect face files");
        faces.Subcommands.Add(FaceExtractCommand.Create(console));
        faces.Subcommands.Add(Info(console));
        foreach (var command in FaceSetCommands.Create(console)) faces.Subcommands.Add(command);
        return faces;
    }

    private static Command Info(CliConsole console)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "An aligned face image (jpg or png) written by FaceLab" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the face metadata's field names (docs/face-metadata.md; landmarks as [x, y] arrays)" };
        var command = new Command("info", "Print the metadata embedded in a face image") { file, json };
        CommandRunner.SetAction(console, command, (result, _) =>
        {
            var path = result.GetValue(file)!.FullName;
            var metadata = FaceImageFile.ReadMetadata(path);
            if (result.GetValue(json))
            {
                console.Line(FaceMetadataJson.ToIndentedJson(metadata));
                return Task.CompletedTask;
            }
            var r = metadata.SourceRect;
            var m = metadata.ImageToFaceMat;
            console.Line($"{path}");
            console.Line($"  face type:    {metadata.FaceType}");
            console.Line($"  source frame: {metadata.SourceFilename}");
            console.Line(string.Create(CultureInfo.InvariantCulture, $"  source rect:  left {r[0]:0.#}, top {r[1]:0.#}, right {r[2]:0.#}, bottom {r[3]:0.#}"));
            console.Line(string.Create(CultureInfo.InvariantCulture, $"  frame → face: [{m[0][0]:0.####} {m[0][1]:0.####} {m[0][2]:0.##}; {m[1][0]:0.####} {m[1][1]:0.####} {m[1][2]:0.##}]"));
            console.Line($"  landmarks:    68 points (aligned and frame pixels)");
            console.Line($"  masks:        {(metadata.MaskPolygons is null ? "no polygons" : $"{metadata.MaskPolygons.Include.Length} include, {metadata.MaskPolygons.Exclude.Length} exclude polygons")}, {(metadata.TrainedMaskPng is null ? "no trained mask" : "trained mask")}");
            console.Line($"  made by:      {metadata.Detector} + {metadata.Landmarker}, FaceLab {metadata.ToolVersion}, schema {metadata.SchemaVersion}");
            return Task.CompletedTask;
        });
        return command;
    }
}
