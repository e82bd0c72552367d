using FaceLab.Common;
using FaceLab.Training.Devices;
using FaceLab.Training.Models;
using FaceLab.Training.Optimization;

namespace FaceLab.Tests.Training;

public class RegistryAndDeviceTests
{
    [Fact]
    public void Registry_has_the_seed_models_by_cli_name()
    {
        Assert.Equal(["H64", "H64-light", "H128", "DF", "LIAEF128", "LIAEF128YAW", "MIAEF128", "Quick96", "SAEHD", "AVATAR"], ModelRegistry.Names);
        Assert.Equal("DF", ModelRegistry.Get("df").Name);
        var error = Assert.Throws<FaceLabException>(() => ModelRegistry.Get("SAEHD9"));
        Assert.Contains("LIAEF128", error.Hint);
    }

    [Fact]
    public void Defaults_follow_the_design_table()
    {
        Assert.Equal((64, "half", 1024, 128), Summary(H64Model.Defaults));
        Assert.Equal((64, "half", 512, 64), Summary(H64Model.LightDefaults));
        Assert.Equal((128, "half", 512, 128), Summary(H128Model.Defaults));
        Assert.Equal((128, "full", 512, 128), Summary(DfModel.Defaults));
        Assert.Equal((128, "full", 256, 128), Summary(Liaef128Model.Defaults));
        Assert.Equal((96, "full", 128, 64), Summary(Quick96Model.Defaults));
        Assert.Equal(64, Quick96Model.Defaults.EncoderDims);
        var adam = new AdamOptions();
        Assert.Equal((5e-5, 0.5, 0.999), (adam.LearningRate, adam.Beta1, adam.Beta2));
    }

    [Fact]
    public void Quick96_refuses_another_resolution()
    {
        var q = ModelRegistry.Get("Quick96");
        Assert.Throws<FaceLabException>(() => q.Create(q.TinyOptions() with { Resolution = 128 }));
    }

    [Fact]
    public void Device_selection_parses_the_cli_forms()
    {
        Assert.Equal(DeviceKind.Cpu, DeviceSelection.Parse("cpu").Kind);
        Assert.Equal(DeviceKind.Best, DeviceSelection.Parse("BEST").Kind);
        Assert.Equal([0, 1], DeviceSelection.Parse("0,1").GpuIndices);
        Assert.Throws<FaceLabException>(() => DeviceSelection.Parse("gpu"));
        Assert.Throws<FaceLabException>(() => DeviceSelection.Parse("1,1"));
    }

    [Fact]
    public void Cpu_build_resolves_best_to_the_cpu_and_refuses_gpu_lists()
    {
        if (TorchDevices.CudaAvailable) return; // only meaningful on the CPU build
        Assert.Equal(TorchSharp.DeviceType.CPU, TorchDevices.Resolve(DeviceSelection.Best)[0].type);
        Assert.Throws<FaceLabException>(() => TorchDevices.Resolve(DeviceSelection.Gpus(0)));
    }

    private static (int, string, int, int) Summary(AutoencoderOptions o) => (o.Resolution, o.FaceType.ToString(), o.AeDims, o.DecoderDims);
}

public class GpuMemoryTests
{
    [Fact]
    public void BestPicksTheGpuWithTheMostMemory()
    {
        var totals = FaceLab.Training.Devices.GpuMemory.Parse("8192\n24576\n24576\n");
        Assert.Equal([8192L, 24576L, 24576L], totals);
        Assert.Equal(1, FaceLab.Training.Devices.GpuMemory.Largest(totals, 3));
        Assert.Equal(0, FaceLab.Training.Devices.GpuMemory.Largest(totals, 2)); // nvidia-smi and CUDA disagree: no guess
        Assert.Empty(FaceLab.Training.Devices.GpuMemory.Parse("No devices were found"));
    }
}
