using System.CommandLine;
using FaceLab.Common;
using FaceLab.Workspace;

namespace FaceLab.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static readonly Option<DirectoryInfo> Workspace = new("--workspace")
    {
        Description = "Workspace folder (default: the current folder)",
        Recursive = true,
    };

    public static Option<bool> Overwrite(string what) => new("--overwrite")
    {
        Description = $"Replace {what} that already exists (default: refuse)",
    };

    /// <summary>
    /// An option whose values are the members of <typeparamref name="T"/> in lower case, as the
    /// README writes them (<c>png|jpg</c>), accepted in any case; a wrong value is one error line naming the valid ones.
    /// It is null when not given: a default value would show in help as the member's C# name.
    /// </summary>
    public static Option<T?> Choice<T>(string name, string description, T defaultValue) where T : struct, Enum
    {
        var names = Enum.GetNames<T>().Select(n => n.ToLowerInvariant()).ToArray();
        var option = new Option<T?>(name)
        {
            Description = $"{description} (default: {defaultValue.ToString().ToLowerInvariant()})",
            HelpName = string.Join('|', names),
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
                if (names.Contains(text, StringComparer.OrdinalIgnoreCase)) return Enum.Parse<T>(text, ignoreCase: true);
                result.AddError($"{name} {text}: not a valid value; use one of {string.Join(", ", names)}");
                return null;
            },
        };
        option.CompletionSources.Add(names);
        return option;
    }

    /// <summary>
    /// Restricts <paramref name="option"/> to the names of <paramref name="registry"/>, in any case
    /// as the library looks them up; another value is the registry's own error, on one line.
    /// </summary>
    public static Option<string> NamesFrom<T>(this Option<string> option, Registry<T> registry)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } value && !registry.TryGet(value, out _))
                result.AddError($"{option.Name} {registry.Unknown(value).Message}");
        });
        option.CompletionSources.Add([.. registry.Names]);
        return option;
    }

    public static WorkspaceLayout WorkspaceOf(ParseResult result) =>
        WorkspaceLayout.At(result.GetValue(Workspace)?.FullName);
}
