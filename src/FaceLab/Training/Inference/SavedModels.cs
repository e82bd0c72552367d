using FaceLab.Training.Sessions;

namespace FaceLab.Training.Inference;

/// <summary>A saved model as a front end lists it: its folder, name, type and last saved iteration.</summary>
/// <param name="Folder">The model folder (full path).</param>
/// <param name="FolderName">The folder's name (<c>demo_DF</c>), which names the model uniquely.</param>
/// <param name="Iteration">The iteration of the last checkpoint; 0 before the first save.</param>
public sealed record SavedModel(string Folder, string FolderName, string Name, string Type, long Iteration);

/// <summary>The models of a workspace (<c>model/</c>), for front ends that run them through this namespace only.</summary>
public static class SavedModels
{
    /// <summary>Every model folder under <paramref name="modelsRoot"/>, by folder name.</summary>
    public static IReadOnlyList<SavedModel> List(string modelsRoot) => [.. ModelFolder.List(modelsRoot).Select(Describe)];

    /// <summary>
    /// The model <paramref name="name"/> (its folder name or model name) under <paramref name="modelsRoot"/>;
    /// null picks the only one. An error naming the choices when there is no such single model.
    /// </summary>
    public static SavedModel Find(string modelsRoot, string? name) => Describe(ModelFolder.Find(modelsRoot, name));

    private static SavedModel Describe(ModelFolder model) =>
        new(model.Folder, Path.GetFileName(model.Folder), model.Spec.Name, model.Spec.ModelType, model.Iteration);
}
