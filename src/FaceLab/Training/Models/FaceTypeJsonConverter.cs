using System.Text.Json;
using System.Text.Json.Serialization;
using FaceLab.Faces.Alignment;

namespace FaceLab.Training.Models;

/// <summary>A <see cref="FaceType"/> as its name ("full", "head_no_align") in JSON.</summary>
internal sealed class FaceTypeJsonConverter : JsonConverter<FaceType>
{
    public override FaceType Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return FaceType.TryParse(text, out var type) ? type : throw new JsonException($"unknown face type '{text}'");
    }

    public override void Write(Utf8JsonWriter writer, FaceType value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
