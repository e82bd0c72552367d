using FaceLab.Common;
using FaceLab.Merging;

namespace FaceLab.Tests.Merging;

/// <summary>Settings given for one run override the saved ones; what is not given stays; the result is validated.</summary>
public class MergeOptionChangesTests
{
    [Fact]
    public void GivenSettingsOverrideTheSavedOnesAndTheRestStays()
    {
        var saved = MergeOptions.Default with { Erode = 20, Blur = 30, MaskMode = MaskMode.LearnedProduct };

        var options = new MergeOptionChanges { Blur = 50, Mode = MergeMode.Overlay }.ApplyTo(saved);

        Assert.Equal(saved with { Blur = 50, Mode = MergeMode.Overlay }, options);
    }

    [Fact]
    public void NoChangesKeepTheSavedSettingsAndAskNothing()
    {
        var changes = new MergeOptionChanges { DenoisePower = 10 };

        Assert.False(changes.ChangesBlend);
        Assert.Equal(MergeOptions.Default, new MergeOptionChanges().ApplyTo(MergeOptions.Default));
    }

    [Fact]
    public void AValueOutOfRangeIsAnError() =>
        Assert.Throws<FaceLabException>(() => new MergeOptionChanges { Erode = 1000 }.ApplyTo(MergeOptions.Default));
}
