using FaceLab.Common;
using FaceLab.Fuzz;

// FaceLab.Fuzz TARGET                 one AFL++ session (stdin or the file AFL names), under afl-fuzz
// FaceLab.Fuzz seeds FOLDER           writes the seed corpus: FOLDER/TARGET/*
// FaceLab.Fuzz replay TARGET FILE...  runs saved inputs and prints each outcome (crash triage)
switch (args)
{
    case ["seeds", var folder]:
        foreach (var target in FuzzTargets.All)
        {
            var dir = Directory.CreateDirectory(Path.Combine(folder, target.Name)).FullName;
            foreach (var (name, bytes) in FuzzSeeds.For(target.Name)) File.WriteAllBytes(Path.Combine(dir, name), bytes);
        }
        return 0;
    case ["replay", var name, .. var files]:
        var replayed = FuzzTargets.Get(name);
        foreach (var file in files)
        {
            try
            {
                replayed.Run(File.ReadAllBytes(file));
                Console.WriteLine($"{file}: accepted");
            }
            catch (FaceLabException e)
            {
                Console.WriteLine($"{file}: rejected: {e.Message}");
            }
        }
        return 0;
    case [var name]:
        var fuzzed = FuzzTargets.Get(name);
        SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            try
            {
                fuzzed.Run(buffer.ToArray());
            }
            catch (FaceLabException)
            {
                // An accepted rejection: the one-line error the user would see.
            }
        });
        return 0;
    default:
        Console.Error.WriteLine($"usage: FaceLab.Fuzz TARGET | seeds FOLDER | replay TARGET FILE...; targets: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}");
        return 2;
}
