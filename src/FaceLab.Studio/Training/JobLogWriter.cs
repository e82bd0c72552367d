using System.Text;
using FaceLab.Studio.Jobs;

namespace FaceLab.Studio.Training;

/// <summary>A text writer whose lines go to a job's log: the trainer's console lines, shown in the jobs panel.</summary>
internal sealed class JobLogWriter(StudioJob job) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            job.Log(_line.ToString().TrimEnd('\r'));
            _line.Clear();
        }
        else
        {
            _line.Append(value);
        }
    }

    public override void WriteLine(string? value)
    {
        _line.Append(value);
        Write('\n');
    }
}
