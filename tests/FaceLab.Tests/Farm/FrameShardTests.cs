using FaceLab.Common;
using FaceLab.Farm;

namespace FaceLab.Tests.Farm;

public class FrameShardTests
{
    [Theory]
    [InlineData(200, 4)]
    [InlineData(201, 4)]
    [InlineData(7, 3)]
    [InlineData(5, 5)]
    [InlineData(1000, 7)]
    public void Shards_cover_every_frame_once_in_order(int frames, int count)
    {
        var covered = Enumerable.Range(0, count).SelectMany(i =>
        {
            var (first, last) = new FrameShard(i, count).PositionsIn(frames);
            return Enumerable.Range(first, Math.Max(0, last - first + 1));
        });
        Assert.Equal(Enumerable.Range(0, frames), covered);
    }

    [Fact]
    public void Shard_two_of_four_over_200_frames_is_frames_101_to_150()
    {
        Assert.Equal((100, 149), FrameShard.Parse("2/4").PositionsIn(200));
        Assert.Equal("shard-0002-of-0004", FrameShard.Parse("2/4").Tag);
    }

    [Theory]
    [InlineData("SLURM_ARRAY_TASK_ID", "3", 3)]
    [InlineData("JOB_COMPLETION_INDEX", "0", 0)]
    [InlineData("SGE_TASK_ID", "4", 3)] // Grid Engine counts tasks from 1
    public void Auto_takes_the_index_from_the_engine(string variable, string value, int index)
    {
        var shard = FrameShard.Parse("auto/4", name => name == variable ? value : null);
        Assert.Equal(new FrameShard(index, 4), shard);
    }

    [Theory]
    [InlineData("4/4")]
    [InlineData("-1/4")]
    [InlineData("1/0")]
    [InlineData("1")]
    [InlineData("a/b")]
    public void Bad_shards_are_refused(string text) =>
        Assert.Throws<FaceLabException>(() => FrameShard.Parse(text, _ => null));

    [Fact]
    public void Auto_without_a_job_array_is_refused() =>
        Assert.Contains("no job array index", Assert.Throws<FaceLabException>(() => FrameShard.Parse("auto/4", _ => null)).Message);

    [Theory]
    [InlineData(new[] { 0, 1, 2, 3 }, null, "0-3")]
    [InlineData(new[] { 3, 1 }, 2, "1,3%2")]
    [InlineData(new[] { 0, 1, 2, 5, 7, 8 }, 4, "0-2,5,7-8%4")]
    public void Array_specs_join_runs_of_indices(int[] indices, int? limit, string spec) =>
        Assert.Equal(spec, SlurmEngine.ArraySpec(indices, limit));

    [Theory]
    [InlineData("PENDING", FarmTaskState.Waiting)]
    [InlineData("RUNNING", FarmTaskState.Running)]
    [InlineData("COMPLETED", FarmTaskState.Succeeded)]
    [InlineData("CANCELLED", FarmTaskState.Failed)]
    [InlineData("PREEMPTED", FarmTaskState.Failed)]
    [InlineData("NODE_FAIL", FarmTaskState.Failed)]
    public void Slurm_states_map_to_farm_states(string slurm, FarmTaskState state) =>
        Assert.Equal(state, SlurmEngine.StateOf(slurm));
}
