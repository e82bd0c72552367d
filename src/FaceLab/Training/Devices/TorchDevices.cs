using FaceLab.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceLab.Training.Devices;

/// <summary>
/// Turns a <see cref="DeviceSelection"/> into torch devices. GPUs exist only in a CUDA build
/// (<c>-p:FaceLabTorchBackend=cuda</c>); on the CPU build <c>best</c> falls back to the CPU and an
/// explicit GPU list is an error.
/// </summary>
internal static class TorchDevices
{
    public static bool CudaAvailable => cuda.is_available();

    /// <summary>The devices to train on; the first holds the master weights and the optimizer.</summary>
    public static IReadOnlyList<Device> Resolve(DeviceSelection selection)
    {
        switch (selection.Kind)
        {
            case DeviceKind.Cpu:
                return [CPU];
            case DeviceKind.Best:
                if (!CudaAvailable) return [CPU];
                return [new Device(DeviceType.CUDA, GpuMemory.Largest(GpuMemory.TotalMegabytes(), cuda.device_count()))];
            default:
                var count = CudaAvailable ? cuda.device_count() : 0;
                var missing = selection.GpuIndices.Where(i => i >= count).ToList();
                if (missing.Count > 0)
                    throw count == 0
                        ? new FaceLabException($"GPU {string.Join(",", missing)}", "no CUDA GPU is available; this build uses the CPU libtorch",
                            "train on the CPU, or rebuild with -p:FaceLabTorchBackend=cuda")
                        : new FaceLabException($"GPU {string.Join(",", missing)}", $"not found; {count} GPU(s) available", $"choose GPUs numbered 0 to {count - 1}");
                return [.. selection.GpuIndices.Select(i => new Device(DeviceType.CUDA, i))];
        }
    }
}
