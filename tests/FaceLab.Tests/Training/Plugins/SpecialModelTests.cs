using FaceLab.Tests.Training.Sessions;
using FaceLab.Training.Models;
using FaceLab.Training.Samples;
using Xunit.Abstractions;

namespace FaceLab.Tests.Training.Plugins;

/// <summary>What LIAEF128YAW and MIAEF128 change in the samples, measured on the batches.</summary>
public class SpecialModelTests(DemoFaceSetsFixture faces, ITestOutputHelper output) : IClassFixture<DemoFaceSetsFixture>
{
    [Fact]
    public void LIAEF128YAW_pairs_src_faces_whose_yaw_follows_the_dst_batch()
    {
        var definition = ModelRegistry.Get("LIAEF128YAW");
        var recipe = definition.Samples(definition.Preset(ModelPresets.Tiny));
        using var src = new FaceCropCache(faces.SourceSet, recipe.Source);
        using var dst = new FaceCropCache(faces.DestinationSet, recipe.Destination);
        var dstSamples = new SampleBatchFactory(dst, recipe.Destination, 8, 2);
        var matched = new SampleBatchFactory(src, recipe.Source, 8, 1, recipe.SourceChooser!(dstSamples, new FaceYaws(src)));
        var uniform = new SampleBatchFactory(src, recipe.Source, 8, 1);

        double MeanDifference(SampleBatchFactory source) =>
            Enumerable.Range(0, 40).SelectMany(b => Enumerable.Range(0, 8).Select(n => Math.Abs(source.Plan(b, n).Yaw - dstSamples.Plan(b, n).Yaw))).Average();

        var withMatching = MeanDifference(matched);
        var without = MeanDifference(uniform);
        output.WriteLine($"mean |yaw difference| of src/dst pairs: {withMatching:0.00}° matched, {without:0.00}° shuffled");
        // Measured on the fixture's 16 src and 16 dst demo faces: 2.6° matched against 7.9° shuffled.
        Assert.True(withMatching < 0.5 * without, $"mean |yaw difference| {withMatching:0.00}° matched vs {without:0.00}° shuffled");
        Assert.True(withMatching < 4, $"{withMatching:0.00}°");
    }

    [Fact]
    public void MIAEF128_sees_its_src_in_grayscale_and_its_dst_in_colour()
    {
        var definition = ModelRegistry.Get("MIAEF128");
        var recipe = definition.Samples(definition.Preset(ModelPresets.Tiny));
        using var src = new FaceCropCache(faces.SourceSet, recipe.Source);
        using var dst = new FaceCropCache(faces.DestinationSet, recipe.Destination);
        var srcBatch = new SampleBatchFactory(src, recipe.Source, 4, 1).Build(0);
        var dstBatch = new SampleBatchFactory(dst, recipe.Destination, 4, 2).Build(0);

        Assert.Equal(0, MaxChannelSpread(srcBatch.Inputs, srcBatch));
        Assert.Equal(0, MaxChannelSpread(srcBatch.Targets, srcBatch));
        Assert.True(MaxChannelSpread(dstBatch.Inputs, dstBatch) > 0.05, "dst keeps its colour");
    }

    /// <summary>The largest difference between the B, G and R planes of any pixel.</summary>
    private static float MaxChannelSpread(float[] images, SampleBatch batch)
    {
        var plane = batch.Resolution * batch.Resolution;
        var spread = 0f;
        for (var n = 0; n < batch.Count; n++)
            for (var i = 0; i < plane; i++)
            {
                var b = images[(n * 3 + 0) * plane + i];
                var g = images[(n * 3 + 1) * plane + i];
                var r = images[(n * 3 + 2) * plane + i];
                spread = Math.Max(spread, Math.Max(Math.Abs(b - g), Math.Abs(g - r)));
            }
        return spread;
    }
}
