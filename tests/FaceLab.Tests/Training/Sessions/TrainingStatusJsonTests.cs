using System.Text.Json;
using FaceLab.Training.Sessions;

namespace FaceLab.Tests.Training.Sessions;

/// <summary>The status's state is an enum in code and the same lower-case string in JSON as before.</summary>
public class TrainingStatusJsonTests
{
    [Theory]
    [InlineData(TrainingState.Training, "training")]
    [InlineData(TrainingState.Stopped, "stopped")]
    public void TheStateIsWrittenAsItsFormerString(TrainingState state, string text)
    {
        var status = new TrainingStatus("model/a_DF", 12, 3.5, 0.1f, 0.2f, state, DateTimeOffset.UnixEpoch, null, "saved");

        var json = JsonSerializer.Serialize(status);

        Assert.Contains($"\"State\":\"{text}\"", json);
        Assert.Equal(status, JsonSerializer.Deserialize<TrainingStatus>(json));
    }

    [Fact]
    public void StatusJsonWrittenWithAStringStateStillReads()
    {
        const string json = """
            {"ModelFolder":"model/a_DF","Iteration":7,"LastIterationMs":1.5,"SourceLoss":null,"DestinationLoss":null,
             "State":"stopped","LastSave":null,"LatestPreview":null,"LastMessage":null}
            """;

        Assert.Equal(TrainingState.Stopped, JsonSerializer.Deserialize<TrainingStatus>(json)!.State);
    }
}
