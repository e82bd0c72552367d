using System.Text.Json.Serialization;

namespace FaceLab.Training.Sessions;

/// <summary>What a trainer is doing; in JSON the lower-case names "training" and "stopped", as the status always had.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TrainingState>))]
public enum TrainingState
{
    /// <summary>Running steps (saves and rollbacks happen between them).</summary>
    [JsonStringEnumMemberName("training")]
    Training,

    /// <summary>Finished: stopped by a request, a target or a signal, and saved.</summary>
    [JsonStringEnumMemberName("stopped")]
    Stopped,
}
