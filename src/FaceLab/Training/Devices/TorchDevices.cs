using FaceLab.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceLab.Training.Devices;

/// <summary>
/// Turns a <see cref="DeviceSelection"/> into torch devices. GPUs exist only in a CUDA build
/// (<c>-p:FaceLabTorchBackend=cuda</c>); on the CPU build <c>best</c> falls back to the CPU and an
/// explicit GPU list is an error.
/// </summary>
public static class TorchDevices
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
                // LibTorch does not report free memory through TorchSharp; GPU 0 is CUDA's fastest by default ordering.
                return CudaAvailable ? [new Device(DeviceType.CUDA, 0)] : [CPU];
            default:
                var count = CudaAvailable ? cuda.device_count() : 0;
                var missing = selection.GpuIndices.Where(i => i >= count).ToList();
                if (missing.Count > 0)
                    throw new FaceLabException(count == 0
                        ? "no CUDA GPU is available (this build uses the CPU libtorch; rebuild with -p:FaceLabTorchBackend=cuda)"
                        : $"GPU {string.Join(",", missing)} not found; {count} GPU(s) available");
                return [.. selection.GpuIndices.Select(i => new Device(DeviceType.CUDA, i))];
        }
    }
}
