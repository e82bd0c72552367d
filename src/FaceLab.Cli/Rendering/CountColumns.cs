using Spectre.Console;
using Spectre.Console.Rendering;

namespace FaceLab.Cli.Rendering;

/// <summary>"300/765 frames": the count, which Spectre's built-in columns show only for bytes.</summary>
internal sealed class CountColumn(ProgressUnits units) : ProgressColumn
{
    protected override bool NoWrap => true;

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text($"{task.Value:0}/{task.MaxValue:0} {units.Of(task)}");
}

/// <summary>"250.1 frames/s".</summary>
internal sealed class RateColumn(ProgressUnits units) : ProgressColumn
{
    protected override bool NoWrap => true;

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text(task.Speed is { } speed ? $"{speed:0.0} {units.Of(task)}/s" : "", new Style(Color.Grey));
}

/// <summary>The unit ("frames", "faces") of each Spectre task; Spectre's task state holds only value types.</summary>
internal sealed class ProgressUnits
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> _units = new();

    public void Set(ProgressTask task, string unit) => _units[task.Id] = unit;

    public string Of(ProgressTask task) => _units.GetValueOrDefault(task.Id, "");
}
