using FaceLab.Common;
using Microsoft.AspNetCore.Http;

namespace FaceLab.Studio.Security;

/// <summary>A refused request: the library's error fields plus the HTTP status the studio answers with.</summary>
public sealed class StudioRequestException(int status, string subject, string problem, string? hint)
    : FaceLabException(subject, problem, hint)
{
    public int Status { get; } = status;

    public static StudioRequestException BadRequest(string subject, string problem, string? hint = null) =>
        new(StatusCodes.Status400BadRequest, subject, problem, hint);

    public static StudioRequestException Forbidden(string subject, string problem, string? hint = null) =>
        new(StatusCodes.Status403Forbidden, subject, problem, hint);

    public static StudioRequestException NotFound(string subject, string problem, string? hint = null) =>
        new(StatusCodes.Status404NotFound, subject, problem, hint);

    public static StudioRequestException Conflict(string subject, string problem, string? hint = null) =>
        new(StatusCodes.Status409Conflict, subject, problem, hint);
}
