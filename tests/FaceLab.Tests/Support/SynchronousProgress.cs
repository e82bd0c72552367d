using FaceLab.Common;

namespace FaceLab.Tests.Support;

/// <summary>An IProgress that calls back on the reporting thread (Progress&lt;T&gt; posts asynchronously).</summary>
public sealed class SynchronousProgress(Action<OperationProgress> onReport) : IProgress<OperationProgress>
{
    public void Report(OperationProgress value) => onReport(value);
}
