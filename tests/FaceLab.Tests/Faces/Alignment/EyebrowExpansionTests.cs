using FaceLab.Faces.Alignment;

namespace FaceLab.Tests.Faces.Alignment;

public class EyebrowExpansionTests
{
    [Fact]
    public void PushesOnlyTheBrowsUpByHalfTheirDistanceToTheEyeLine()
    {
        var landmarks = GoldenFixture.Landmarks("ibug300w_lfpw_68pt/sd_image_0001.pts");
        var aligned = FaceAligner.ImageToFace(landmarks, FaceType.Full, 256).Apply(landmarks);

        var expanded = EyebrowExpansion.Apply(aligned);

        for (var i = 0; i < 68; i++)
        {
            if (i is >= 17 and <= 26)
                Assert.True(expanded[i].Y < aligned[i].Y - 1, $"brow point {i} did not move up");
            else
                Assert.Equal(aligned[i], expanded[i]);
        }
        // Point 19 (mid right brow) pairs with eye point 37: it moves by half their distance.
        var moved = expanded[19] - aligned[19];
        var toEye = aligned[19] - aligned[37];
        Assert.Equal(0.5 * toEye.X, moved.X, 9);
        Assert.Equal(0.5 * toEye.Y, moved.Y, 9);
        Assert.Equal(aligned, EyebrowExpansion.Apply(aligned, expand: 0));
    }
}
