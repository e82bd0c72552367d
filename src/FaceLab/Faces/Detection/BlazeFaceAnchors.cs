namespace FaceLab.Faces.Detection;

/// <summary>
/// Anchor centres of MediaPipe's SSD anchor generator (fixed anchor size, so only centres
/// matter), in input-relative units [0,1]. Layers that share a stride share one grid and stack
/// their anchors per cell.
/// </summary>
internal static class BlazeFaceAnchors
{
    /// <summary>Full range: one anchor per cell of the 48×48 stride-4 grid (2304).</summary>
    public static (float X, float Y)[] FullRange() => Create(192, [4], anchorsPerLayer: 1);

    /// <summary>Short range: 16×16 grid with 2 anchors (stride 8), 8×8 grid with 6 (three stride-16 layers): 896.</summary>
    public static (float X, float Y)[] ShortRange() => Create(128, [8, 16, 16, 16], anchorsPerLayer: 2);

    public static (float X, float Y)[] Create(int inputSize, int[] strides, int anchorsPerLayer)
    {
        var anchors = new List<(float, float)>();
        for (var layer = 0; layer < strides.Length;)
        {
            var next = layer;
            while (next < strides.Length && strides[next] == strides[layer]) next++;
            var perCell = (next - layer) * anchorsPerLayer;
            var grid = (int)Math.Ceiling(inputSize / (double)strides[layer]);
            for (var y = 0; y < grid; y++)
                for (var x = 0; x < grid; x++)
                    for (var a = 0; a < perCell; a++)
                        anchors.Add(((x + 0.5f) / grid, (y + 0.5f) / grid));
            layer = next;
        }
        return anchors.ToArray();
    }
}
