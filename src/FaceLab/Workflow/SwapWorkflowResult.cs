using FaceLab.Evaluation;
using FaceLab.Provenance;

namespace FaceLab.Workflow;

/// <summary>What a finished workflow produced.</summary>
/// <param name="Workspace">The workspace folder.</param>
/// <param name="ResultVideo">The assembled video with the swap.</param>
/// <param name="Comparison">Original and swapped frames side by side.</param>
/// <param name="ModelFolder">The trained model's folder.</param>
/// <param name="Iteration">The model's iteration the merge used.</param>
/// <param name="Frames">Frames merged and assembled.</param>
/// <param name="FacesReplaced">Faces the swap replaced in those frames.</param>
/// <param name="Mark">The synthetic-media mark read back from the video.</param>
/// <param name="Evaluation">How good the swap is, also saved in the model folder.</param>
public sealed record SwapWorkflowResult(
    string Workspace, string ResultVideo, string Comparison, string ModelFolder, long Iteration,
    int Frames, int FacesReplaced, ProvenanceMark? Mark, EvaluationReport Evaluation);
