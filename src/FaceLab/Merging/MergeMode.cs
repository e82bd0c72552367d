namespace FaceLab.Merging;

/// <summary>How the predicted face is put into the frame.</summary>
public enum MergeMode
{
    /// <summary>The frame untouched.</summary>
    Original,

    /// <summary>Alpha blend of the warped prediction with the merge mask.</summary>
    Overlay,

    /// <summary>Per-channel histogram matching of the prediction onto the dst face, then overlay.</summary>
    HistMatch,

    /// <summary>Histogram matching on grey levels: a grey face, for black-and-white footage.</summary>
    HistMatchBw,

    /// <summary>Poisson blending: the prediction's gradients with the frame's colours at the mask border.</summary>
    Seamless,

    /// <summary>Histogram matching, then Poisson blending.</summary>
    SeamlessHistMatch,

    /// <summary>The warped prediction pasted without a mask (debug).</summary>
    RawRgb,

    /// <summary>The prediction at model resolution instead of the frame (debug).</summary>
    RawPredict,

    /// <summary>
    /// A puppet video (AVATAR's own output): each output frame is the predicted src face at model
    /// resolution beside the driving dst face cut from the frame (2R × R); a frame without a face is black.
    /// </summary>
    Puppet,
}

/// <summary>Which mask limits the blend.</summary>
public enum MaskMode
{
    /// <summary>The landmark hull of the dst face.</summary>
    Destination,

    /// <summary>The mask the model learned for the predicted face.</summary>
    LearnedPredicted,

    /// <summary>The mask the model learned for the dst face.</summary>
    LearnedDestination,

    /// <summary>Product of the two learned masks: only where both see face.</summary>
    LearnedProduct,

    /// <summary>Sum of the two learned masks, clipped to 1: where either sees face.</summary>
    LearnedSum,

    /// <summary>The whole aligned square.</summary>
    Full,
}

/// <summary>The filter an unsharp mask subtracts (or a blur moves towards).</summary>
public enum SharpenMode
{
    /// <summary>No sharpening.</summary>
    None,
    /// <summary>Unsharp mask with a box blur.</summary>
    Box,
    /// <summary>Unsharp mask with a Gaussian blur.</summary>
    Gaussian,
}
