namespace FaceLab.Faces.Detection.Mtcnn;

/// <summary>A box by its edges, with face-api.js's MTCNN box arithmetic (width = right − left).</summary>
internal readonly record struct CandidateBox(double Left, double Top, double Right, double Bottom)
{
    public double Width => Right - Left;
    public double Height => Bottom - Top;

    /// <summary>Grows the shorter side about the centre to make a square.</summary>
    public CandidateBox ToSquare()
    {
        var diff = Math.Abs(Width - Height);
        return Width < Height ? this with { Left = Left - diff / 2, Right = Right + diff / 2 }
            : Height < Width ? this with { Top = Top - diff / 2, Bottom = Bottom + diff / 2 }
            : this;
    }

    /// <summary>Rounds position and size (not the far edges), as face-api.js does.</summary>
    public CandidateBox Round()
    {
        double x = JsRound(Left), y = JsRound(Top), w = JsRound(Width), h = JsRound(Height);
        return new CandidateBox(x, y, x + w, y + h);
    }

    /// <summary>Moves each edge by its regression offset (in units of the box size), then squares and rounds.</summary>
    public CandidateBox Calibrate(ReadOnlySpan<float> offsets) =>
        new CandidateBox(Left + offsets[0] * Width, Top + offsets[1] * Height,
            Right + offsets[2] * Width, Bottom + offsets[3] * Height).ToSquare().Round();

    public OpenCvSharp.Rect2d ToRect() => new(Left, Top, Width, Height);

    /// <summary>JavaScript's Math.round: halves round up.</summary>
    public static double JsRound(double v) => Math.Floor(v + 0.5);
}
