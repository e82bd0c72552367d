using FaceLab.Cli.Commands;
using FaceLab.Common;

namespace FaceLab.Tests.Architecture;

/// <summary>
/// Every error type of the library carries what failed, why and a hint as separate fields (it is a
/// <see cref="FaceLabException"/>), and errors that are not the tool's own still reach the user as
/// one line, never a stack trace.
/// </summary>
/// <remarks>
/// Seen to fail: a temporary <c>sealed class StrayException : Exception</c> in src/FaceLab made
/// <see cref="EveryLibraryErrorTypeIsAFaceLabException"/> fail naming it; removed, it passes.
/// </remarks>
public class ErrorTypeTests
{
    [Fact]
    public void EveryLibraryErrorTypeIsAFaceLabException()
    {
        var errorTypes = typeof(FaceLabException).Assembly.GetTypes().Where(t => typeof(Exception).IsAssignableFrom(t)).ToList();

        Assert.Contains(typeof(FaceLabException), errorTypes);
        Assert.All(errorTypes, t => Assert.True(typeof(FaceLabException).IsAssignableFrom(t), $"{t.FullName} is not a FaceLabException"));
    }

    [Fact]
    public void SubjectProblemHintAndRemedyAreSeparateFields()
    {
        var e = new FaceLabException("out.mp4", "already exists", "allow overwriting to replace it") { Remedy = Remedy.Overwrite };

        Assert.Equal(("out.mp4", "already exists", "allow overwriting to replace it", Remedy.Overwrite), (e.Subject, e.Problem, e.Hint, e.Remedy));
        Assert.Equal("out.mp4: already exists (allow overwriting to replace it)", e.Message);
    }

    [Fact]
    public void TheCliNamesItsFlagForTheRemedy()
    {
        var e = new FaceLabException("out.mp4", "already exists", "allow overwriting to replace it") { Remedy = Remedy.Overwrite };

        Assert.Equal("out.mp4: already exists (pass --overwrite to replace it)", ErrorLine.Of(e));
    }

    public static TheoryData<Exception> NotTheToolsOwn =>
    [
        new ArgumentOutOfRangeException("Resolution", 2000, "resolution must be 16..1024"),
        new ArgumentException("expected 9 values", "rowMajor"),
        new FormatException("'x' is not a face type"),
        new InvalidDataException("source filename too long"),
    ];

    [Theory]
    [MemberData(nameof(NotTheToolsOwn))]
    public void ArgumentChecksPrintAsOneLineWithoutAStackTrace(Exception e)
    {
        Exception thrown;
        try
        {
            throw e;
        }
        catch (Exception caught)
        {
            thrown = caught;
        }

        var line = ErrorLine.Of(thrown);

        Assert.True(ErrorLine.IsForUser(thrown));
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain(" at ", line);
        Assert.StartsWith(e.Message.Split('\n')[0].Trim(), line);
    }
}
