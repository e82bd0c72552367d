using System.Text.Json;
using System.Text.Json.Serialization;
using FaceLab.Common;
using FaceLab.Faces.Alignment;
using OpenCvSharp;

namespace FaceLab.Faces.Files;

/// <summary>
/// The versioned UTF-8 JSON payload of <see cref="FaceMetadata"/>. The payload comes from files
/// and is untrusted: sizes are bounded, no type names are read, and every field is validated.
/// </summary>
public static class FaceMetadataJson
{
    /// <summary>Largest payload accepted (a trained mask at 1024 px fits comfortably).</summary>
    public const int MaxPayloadBytes = 8 * 1024 * 1024;

    private const int LandmarkCount = 68;
    private const int MaxPolygonPoints = 100_000;

    /// <summary>Largest coordinate accepted, in pixels: far beyond any frame, small enough that arithmetic on it stays exact.</summary>
    private const double MaxCoordinate = 1_000_000;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = 16,
        Converters = { new PointConverter() },
    };

    private static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };

    /// <summary>The payload; invalid metadata (wrong point counts, NaN) is refused, never written.</summary>
    public static byte[] Serialize(FaceMetadata metadata, string fileForErrors = "face metadata")
    {
        Validate(metadata, fileForErrors, "invalid");
        return JsonSerializer.SerializeToUtf8Bytes(metadata, Options);
    }

    /// <summary>The metadata as indented JSON with its schema's field names.</summary>
    public static string ToIndentedJson(FaceMetadata metadata) => JsonSerializer.Serialize(metadata, Indented);

    /// <summary>Reads and validates metadata JSON; <paramref name="file"/> names the face in errors.</summary>
    public static FaceMetadata Deserialize(ReadOnlySpan<byte> payload, string file)
    {
        if (payload.Length > MaxPayloadBytes)
            throw new FaceLabException(file, $"face metadata of {payload.Length} bytes is larger than allowed", "extract the face again");
        FaceMetadata? metadata;
        try
        {
            metadata = JsonSerializer.Deserialize<FaceMetadata>(payload, Options);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new FaceLabException(file, $"damaged face metadata: {JsonErrors.Reason(e)}", "extract the face again", e);
        }
        if (metadata is null) throw new FaceLabException(file, "damaged face metadata: empty", "extract the face again");
        Validate(metadata, file, "damaged");
        return metadata;
    }

    private static void Validate(FaceMetadata m, string file, string problem)
    {
        void Require(bool ok, string what)
        {
            if (!ok) throw new FaceLabException(file, $"{problem} face metadata: {what}", "extract the face again");
        }

        Require(m.SchemaVersion is >= 1 and <= FaceMetadata.CurrentSchemaVersion,
            $"schema version {m.SchemaVersion}; this FaceLab reads up to {FaceMetadata.CurrentSchemaVersion}");
        Require(!string.IsNullOrWhiteSpace(m.FaceType), "no face_type");
        Require(FaceType.TryParse(m.FaceType, out _), $"unknown face_type '{Shorten(m.FaceType)}'");
        Require(m.Landmarks is { Length: LandmarkCount } && m.Landmarks.All(InRange), "landmarks must be 68 finite points within ±1e6 px");
        Require(m.SourceLandmarks is { Length: LandmarkCount } && m.SourceLandmarks.All(InRange), "source_landmarks must be 68 finite points within ±1e6 px");
        Require(m.SourceRect is { Length: 4 } && m.SourceRect.All(InRange), "source_rect must be 4 numbers within ±1e6 px");
        Require(m.ImageToFaceMat is { Length: 2 } && m.ImageToFaceMat.All(r => r is { Length: 3 } && r.All(InRange)),
            "image_to_face_mat must be 2x3 numbers within ±1e6");
        Require(Math.Abs(m.ImageToFaceMat[0][0] * m.ImageToFaceMat[1][1] - m.ImageToFaceMat[0][1] * m.ImageToFaceMat[1][0]) > 1e-12,
            "image_to_face_mat is not invertible");
        Require(IsFrameName(m.SourceFilename), $"bad source_filename '{Shorten(m.SourceFilename)}'");
        Require(m.EyebrowsExpandMod is >= 0 and <= 100, "eyebrows_expand_mod must be between 0 and 100");
        if (m.MaskPolygons is { } p)
        {
            var all = (p.Include ?? []).Concat(p.Exclude ?? []).ToList();
            Require(p.Include is not null && p.Exclude is not null, "mask_polygons needs include and exclude lists");
            Require(all.Sum(poly => poly?.Length ?? 0) <= MaxPolygonPoints && all.All(poly => poly is not null && poly.All(InRange)),
                "bad mask_polygons");
        }
    }

    private static bool InRange(double v) => double.IsFinite(v) && Math.Abs(v) <= MaxCoordinate;

    private static bool InRange(Point2d p) => InRange(p.X) && InRange(p.Y);

    /// <summary>A plain file name a frames folder may hold: merging joins it to that folder, so it must not leave it.</summary>
    private static bool IsFrameName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= 255 && name is not ("." or "..")
        && name.IndexOfAny(['/', '\\', '\0']) < 0 && !name.Any(char.IsControl);

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>Points as <c>[x, y]</c> arrays, the form other tools and numpy read directly.</summary>
    private sealed class PointConverter : JsonConverter<Point2d>
    {
        public override Point2d Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("a point must be [x, y]");
            reader.Read();
            var x = reader.GetDouble();
            reader.Read();
            var y = reader.GetDouble();
            reader.Read();
            if (reader.TokenType != JsonTokenType.EndArray) throw new JsonException("a point must be [x, y]");
            return new Point2d(x, y);
        }

        public override void Write(Utf8JsonWriter writer, Point2d value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(value.X);
            writer.WriteNumberValue(value.Y);
            writer.WriteEndArray();
        }
    }
}
