namespace FaceLab.Common;

/// <summary>
/// The action that resolves a <see cref="FaceLabException"/>, as data: the library says it in
/// neutral words in <see cref="FaceLabException.Hint"/>, and each front end names its own control
/// for it (the CLI a flag, the studio a field).
/// </summary>
public enum Remedy
{
    /// <summary>No particular setting resolves it; the hint, if any, says what to do.</summary>
    None,

    /// <summary>Allow replacing the output that already exists.</summary>
    Overwrite,

    /// <summary>Write to another output file or folder.</summary>
    OtherOutput,

    /// <summary>Clear the workspace's generated files, or write to another output folder.</summary>
    ClearOrOtherOutput,

    /// <summary>Give the number of faces to keep.</summary>
    FaceCount,

    /// <summary>Drop the value thresholds, or sort by a method that gives each face a value.</summary>
    NoValueThreshold,

    /// <summary>Give a reference video or the frame rate.</summary>
    ReferenceOrFrameRate,

    /// <summary>Give the frame rate, or allow the video's length to change.</summary>
    FrameRateOrLengthChange,
}
