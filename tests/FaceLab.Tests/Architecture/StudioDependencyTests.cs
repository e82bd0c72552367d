using ArchUnitNET.Domain;
using ArchUnitNET.Fluent;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace FaceLab.Tests.Architecture;

/// <summary>
/// The studio is a front end like the CLI: it uses the library's public API, runs trained models
/// only through the inference API, starts and watches training only through the training-control
/// API (<c>FaceLab.Training.Control</c>: model types as form fields, a run with its status, losses,
/// previews and save/backup/stop), and the library never knows it exists.
/// </summary>
/// <remarks>
/// How each rule was seen to fail. A temporary file in src/FaceLab.Studio held a type using
/// Training.Sessions.ModelSpec and one using a type in FaceLab.Cli.Probe declared inside the studio
/// (a real reference to the CLI cannot compile: the CLI references the studio); a temporary file in
/// src/FaceLab held a type in FaceLab.Common using a type in FaceLab.Studio.Probe declared inside
/// the library. StudioUsesNoTrainingInternals, StudioNeverUsesTheCommandLine and
/// TheLibraryNeverUsesTheStudio failed, each naming the offending type; removed, all pass.
/// </remarks>
public class StudioDependencyTests
{
    private static readonly ArchUnitNET.Domain.Architecture Code = FaceLabCode.All;

    private static IObjectProvider<IType> Studio =>
        Types().That().ResideInNamespaceOrBelow("FaceLab.Studio").As("the studio");

    [Fact]
    public void TheLibraryNeverUsesTheStudio() =>
        Types().That().ResideInAssembly(typeof(FaceLab.Common.FaceLabException).Assembly).Should().NotDependOnAny(Studio)
            .Because("the library serves every front end and knows none of them")
            .Check(Code);

    [Fact]
    public void StudioUsesNoTrainingInternals() =>
        Types().That().Are(Studio).Should()
            .NotDependOnAny(Types().That().ResideInNamespaceMatching(@"^FaceLab\.Training\.(?!Inference$|Control$).*$").As("training internals"))
            .Because("the trained model is the plug-in unit: the studio runs it through the inference API and trains it through the control API only")
            .Check(Code);

    [Fact]
    public void TheTrainingControlApiExposesNoTrainingInternals() =>
        MethodMembers().That().AreDeclaredIn(Types().That().ResideInNamespace("FaceLab.Training.Control")).And().ArePublic().Should()
            .NotHaveReturnType(Types().That().ResideInNamespaceMatching(@"^FaceLab\.Training\.(?!Control$).*$"))
            .Because("a front end sees training through the control API's own records, so sessions can change behind it")
            .Check(Code);

    [Fact]
    public void StudioNeverUsesTheCommandLine() =>
        Types().That().Are(Studio).Should().NotDependOnAny(Types().That().ResideInNamespaceOrBelow("FaceLab.Cli").As("the CLI"))
            .Because("the CLI starts the studio, never the other way round")
            .Check(Code);
}
