using System.Diagnostics;

namespace FaceLab.Bench;

/// <summary>
/// This process's CPU time divided by the cores: a training budget counted on it is the work the
/// machine's cores did for us, whatever else runs beside. On an otherwise idle machine where training
/// keeps every core busy it runs at the wall clock's pace; under load it slows down with our share.
/// </summary>
internal sealed class ProcessCpuClock : TimeProvider
{
    private readonly Process _process = Process.GetCurrentProcess();
    private readonly object _gate = new();

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        lock (_gate)
        {
            _process.Refresh();
            return _process.TotalProcessorTime.Ticks / Environment.ProcessorCount;
        }
    }
}
