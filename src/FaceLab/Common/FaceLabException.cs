namespace FaceLab.Common;

/// <summary>
/// A failure the user can act on: bad input, a missing model, an unwritable output.
/// The message is one line that names the file and the problem; the CLI prints it as is.
/// </summary>
public class FaceLabException : Exception
{
    public FaceLabException(string message) : base(message) { }

    public FaceLabException(string message, Exception inner) : base(message, inner) { }
}
